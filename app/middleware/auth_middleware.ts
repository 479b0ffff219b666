import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/** Refuses guests: redirects them to the login page (htmx gets HX-Redirect). */
export default class AuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (!ctx.auth.user) {
      if (ctx.request.header('HX-Request')) {
        ctx.response.header('HX-Redirect', '/login')
        return ctx.response.unauthorized('')
      }
      if (ctx.request.method() === 'GET') ctx.session.put('intended', ctx.request.url(true))
      return ctx.response.redirect('/login')
    }
    return next()
  }
}
