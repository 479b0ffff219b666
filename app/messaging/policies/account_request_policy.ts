import { TenantPolicy } from '#shared/policy'
import type { User } from '#accounts'
import type AccountRequest from '#messaging/models/account_request'

export default class AccountRequestPolicy extends TenantPolicy {
  /** Only centre managers ask for accounts (staff cannot, seed 001). */
  create(actor: User) {
    return this.is(actor, 'centre_manager')
  }

  /**
   * Evaluator accounts are decided by the pedagogical service (network admins),
   * staff accounts by the centre's account manager or a network admin.
   */
  decide(actor: User, request: AccountRequest) {
    if (!request.isPending) return false
    if (this.isNetworkAdmin(actor)) return true
    return (
      request.role === 'centre_staff' &&
      this.is(actor, 'account_manager') &&
      this.canSeeCentre(actor, request.centreId)
    )
  }
}
