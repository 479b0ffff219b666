import type { HttpContext } from '@adonisjs/core/http'

export default class HealthController {
  /**
   * "The app answers": a static page through the whole middleware stack, for
   * load balancers, and the baseline the page benchmarks compare with
   * (bench/pages.ts). It reads no data.
   */
  async show({ view }: HttpContext) {
    return view.render('dashboard::pages/health')
  }
}
