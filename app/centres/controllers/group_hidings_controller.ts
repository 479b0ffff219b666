import type { HttpContext } from '@adonisjs/core/http'
import AuditLog from '#shared/audit/audit_log'
import Group from '#centres/models/group'

/**
 * Hiding is a resource: POST hides a group (its candidates leave the candidate
 * table, kept in the database), DELETE shows it again.
 */
export default class GroupHidingsController {
  async store(ctx: HttpContext) {
    return this.set(ctx, true)
  }

  async destroy(ctx: HttpContext) {
    return this.set(ctx, false)
  }

  protected async set(
    { params, auth, bouncer, response, session, i18n }: HttpContext,
    hidden: boolean
  ) {
    const actor = auth.getUserOrFail()
    const group = await Group.findVisibleOrFail(actor, params.id)
    await bouncer.with('GroupPolicy').authorize('hide', group)
    if (group.hidden !== hidden) {
      group.hidden = hidden
      await group.save()
      await AuditLog.record({
        actor,
        action: hidden ? 'group.hidden' : 'group.shown',
        entityType: 'group',
        entityId: group.id,
        centreId: group.centreId,
        before: { hidden: !hidden },
        after: { hidden },
      })
    }
    session.flash(
      'success',
      i18n.t(hidden ? 'groups.hidden_message' : 'groups.shown_message', { name: group.name })
    )
    return response.redirect().toRoute('groups.index')
  }
}
