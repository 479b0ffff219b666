import type { HttpContext } from '@adonisjs/core/http'
import { toId } from '#shared/tenancy'
import drive from '@adonisjs/drive/services/main'
import { streamStored } from '#shared/uploads/uploads'
import { renderPage } from '#shared/ui/table'
import BackgroundJob from '#shared/jobs/background_job'
import { startJob } from '#shared/jobs/jobs'
import { DomainError } from '#shared/errors'
import type { User } from '#accounts'
import ExamSession from '#sessions/models/exam_session'
import Attestation from '#sessions/models/attestation'
import { attestationPdf, attestationsPdf } from '#sessions/services/attestation_documents'
import { downloadHeaders } from '#shared/http/downloads'

/**
 * Attestations of a session: one per registration, or all of them as one PDF
 * made in the background (a progress bar, then the download).
 */
export default class AttestationsController {
  async show({ params, auth, bouncer, response, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const session = await this.session(actor, params.id, bouncer)
    const attestation = await this.visible(actor, session)
      .where('registrations.id', toId(params.registrationId))
      .firstOrFail()
    const pdf = await attestationPdf(attestation, i18n.t.bind(i18n))
    downloadHeaders(response, {
      filename: `attestation-${session.number}-${attestation.registrationId}.pdf`,
      mime: 'application/pdf',
    })
    return response.send(pdf)
  }

  /** "Télécharger toutes les attestations": a job; the page shows its progress. */
  async batch({ params, auth, bouncer, response, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const session = await this.session(actor, params.id, bouncer)
    const attestations = await this.visible(actor, session).orderBy('registrations.number')
    if (attestations.length === 0) throw new DomainError('attestations_none')
    const t = i18n.t.bind(i18n)
    const job = await startJob(
      {
        type: 'attestations',
        userId: actor.id,
        centreId: session.centreId,
        subjectType: 'exam_session',
        subjectId: session.id,
      },
      async ({ job: running, progress }) => {
        await progress(0, attestations.length)
        const pdf = await attestationsPdf(attestations, t, (done) => progress(done))
        const key = `jobs/${running.id}/attestations-${session.number}.pdf`
        await drive.use().put(key, Buffer.from(pdf))
        return { key, name: `attestations-${session.number}.pdf` }
      }
    )
    return response.redirect().toRoute('attestations.job', { id: session.id, jobId: job.id })
  }

  /** The job's page; htmx polls the same address for the progress fragment. */
  async job(ctx: HttpContext) {
    const { params, auth, bouncer } = ctx
    const actor = auth.getUserOrFail()
    const session = await this.session(actor, params.id, bouncer)
    const job = await this.ownJob(actor, session, params.jobId)
    return renderPage(ctx, 'sessions::pages/attestations_job', 'sessions::partials/job_progress', {
      session,
      job,
    })
  }

  async download({ params, auth, bouncer, response }: HttpContext) {
    const actor = auth.getUserOrFail()
    const session = await this.session(actor, params.id, bouncer)
    const job = await this.ownJob(actor, session, params.jobId)
    if (job.status !== 'done' || !job.resultKey) return response.notFound()
    return streamStored(response, job.resultKey, {
      filename: job.resultName ?? 'attestations.pdf',
      mime: 'application/pdf',
    })
  }

  /** A job is seen only by whom started it, on its session. */
  protected ownJob(actor: User, session: ExamSession, id: unknown) {
    return BackgroundJob.query()
      .where('id', toId(id))
      .where('user_id', actor.id)
      .where('subject_type', 'exam_session')
      .where('subject_id', session.id)
      .firstOrFail()
  }

  /**
   * Valid attestations of the session this user may download: the network
   * all; the centre only once results are published (withheld registrations
   * have none).
   */
  protected visible(actor: User, session: ExamSession) {
    const query = Attestation.query()
      .join('registrations', 'registrations.id', 'attestations.registration_id')
      .where('registrations.session_id', session.id)
      .where('attestations.status', 'valid')
      .select('attestations.*')
    if (
      !['network_admin', 'account_manager'].includes(actor.role) &&
      session.status !== 'results_published'
    )
      query.whereRaw('1 = 0')
    return query
  }

  protected async session(actor: User, id: unknown, bouncer: HttpContext['bouncer']) {
    const session = await ExamSession.findVisibleOrFail(actor, id)
    await bouncer.with('SessionPolicy').authorize('viewResults', session)
    return session
  }
}
