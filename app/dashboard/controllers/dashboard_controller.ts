import type { HttpContext } from '@adonisjs/core/http'

export default class DashboardController {
  /** Tableau de bord: each module will contribute its boxes (issue 3). */
  async show({ view }: HttpContext) {
    return view.render('dashboard::pages/home')
  }
}
