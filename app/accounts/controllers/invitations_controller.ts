import type { HttpContext } from '@adonisjs/core/http'
import AuditLog from '#shared/audit/audit_log'
import UserToken from '#accounts/models/user_token'
import { setPasswordValidator } from '#accounts/validators/auth'

export default class InvitationsController {
  /** The page behind the invitation link: choose a password. */
  async show({ params, view, response }: HttpContext) {
    const token = await UserToken.findUsable(params.token, 'invitation')
    if (!token)
      return response.status(410).send(await view.render('pages/errors/gone', { reason: 'link' }))
    return view.render('accounts::pages/accept_invitation', {
      token: params.token,
      invitee: token.user,
    })
  }

  /** Accepts the invitation: sets the password, activates and logs in. */
  async update({ params, request, response, auth, session, view, i18n }: HttpContext) {
    const token = await UserToken.findUsable(params.token, 'invitation')
    if (!token)
      return response.status(410).send(await view.render('pages/errors/gone', { reason: 'link' }))
    const { password } = await request.validateUsing(setPasswordValidator)
    const user = token.user
    await user.useLink(token, password)
    await AuditLog.record({
      actor: user,
      action: 'user.invitation_accepted',
      entityType: 'user',
      entityId: user.id,
      ip: request.ip(),
    })
    await auth.use('web').login(user)
    session.flash('success', i18n.t('accounts.invitation.welcome', { name: user.firstName }))
    return response.redirect('/')
  }
}
