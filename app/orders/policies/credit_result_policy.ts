import { TenantPolicy } from '#shared/policy'
import type { User } from '#accounts'

/** Results arrive from the exam platform: the network admin imports them and holds its tokens. */
export default class CreditResultPolicy extends TenantPolicy {
  manage(actor: User) {
    return this.isNetworkAdmin(actor)
  }
}
