import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import { Candidate, candidateOptions, candidateTable, groupOptions } from '#candidates'
import { DomainError } from '#shared/errors'
import BackgroundJob from '#shared/jobs/background_job'
import { startJob } from '#shared/jobs/jobs'
import { toId } from '#shared/tenancy'
import { idList } from '#shared/ui/forms'
import { renderPage } from '#shared/ui/table'
import { streamStored } from '#shared/uploads/uploads'
import type { User } from '#accounts'
import { MAX_BULK } from '#orders/services/assignments'
import {
  DOCUMENT_KINDS,
  documentPdf,
  documentsPdf,
  holdersOf,
  isDocumentKind,
  visibleCandidates,
} from '#orders/services/documents'
import type { DocumentKind } from '#orders/services/documents'
import { downloadHeaders } from '#shared/http/downloads'

/** "report,attendance" → the kinds, in their canonical order; unknown ones dropped. */
function kindsOf(value: unknown): DocumentKind[] {
  const wanted = new Set(String(value ?? '').split(','))
  return DOCUMENT_KINDS.filter((kind) => wanted.has(kind))
}

/**
 * The documents of certifications (seed 004 §6.10–6.12): one candidate's in
 * the browser, or "Générer des documents" for many selected candidates as
 * one PDF, made in the background with a progress bar.
 */
export default class CreditDocumentsController {
  async show({ params, auth, bouncer, response, i18n }: HttpContext) {
    const candidate = await Candidate.findVisibleOrFail(auth.getUserOrFail(), params.id)
    await bouncer.with('CreditPolicy').authorize('documents', candidate)
    if (!isDocumentKind(params.kind)) return response.notFound()
    const pdf = await documentPdf(params.kind, candidate, i18n.t.bind(i18n))
    if (!pdf) throw new DomainError('document_unavailable', {}, 404)
    const name = `${i18n.t(`orders.documents.file_${params.kind}`)}-${candidate.lastName}.pdf`
    downloadHeaders(response, { filename: name, mime: 'application/pdf', inline: true })
    return response.send(pdf)
  }

  /** Step 1: which documents. */
  async create({ view, bouncer }: HttpContext) {
    await bouncer.with('CreditPolicy').authorize('batchDocuments')
    return view.render('orders::pages/documents/choose', { kinds: DOCUMENT_KINDS })
  }

  /** The choice, into the picker's address. */
  async choose({ request, response, bouncer }: HttpContext) {
    await bouncer.with('CreditPolicy').authorize('batchDocuments')
    const raw = request.input('kinds')
    const kinds = kindsOf((Array.isArray(raw) ? raw : [raw]).join(','))
    if (kinds.length === 0) throw new DomainError('documents_none_chosen')
    return response.redirect().toPath(`/documents/for/${kinds.join(',')}`)
  }

  /** Step 2: the candidates for whom at least one chosen document exists. */
  async picker(ctx: HttpContext) {
    await ctx.bouncer.with('CreditPolicy').authorize('batchDocuments')
    const kinds = kindsOf(ctx.params.kinds)
    if (kinds.length === 0) return ctx.response.redirect().toRoute('credit_documents.create')
    const { table, query } = candidateTable(ctx)
    query.where((q) => {
      for (const kind of kinds) q.orWhereExists(holdersOf(kind))
    })
    const candidates = await table.paginate(table.applySort(query, 'candidates.id'), MAX_BULK)
    return renderPage(
      ctx,
      'orders::pages/documents/picker',
      'orders::partials/candidate_picker_table',
      {
        kinds,
        candidates,
        table,
        groups: await groupOptions(ctx),
        options: candidateOptions(ctx.i18n),
        emptyKey: 'orders.documents.picker_empty',
      }
    )
  }

  /** "Générer": the job starts; its page shows the progress, then the download. */
  async store({ request, response, auth, bouncer, i18n }: HttpContext) {
    await bouncer.with('CreditPolicy').authorize('batchDocuments')
    const actor = auth.getUserOrFail()
    const kinds = kindsOf(request.input('kinds'))
    const ids = idList(request.input('candidate_ids'))
    if (kinds.length === 0) throw new DomainError('documents_none_chosen')
    if (ids.length === 0) throw new DomainError('credit_none_selected')
    if (ids.length > MAX_BULK) throw new DomainError('credit_too_many', { max: MAX_BULK })
    const candidates = await visibleCandidates(actor, ids)
    if (candidates.length !== ids.length) throw new DomainError('candidate_not_found', {}, 404)
    const t = i18n.t.bind(i18n)
    const name = `${t('orders.documents.file_batch')}.pdf`
    const job = await startJob(
      {
        type: 'credit_documents',
        userId: actor.id,
        centreId: candidates[0].centreId,
        subjectType: 'credit_documents',
        subjectId: null,
      },
      async ({ job: running, progress }) => {
        await progress(0, candidates.length)
        const pdf = await documentsPdf(kinds, candidates, t, (done) => progress(done))
        if (!pdf) throw new Error('no document for the selected candidates')
        const key = `jobs/${running.id}/documents.pdf`
        await drive.use().put(key, Buffer.from(pdf))
        return { key, name }
      }
    )
    return response.redirect().toRoute('credit_documents.job', { id: job.id })
  }

  /** The job's page; htmx polls the same address for the progress fragment. */
  async job(ctx: HttpContext) {
    const job = await this.ownJob(ctx.auth.getUserOrFail(), ctx.params.id)
    return renderPage(ctx, 'orders::pages/documents/job', 'orders::partials/documents_job', { job })
  }

  async download({ params, auth, response }: HttpContext) {
    const job = await this.ownJob(auth.getUserOrFail(), params.id)
    if (job.status !== 'done' || !job.resultKey) return response.notFound()
    return streamStored(response, job.resultKey, {
      filename: job.resultName ?? 'documents.pdf',
      mime: 'application/pdf',
    })
  }

  /** A job is seen only by whom started it. */
  protected ownJob(actor: User, id: unknown) {
    return BackgroundJob.query()
      .where('id', toId(id))
      .where('user_id', actor.id)
      .where('type', 'credit_documents')
      .firstOrFail()
  }
}
