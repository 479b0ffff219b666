import type { HttpContext } from '@adonisjs/core/http'
import AuditLog from '#shared/audit/audit_log'
import { updateProfileValidator } from '#accounts/validators/profile'

export default class ProfileController {
  /** Mon profil: name, email, language, password. */
  async show({ view }: HttpContext) {
    return view.render('accounts::pages/profile')
  }

  /** Saves name and language. */
  async update({ auth, request, response, session, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const data = await request.validateUsing(updateProfileValidator)
    const before = { firstName: user.firstName, lastName: user.lastName, locale: user.locale }
    user.merge({ firstName: data.first_name, lastName: data.last_name, locale: data.locale })
    await user.save()
    await AuditLog.record({
      actor: user,
      action: 'user.profile_updated',
      entityType: 'user',
      entityId: user.id,
      ...AuditLog.diff(before, {
        firstName: user.firstName,
        lastName: user.lastName,
        locale: user.locale,
      }),
    })
    session.flash('success', i18n.t('accounts.profile.saved'))
    return response.redirect().toRoute('profile.show')
  }
}
