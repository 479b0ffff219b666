import type { HttpContext } from '@adonisjs/core/http'
import AuditLog from '#shared/audit/audit_log'
import { DomainError } from '#shared/errors'
import { attemptLogin } from '#accounts/services/login'
import { dropCurrentSession, startUserSession } from '#accounts/services/user_sessions'
import { loginValidator } from '#accounts/validators/auth'
import { appVersion } from '#shared/version'
import { LOCALE_COOKIE } from '#shared/ui/locale'
import type User from '#accounts/models/user'

export default class SessionController {
  /** The login page. */
  async create({ view }: HttpContext) {
    return view.render('accounts::pages/login', { version: appVersion })
  }

  /**
   * Logs in (rate-limited per email and IP): the session gets a new id, its
   * login time and its user's tag (see user_sessions).
   */
  async store({ request, auth, response, session, i18n }: HttpContext) {
    const { email, password, remember } = await request.validateUsing(loginValidator)
    try {
      const user = await attemptLogin(email, password, request.ip())
      await this.keepChosenLanguage(user, request.cookie(LOCALE_COOKIE))
      await auth.use('web').login(user, !!remember)
      await startUserSession(session, user.id)
      await AuditLog.record({
        actor: user,
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        ip: request.ip(),
      })
      const intended = session.pull('intended')
      return response.redirect(
        typeof intended === 'string' && intended.startsWith('/') ? intended : '/'
      )
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
      await AuditLog.record({
        action: 'auth.login_failed',
        entityType: 'user',
        after: { email, reason: error.code },
        ip: request.ip(),
      })
      session.flashExcept(['password'])
      session.flash('error', i18n.t(`errors.${error.code}`, error.params as any))
      return response.redirect().toRoute('session.create')
    }
  }

  /** The language picked on the login page follows the user in. */
  protected async keepChosenLanguage(user: User, chosen: unknown) {
    if ((chosen === 'fr' || chosen === 'en') && chosen !== user.locale) {
      user.locale = chosen
      await user.save()
    }
  }

  /** Logs out: the session ends on the server (a copy of its cookie is worth nothing). */
  async destroy(ctx: HttpContext) {
    const { auth, response, request } = ctx
    const user = auth.user
    await auth.use('web').logout()
    dropCurrentSession(ctx)
    if (user)
      await AuditLog.record({
        actor: user,
        action: 'auth.logout',
        entityType: 'user',
        entityId: user.id,
        ip: request.ip(),
      })
    return response.redirect().toRoute('session.create')
  }
}
