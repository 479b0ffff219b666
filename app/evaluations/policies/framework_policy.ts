import { TenantPolicy } from '#shared/policy'
import type { User } from '#accounts'

/** Frameworks are the network's: its admins import, version and assign them. */
export default class FrameworkPolicy extends TenantPolicy {
  manage(actor: User) {
    return this.isNetworkAdmin(actor)
  }
}
