import type { HttpContext } from '@adonisjs/core/http'
import AuditLog from '#shared/audit/audit_log'
import User from '#accounts/models/user'
import { sendInvitation, sendPasswordReset } from '#accounts/services/account_links'

/** Sends a user a new link: an invitation if it never set a password, else a reset. */
export default class UserLinksController {
  async store({ params, auth, bouncer, response, session, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const user = await User.findVisibleOrFail(actor, params.id)
    await bouncer.with('UserPolicy').authorize('edit', user)
    if (user.status === 'disabled') {
      session.flash('error', i18n.t('errors.user_disabled'))
      return response.redirect().toRoute('users.show', { id: user.id })
    }
    const invitation = user.status === 'invited'
    await (invitation ? sendInvitation(user) : sendPasswordReset(user))
    await AuditLog.record({
      actor,
      action: invitation ? 'user.invitation_sent' : 'user.reset_link_sent',
      entityType: 'user',
      entityId: user.id,
    })
    session.flash(
      'success',
      i18n.t(invitation ? 'accounts.users.invitation_sent' : 'accounts.users.reset_sent', {
        email: user.email,
      })
    )
    return response.redirect().toRoute('users.show', { id: user.id })
  }
}
