import { TenantPolicy } from '#shared/policy'
import type { User } from '#accounts'
import type Division from '#centres/models/division'

/** Classes of training centres: their managers run them, teachers consult them. */
export default class DivisionPolicy extends TenantPolicy {
  viewList(actor: User) {
    return this.is(actor, 'network_admin', 'account_manager', 'centre_manager', 'teacher')
  }

  create(actor: User) {
    return this.is(actor, 'centre_manager')
  }

  /** "Réinitialiser les comptes marqués": new password links for learners. */
  sendLinks(actor: User, division: Division) {
    return this.is(actor, 'centre_manager') && this.canSeeCentre(actor, division.centreId)
  }
}
