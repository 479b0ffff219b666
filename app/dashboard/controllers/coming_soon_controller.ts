import type { HttpContext } from '@adonisjs/core/http'
import { Exception } from '@adonisjs/core/exceptions'
import { menuItem } from '#shared/ui/menu'

export default class ComingSoonController {
  /** Placeholder of a menu entry whose module has not landed yet. */
  async show({ params, view, auth }: HttpContext) {
    const item = menuItem(auth.getUserOrFail().role, params.feature)
    if (!item) throw new Exception('Unknown menu entry', { status: 404 })
    return view.render('dashboard::pages/coming_soon', { item })
  }
}
