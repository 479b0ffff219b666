import type { HttpContext } from '@adonisjs/core/http'
import hash from '@adonisjs/core/services/hash'
import AuditLog from '#shared/audit/audit_log'
import { changePasswordValidator } from '#accounts/validators/profile'
import { refuseField } from '#shared/ui/forms'
import { endUserSessions } from '#accounts/services/user_sessions'

export default class PasswordController {
  /**
   * Changes one's own password; the current one is required. Every other
   * session of the user ends, and its remember-me tokens are revoked.
   */
  async update(ctx: HttpContext) {
    const { auth, request, response, session, i18n } = ctx
    const user = auth.getUserOrFail()
    const data = await request.validateUsing(changePasswordValidator)
    if (!user.password || !(await hash.verify(user.password, data.current_password))) {
      return refuseField(ctx, 'current_password', i18n.t('errors.wrong_current_password'))
    }
    user.password = data.password
    await user.save()
    await endUserSessions(user.id, { except: session.sessionId })
    await AuditLog.record({
      actor: user,
      action: 'user.password_changed',
      entityType: 'user',
      entityId: user.id,
      ip: request.ip(),
    })
    session.flash('success', i18n.t('accounts.profile.password_changed'))
    return response.redirect().toRoute('profile.show')
  }
}
