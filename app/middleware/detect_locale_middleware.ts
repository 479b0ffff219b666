import { I18n } from '@adonisjs/i18n'
import i18nManager from '@adonisjs/i18n/services/main'
import type { NextFn } from '@adonisjs/core/types/http'
import { type HttpContext, RequestValidator } from '@adonisjs/core/http'

import { LOCALE_COOKIE } from '#shared/ui/locale'

/**
 * Language of the request: the user's saved choice, else the guest's switch
 * (cookie), else Accept-Language, else French.
 */
export default class DetectLocaleMiddleware {
  static {
    RequestValidator.messagesProvider = (ctx) => ctx.i18n.createMessagesProvider()
  }

  protected locale(ctx: HttpContext) {
    const wanted = ctx.auth.user?.locale ?? ctx.request.cookie(LOCALE_COOKIE)
    if (wanted && i18nManager.supportedLocales().includes(wanted)) return wanted
    return i18nManager.getSupportedLocaleFor(ctx.request.languages()) ?? i18nManager.defaultLocale
  }

  async handle(ctx: HttpContext, next: NextFn) {
    ctx.i18n = i18nManager.locale(this.locale(ctx))
    ctx.containerResolver.bindValue(I18n, ctx.i18n)
    ctx.view.share({ i18n: ctx.i18n, t: ctx.i18n.t.bind(ctx.i18n), locale: ctx.i18n.locale })
    return next()
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    i18n: I18n
  }
}
