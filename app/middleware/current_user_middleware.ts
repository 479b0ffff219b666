import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { unreadCount } from '#messaging'

/**
 * Finds the logged-in user (if any) and loads the centres it may see, so that
 * policies and scoped queries have them at hand. A disabled user is logged out.
 */
export default class CurrentUserMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    await ctx.auth.check()
    const user = ctx.auth.user
    if (user) {
      if (user.status !== 'active') {
        await ctx.auth.use('web').logout()
      } else {
        await user.loadScope()
        // The menu's unread badge (one indexed query).
        ctx.view.share({ unreadMessages: await unreadCount(user) })
      }
    }
    return next()
  }
}
