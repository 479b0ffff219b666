import type { HttpContext } from '@adonisjs/core/http'
import AuditLog from '#shared/audit/audit_log'
import User from '#accounts/models/user'

/**
 * Disabling is a resource: POST disables, DELETE re-enables. Users are never
 * deleted: their history (audit, requests, grades) stays attached.
 */
export default class UserDisablementsController {
  async store(ctx: HttpContext) {
    return this.setStatus(ctx, 'disabled')
  }

  async destroy(ctx: HttpContext) {
    return this.setStatus(ctx, 'active')
  }

  protected async setStatus(
    { params, auth, bouncer, response, session, i18n, request }: HttpContext,
    status: 'active' | 'disabled'
  ) {
    const actor = auth.getUserOrFail()
    const user = await User.findVisibleOrFail(actor, params.id)
    await bouncer.with('UserPolicy').authorize('disable', user)
    const before = user.status
    // Re-enabling someone who never set a password keeps it invited.
    user.status = status === 'active' && !user.password ? 'invited' : status
    await user.save()
    await AuditLog.record({
      actor,
      action: status === 'disabled' ? 'user.disabled' : 'user.enabled',
      entityType: 'user',
      entityId: user.id,
      before: { status: before },
      after: { status: user.status },
      ip: request.ip(),
    })
    session.flash(
      'success',
      i18n.t(status === 'disabled' ? 'accounts.users.disabled' : 'accounts.users.enabled')
    )
    return response.redirect().toRoute('users.show', { id: user.id })
  }
}
