import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * Refuses guests: redirects them to the login page (htmx gets HX-Redirect, a
 * script that asked for JSON a plain 401 it can act on).
 */
export default class AuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (!ctx.auth.user) {
      if (ctx.request.header('HX-Request')) {
        ctx.response.header('HX-Redirect', '/login')
        return ctx.response.unauthorized('')
      }
      if ((ctx.request.header('accept') ?? '').includes('application/json'))
        return ctx.response.unauthorized({ error: 'unauthenticated' })
      if (ctx.request.method() === 'GET') ctx.session.put('intended', ctx.request.url(true))
      return ctx.response.redirect('/login')
    }
    return next()
  }
}
