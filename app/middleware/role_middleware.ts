import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { Role } from '#shared/roles'
import { ForbiddenException } from '#shared/errors'

/**
 * Coarse gate by role for whole areas (e.g. the portal is closed to evaluators).
 * Record-level decisions stay in policies.
 */
export default class RoleMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: { allow?: Role[]; deny?: Role[] }) {
    const role = ctx.auth.user?.role
    if (!role) throw new ForbiddenException()
    if (options.allow && !options.allow.includes(role)) throw new ForbiddenException()
    if (options.deny && options.deny.includes(role)) throw new ForbiddenException()
    return next()
  }
}
