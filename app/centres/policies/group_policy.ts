import { TenantPolicy } from '#shared/policy'
import type { User } from '#accounts'
import type Group from '#centres/models/group'

/** Groups are the centre's tool; its account manager may see them. */
export default class GroupPolicy extends TenantPolicy {
  viewList(actor: User) {
    return this.is(actor, 'network_admin', 'account_manager', 'centre_manager', 'centre_staff')
  }

  create(actor: User) {
    return this.is(actor, 'centre_manager', 'centre_staff')
  }

  edit(actor: User, group: Group) {
    return this.create(actor) && this.canSeeCentre(actor, group.centreId)
  }

  hide(actor: User, group: Group) {
    return this.edit(actor, group)
  }

  delete(actor: User, group: Group) {
    return this.edit(actor, group)
  }
}
