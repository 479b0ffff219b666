import type { HttpContext } from '@adonisjs/core/http'
import { toId } from '#shared/tenancy'
import Attestation from '#sessions/models/attestation'
import { attestationPdf } from '#sessions/services/attestation_documents'
import { downloadHeaders } from '#shared/http/downloads'

/**
 * "Mes résultats" of a learner: the attestations of the candidate files
 * linked to its account, once published; it downloads its own.
 */
export default class MyResultsController {
  async index({ view, auth, bouncer }: HttpContext) {
    const actor = auth.getUserOrFail()
    await bouncer.with('SessionPolicy').authorize('ownResults')
    const attestations = await this.own(actor.id).orderBy('attestations.issued_at', 'desc')
    return view.render('sessions::pages/my_results', { attestations })
  }

  async show({ params, auth, bouncer, response, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    await bouncer.with('SessionPolicy').authorize('ownResults')
    const attestation = await this.own(actor.id)
      .where('attestations.id', toId(params.id))
      .firstOrFail()
    const pdf = await attestationPdf(attestation, i18n.t.bind(i18n))
    downloadHeaders(response, {
      filename: `attestation-${attestation.code}.pdf`,
      mime: 'application/pdf',
    })
    return response.send(pdf)
  }

  protected own(userId: number) {
    return Attestation.query()
      .join('registrations', 'registrations.id', 'attestations.registration_id')
      .join('candidates', 'candidates.id', 'registrations.candidate_id')
      .join('exam_sessions', 'exam_sessions.id', 'registrations.session_id')
      .where('candidates.user_id', userId)
      .where('exam_sessions.status', 'results_published')
      .where('attestations.status', 'valid')
      .select('attestations.*')
  }
}
