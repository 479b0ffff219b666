import { TenantPolicy } from '#shared/policy'
import type User from '#accounts/models/user'

export default class AuditLogPolicy extends TenantPolicy {
  viewList(actor: User) {
    return this.isNetworkAdmin(actor)
  }
}
