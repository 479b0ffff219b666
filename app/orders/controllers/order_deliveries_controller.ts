import type { HttpContext } from '@adonisjs/core/http'
import { scopeToCentres, toId } from '#shared/tenancy'
import CreditOrder from '#orders/models/credit_order'
import { deliverOrder } from '#orders/services/orders'

/** "Livrer": the credits of a paid order enter the centre's stock. */
export default class OrderDeliveriesController {
  async store({ params, auth, bouncer, session, i18n, response }: HttpContext) {
    const order = await scopeToCentres(CreditOrder.query(), auth.getUserOrFail())
      .where('id', toId(params.id))
      .firstOrFail()
    await bouncer.with('CreditOrderPolicy').authorize('deliver', order)
    await deliverOrder(auth.getUserOrFail(), order.id)
    session.flash('success', i18n.t('orders.delivered', { number: order.number }))
    return response.redirect().back()
  }
}
