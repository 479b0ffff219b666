import { TenantPolicy } from '#shared/policy'
import type User from '#accounts/models/user'

/**
 * Users of the portal. Records outside the actor's centres are never found
 * (User.visibleTo gives a 404); these methods decide what a role may do.
 */
export default class UserPolicy extends TenantPolicy {
  viewList(actor: User) {
    return this.is(actor, 'network_admin', 'account_manager', 'centre_manager')
  }

  view(actor: User, target: User) {
    if (actor.id === target.id) return true
    return this.viewList(actor) && this.sharesCentre(actor, target.centreIds)
  }

  create(actor: User) {
    return this.is(actor, 'network_admin', 'account_manager')
  }

  /** Network roles may only be given by a network admin. */
  assignRole(actor: User, role: User['role']) {
    if (this.isNetworkAdmin(actor)) return true
    return (
      this.is(actor, 'account_manager') && role !== 'network_admin' && role !== 'account_manager'
    )
  }

  edit(actor: User, target: User) {
    if (this.isNetworkAdmin(actor)) return true
    return (
      this.is(actor, 'account_manager') &&
      target.role !== 'network_admin' &&
      target.role !== 'account_manager' &&
      this.sharesCentre(actor, target.centreIds)
    )
  }

  disable(actor: User, target: User) {
    return actor.id !== target.id && this.edit(actor, target)
  }
}
