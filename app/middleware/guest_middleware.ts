import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/** Logged-in users have nothing to do on guest pages (login, forgot password). */
export default class GuestMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (ctx.auth.user) return ctx.response.redirect('/')
    return next()
  }
}
