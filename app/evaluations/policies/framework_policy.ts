import { TenantPolicy } from '#shared/policy'
import type { User } from '#accounts'
import type { Division } from '#centres'

/**
 * Frameworks are the network's: its admins import, version and assign them to
 * centres; a centre's manager says which of them each class works with.
 */
export default class FrameworkPolicy extends TenantPolicy {
  manage(actor: User) {
    return this.isNetworkAdmin(actor)
  }

  /** The frameworks of a class: seen by those who see the class. */
  viewClass(actor: User, division: Division) {
    return (
      this.is(actor, 'network_admin', 'account_manager', 'centre_manager', 'teacher') &&
      this.canSeeCentre(actor, division.centreId)
    )
  }

  /** Chosen by the centre's manager, among the frameworks the network gave the centre. */
  assignClass(actor: User, division: Division) {
    return this.is(actor, 'centre_manager') && this.canSeeCentre(actor, division.centreId)
  }
}
