import type { HttpContext } from '@adonisjs/core/http'
import { localeValidator } from '#accounts/validators/profile'
import { LOCALE_COOKIE } from '#shared/ui/locale'

export default class LocaleController {
  /** Switches the interface language: saved on the user, or in a cookie for guests. */
  async store({ auth, request, response }: HttpContext) {
    const { locale } = await request.validateUsing(localeValidator)
    if (auth.user) {
      auth.user.locale = locale
      await auth.user.save()
    }
    response.cookie(LOCALE_COOKIE, locale, { maxAge: '1y', httpOnly: true, sameSite: 'lax' })
    return response.redirect().back()
  }
}
