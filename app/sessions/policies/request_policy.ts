import { TenantPolicy } from '#shared/policy'
import type { User } from '#accounts'
import type ExamSession from '#sessions/models/exam_session'
import type RegistrationRequest from '#sessions/models/registration_request'

/**
 * Requests about registrations: the centre (manager, staff) asks; the account
 * manager of its portfolio, or a network admin, decides. Both sides read them.
 */
export default class RequestPolicy extends TenantPolicy {
  viewList(actor: User) {
    return this.is(actor, 'network_admin', 'account_manager', 'centre_manager', 'centre_staff')
  }

  view(actor: User, request: RegistrationRequest) {
    return this.viewList(actor) && this.canSeeCentre(actor, request.centreId)
  }

  /** A request is made by the centre that holds the registration. */
  create(actor: User, session: ExamSession) {
    return (
      this.is(actor, 'centre_manager', 'centre_staff') && this.canSeeCentre(actor, session.centreId)
    )
  }

  decide(actor: User, request: RegistrationRequest) {
    return (
      this.is(actor, 'network_admin', 'account_manager') &&
      this.canSeeCentre(actor, request.centreId)
    )
  }

  /** "Réinscrire le candidat": the account manager or the centre (seed 001 part 5). */
  reRegister(actor: User, request: RegistrationRequest) {
    return (
      request.kind === 'postponement' &&
      this.is(actor, 'network_admin', 'account_manager', 'centre_manager', 'centre_staff') &&
      this.canSeeCentre(actor, request.centreId)
    )
  }
}
