import { BasePolicy } from '@adonisjs/bouncer'
import type { Actor, Role } from '#shared/roles'
import { canSeeCentre, sharesCentre } from '#shared/tenancy'

/**
 * Base of every policy: knows network roles from centre roles and the centres an
 * actor may see. Policies write one method per action, even when two agree.
 */
export class TenantPolicy extends BasePolicy {
  protected is(actor: Actor, ...roles: Role[]) {
    return roles.includes(actor.role)
  }

  protected isNetworkAdmin(actor: Actor) {
    return actor.role === 'network_admin'
  }

  protected canSeeCentre(actor: Actor, centreId: number | null | undefined) {
    return canSeeCentre(actor, centreId)
  }

  protected sharesCentre(actor: Actor, centreIds: number[]) {
    return sharesCentre(actor, centreIds)
  }
}
