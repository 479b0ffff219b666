import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { unreadCount } from '#messaging'
import {
  ABSOLUTE_SESSION_HOURS,
  SESSION_EXPIRED_FLASH,
  dropCurrentSession,
  endUserSessions,
  sessionOutlived,
  sessionStamped,
  startUserSession,
} from '#accounts'

/**
 * Finds the logged-in user (if any) and loads the centres it may see, so that
 * policies and scoped queries have them at hand.
 * - A session past its absolute timeout ends first (a remembered device then
 *   gets a new session from its token; anyone else is asked to log in again).
 * - A disabled user is logged out, everywhere.
 * - A session without its login stamp (a remember-me login, an older session)
 *   is stamped and tagged now.
 */
export default class CurrentUserMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const outlived = sessionOutlived(ctx.session)
    if (outlived) dropCurrentSession(ctx)
    await ctx.auth.check()
    const user = ctx.auth.user
    if (user && user.status !== 'active') {
      await ctx.auth.use('web').logout()
      dropCurrentSession(ctx)
      await endUserSessions(user.id)
    } else if (user) {
      if (!sessionStamped(ctx.session)) await startUserSession(ctx.session, user.id)
      await user.loadScope()
      // The menu's unread badge (one indexed query).
      ctx.view.share({ unreadMessages: await unreadCount(user) })
    } else if (outlived) {
      ctx.session.flash(SESSION_EXPIRED_FLASH, ABSOLUTE_SESSION_HOURS)
    }
    return next()
  }
}
