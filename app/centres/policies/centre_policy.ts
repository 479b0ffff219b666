import { TenantPolicy } from '#shared/policy'
import type { User } from '#accounts'
import type Centre from '#centres/models/centre'

/**
 * Centres. A centre outside the actor's scope is never found (404); these
 * methods decide what each role may do with the ones it sees.
 */
export default class CentrePolicy extends TenantPolicy {
  viewList(actor: User) {
    return this.is(actor, 'network_admin', 'account_manager')
  }

  view(actor: User, centre: Centre) {
    return this.viewList(actor) && this.canSeeCentre(actor, centre.id)
  }

  create(actor: User) {
    return this.isNetworkAdmin(actor)
  }

  edit(actor: User, centre: Centre) {
    return this.view(actor, centre)
  }

  /** Status and account manager are the network admin's decision. */
  editNetworkFields(actor: User) {
    return this.isNetworkAdmin(actor)
  }

  /** "Ma fiche centre": its managers keep their contact details up to date. */
  editProfile(actor: User, centre: Centre) {
    return this.is(actor, 'centre_manager') && this.canSeeCentre(actor, centre.id)
  }

  /** Teachers and learners are imported by the training centre's manager (or the network). */
  importUsers(actor: User, centre: Centre | null) {
    if (!centre || centre.kind === 'exam') return false
    if (this.isNetworkAdmin(actor)) return true
    return this.is(actor, 'centre_manager') && this.canSeeCentre(actor, centre.id)
  }

  /** Lists filtered by centre (and the centre search field's suggestions): the staff's. */
  filterLists(actor: User) {
    return this.is(actor, 'network_admin', 'account_manager', 'centre_manager', 'centre_staff')
  }

  viewProfile(actor: User, centre: Centre) {
    return this.is(actor, 'centre_manager', 'centre_staff') && this.canSeeCentre(actor, centre.id)
  }
}
