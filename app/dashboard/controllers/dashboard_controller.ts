import type { HttpContext } from '@adonisjs/core/http'
import { DASHBOARD_PROVIDERS } from '#dashboard/providers'

export default class DashboardController {
  /** Tableau de bord: Informations, Reste à traiter, from every module's provider. */
  async show({ view, auth, response, session }: HttpContext) {
    const actor = auth.getUserOrFail()
    // Evaluators only work in the exam passport (seed 001 permission matrix).
    if (actor.role === 'evaluator') {
      session.reflash()
      return response.redirect('/passport')
    }
    const contributions = await Promise.all(DASHBOARD_PROVIDERS.map((provider) => provider(actor)))
    const informations = contributions
      .flatMap((c) => c.informations ?? [])
      .sort((a, b) => b.at.toMillis() - a.at.toMillis())
      .slice(0, 10)
    const todo = contributions.flatMap((c) => c.todo ?? [])
    const sessions = contributions
      .flatMap((c) => c.sessions ?? [])
      .sort((a, b) => a.at.toMillis() - b.at.toMillis())
      .slice(0, 5)
    const boxes = contributions.flatMap((c) => c.boxes ?? [])
    return view.render('dashboard::pages/home', { informations, todo, sessions, boxes })
  }
}
