import type { HttpContext } from '@adonisjs/core/http'
import { endUserSessions } from '#accounts/services/user_sessions'
import AuditLog from '#shared/audit/audit_log'
import User from '#accounts/models/user'
import UserToken from '#accounts/models/user_token'
import { sendPasswordReset } from '#accounts/services/account_links'
import { forgotPasswordValidator, setPasswordValidator } from '#accounts/validators/auth'

export default class PasswordResetController {
  /** "Forgot your password?" form. */
  async create({ view }: HttpContext) {
    return view.render('accounts::pages/forgot_password')
  }

  /** Sends a reset link; answers the same whether the email exists or not. */
  async store({ request, response, session, i18n }: HttpContext) {
    const { email } = await request.validateUsing(forgotPasswordValidator)
    const user = await User.findBy('email', email)
    if (user && user.status === 'active') {
      await sendPasswordReset(user)
      await AuditLog.record({
        action: 'user.password_reset_requested',
        entityType: 'user',
        entityId: user.id,
        ip: request.ip(),
      })
    }
    session.flash('success', i18n.t('accounts.forgot.sent'))
    return response.redirect().toRoute('password_reset.create')
  }

  /** The form behind the emailed link. */
  async edit({ params, view, response }: HttpContext) {
    const token = await UserToken.findUsable(params.token, 'password_reset')
    if (!token)
      return response.status(410).send(await view.render('pages/errors/gone', { reason: 'link' }))
    return view.render('accounts::pages/reset_password', { token: params.token })
  }

  /**
   * Sets the new password; the link cannot be used again. Every session of
   * the user ends, and its remember-me tokens are revoked.
   */
  async update({ params, request, response, session, view, i18n }: HttpContext) {
    const token = await UserToken.findUsable(params.token, 'password_reset')
    if (!token)
      return response.status(410).send(await view.render('pages/errors/gone', { reason: 'link' }))
    const { password } = await request.validateUsing(setPasswordValidator)
    await token.user.useLink(token, password)
    await endUserSessions(token.user.id)
    await AuditLog.record({
      actor: token.user,
      action: 'user.password_reset',
      entityType: 'user',
      entityId: token.user.id,
      ip: request.ip(),
    })
    session.flash('success', i18n.t('accounts.reset.done'))
    return response.redirect().toRoute('session.create')
  }
}
