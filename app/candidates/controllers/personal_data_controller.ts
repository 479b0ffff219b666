import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import AuditLog from '#shared/audit/audit_log'
import { refuseField } from '#shared/ui/forms'
import Candidate from '#candidates/models/candidate'
import { anonymiseCandidate, personalDataZip } from '#candidates/services/personal_data'
import { downloadHeaders } from '#shared/http/downloads'

const anonymiseValidator = vine.create({
  understood: vine.accepted(),
  confirmation: vine.string().trim().maxLength(100),
})

/** GDPR (SPEC §2 candidates): the export of everything held, and anonymisation. */
export default class PersonalDataController {
  async export({ params, response, auth, bouncer, request }: HttpContext) {
    const actor = auth.getUserOrFail()
    const candidate = await Candidate.findVisibleOrFail(actor, params.id)
    await bouncer.with('CandidatePolicy').authorize('personalData', candidate)
    await AuditLog.record({
      actor,
      action: 'candidate.personal_data_exported',
      entityType: 'candidate',
      entityId: candidate.id,
      centreId: candidate.centreId,
      ip: request.ip(),
    })
    const zip = await personalDataZip(candidate)
    downloadHeaders(response, {
      filename: `candidate-${candidate.id}-personal-data.zip`,
      mime: 'application/zip',
    })
    response.header('Cache-Control', 'no-store')
    return response.stream(zip)
  }

  /** First confirmation: what will go, what stays; the user types the name. */
  async confirm({ params, view, auth, bouncer }: HttpContext) {
    const candidate = await Candidate.findVisibleOrFail(auth.getUserOrFail(), params.id)
    await bouncer.with('CandidatePolicy').authorize('anonymise', candidate)
    return view.render('candidates::pages/anonymise', { candidate })
  }

  /** Second confirmation checked here, on the server: irreversible. */
  async anonymise(ctx: HttpContext) {
    const { params, request, response, auth, bouncer, session, i18n } = ctx
    const actor = auth.getUserOrFail()
    const candidate = await Candidate.findVisibleOrFail(actor, params.id)
    await bouncer.with('CandidatePolicy').authorize('anonymise', candidate)
    const data = await request.validateUsing(anonymiseValidator)
    if (data.confirmation.toLowerCase() !== candidate.lastName.toLowerCase())
      return refuseField(ctx, 'confirmation', i18n.t('candidates.anonymise_mismatch'))
    await anonymiseCandidate(actor, candidate)
    session.flash('success', i18n.t('candidates.anonymised'))
    return response.redirect().toRoute('candidates.index')
  }
}
