import type { HttpContext } from '@adonisjs/core/http'
import type { User } from '#accounts'
import { DomainError } from '#shared/errors'
import { candidateOptions, correctIdentity, examDayIdentityValidator } from '#candidates'
import { assertCapturable, registrationInScope } from '#passports/services/uploads'

/**
 * "Informations candidat" (seed 000 part 3): on exam day the examiner checks
 * the identity against the ID document and corrects it ("Annuler" goes back
 * untouched, "Valider" saves). Those who capture in the centre may, while the
 * passport is open; a locked file stays for the network to correct.
 */
export default class PassportCandidatesController {
  async edit({ params, view, auth, bouncer, i18n }: HttpContext) {
    const registration = await this.registration(auth.getUserOrFail(), params.id)
    await bouncer.with('PassportPolicy').authorize('editCandidate', registration.session.centreId)
    assertCapturable(registration)
    return view.render('passports::pages/candidate', {
      registration,
      candidate: registration.candidate,
      options: candidateOptions(i18n),
    })
  }

  async update({ params, request, response, auth, bouncer, session, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const registration = await this.registration(actor, params.id)
    await bouncer.with('PassportPolicy').authorize('editCandidate', registration.session.centreId)
    assertCapturable(registration)
    const data = await request.validateUsing(examDayIdentityValidator)
    await correctIdentity(actor, registration.candidate, data)
    session.flash('success', i18n.t('passports.candidate.saved'))
    return response.redirect().toRoute('passport_records.capture', { id: registration.id })
  }

  /** The registration, and its candidate only when the file is the session centre's. */
  protected async registration(actor: User, id: unknown) {
    const registration = await registrationInScope(actor, id)
    if (registration.candidate.centreId !== registration.session.centreId)
      throw new DomainError('passport_candidate_elsewhere', {}, 404)
    return registration
  }
}
