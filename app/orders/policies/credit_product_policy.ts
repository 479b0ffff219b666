import { TenantPolicy } from '#shared/policy'
import type { User } from '#accounts'

/** The credit catalogue and its prices are the network admin's (seed 004 §4.3). */
export default class CreditProductPolicy extends TenantPolicy {
  viewList(actor: User) {
    return this.isNetworkAdmin(actor)
  }

  manage(actor: User) {
    return this.isNetworkAdmin(actor)
  }
}
