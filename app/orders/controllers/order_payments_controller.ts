import type { HttpContext } from '@adonisjs/core/http'
import { scopeToCentres, toId } from '#shared/tenancy'
import CreditOrder from '#orders/models/credit_order'
import { markOrderPaid } from '#orders/services/orders'
import { paymentGateway } from '#orders/services/payment'

async function findOrder({ params, auth }: HttpContext) {
  return scopeToCentres(CreditOrder.query(), auth.getUserOrFail())
    .where('id', toId(params.id))
    .firstOrFail()
}

/**
 * The payment of an order: "Poursuivre ma commande" (the centre, seed 004
 * §4.3) goes through the payment seam; "Valider" (the account manager)
 * records that the payment was received.
 */
export default class OrderPaymentsController {
  async show(ctx: HttpContext) {
    const order = await findOrder(ctx)
    await ctx.bouncer.with('CreditOrderPolicy').authorize('pay', order)
    const checkout = await paymentGateway().checkout(order)
    if (checkout.kind === 'redirect') return ctx.response.redirect(checkout.url)
    await order.load('lines', (q) => q.orderBy('id'))
    return ctx.view.render('orders::pages/orders/checkout', { order, checkout })
  }

  async store(ctx: HttpContext) {
    const order = await findOrder(ctx)
    await ctx.bouncer.with('CreditOrderPolicy').authorize('validate', order)
    await markOrderPaid(ctx.auth.getUserOrFail(), order.id)
    ctx.session.flash('success', ctx.i18n.t('orders.paid', { number: order.number }))
    return ctx.response.redirect().back()
  }
}
