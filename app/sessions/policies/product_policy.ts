import { TenantPolicy } from '#shared/policy'
import type { User } from '#accounts'

/** The catalogue is the network admin's; the portal reads it. */
export default class ProductPolicy extends TenantPolicy {
  viewList(actor: User) {
    return this.is(actor, 'network_admin', 'account_manager', 'centre_manager', 'centre_staff')
  }

  manage(actor: User) {
    return this.isNetworkAdmin(actor)
  }

  /** "Mon centre › Tarifs": the centre manager sets them, staff read them. */
  viewTariffs(actor: User) {
    return this.is(actor, 'centre_manager', 'centre_staff')
  }

  editTariffs(actor: User) {
    return this.is(actor, 'centre_manager')
  }
}
