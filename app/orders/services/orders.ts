import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import AuditLog from '#shared/audit/audit_log'
import { DomainError } from '#shared/errors'
import { formatMoney, vatOf } from '#shared/money'
import type { User } from '#accounts'
import { Conversation, notify, postSystemMessage, startConversation } from '#messaging'
import CreditOrder from '#orders/models/credit_order'
import CreditOrderLine from '#orders/models/credit_order_line'
import CreditProduct from '#orders/models/credit_product'
import { lockCentreStock, markConsumedIfEmpty, recordMovement } from '#orders/services/stock'

/** Largest quantity of one product in one order, and largest order total (in cents). */
export const MAX_QUANTITY = 1000
const MAX_TOTAL_CENTS = 2_000_000_000

export interface PricedLine {
  product: CreditProduct
  quantity: number
  htCents: number
  vatCents: number
  ttcCents: number
}

/**
 * The amounts of a cart (seed 004 §4.3), in cents: each line's HT is unit
 * price × quantity, its VAT is rounded half up to the cent on the line, its
 * TTC their sum; the totals add the lines. Integers only: no float ever
 * touches an amount. The browser shows the same arithmetic live.
 */
export function priceCart(lines: { product: CreditProduct; quantity: number }[]) {
  const priced: PricedLine[] = lines
    .filter((line) => line.quantity > 0)
    .map(({ product, quantity }) => {
      const htCents = product.unitPriceCents * quantity
      const vatCents = vatOf(htCents, product.vatRateBp)
      return { product, quantity, htCents, vatCents, ttcCents: htCents + vatCents }
    })
  const sum = (key: 'htCents' | 'vatCents' | 'ttcCents') =>
    priced.reduce((total, line) => total + line[key], 0)
  return {
    lines: priced,
    totalHtCents: sum('htCents'),
    totalVatCents: sum('vatCents'),
    totalTtcCents: sum('ttcCents'),
  }
}

/** The products a centre may order: active, and offered to every centre or to it. */
export function productsFor(centreId: number) {
  return CreditProduct.query()
    .where('status', 'active')
    .where((q) =>
      q
        .where('all_centres', true)
        .orWhereExists((sub) =>
          sub
            .from('credit_product_centres')
            .whereColumn('credit_product_centres.product_id', 'credit_products.id')
            .where('credit_product_centres.centre_id', centreId)
        )
    )
    .orderBy('type')
    .orderBy('name')
}

/** "CMD-2026-00042": the year of the order and its id. */
function orderNumber(order: CreditOrder) {
  return `CMD-${order.orderedAt.setZone('Europe/Paris').year}-${String(order.id).padStart(5, '0')}`
}

/**
 * "Valider le panier": the order is created at once as to_validate, whatever
 * the payment, with the products' current names and prices copied on its
 * lines. Quantities of products the centre may not order are refused.
 */
export async function placeOrder(actor: User, centreId: number, quantities: Map<number, number>) {
  const wanted = [...quantities].filter(([, quantity]) => quantity > 0)
  if (wanted.length === 0) throw new DomainError('order_empty')
  if (wanted.some(([, quantity]) => !Number.isInteger(quantity) || quantity > MAX_QUANTITY))
    throw new DomainError('order_quantity', { max: MAX_QUANTITY })
  const products = await productsFor(centreId).whereIn(
    'credit_products.id',
    wanted.map(([id]) => id)
  )
  if (products.length !== wanted.length) throw new DomainError('order_product_unavailable')
  const cart = priceCart(
    products.map((product) => ({ product, quantity: quantities.get(product.id)! }))
  )
  if (cart.totalTtcCents > MAX_TOTAL_CENTS) throw new DomainError('order_too_large')
  const placed = await db.transaction(async (trx) => {
    const order = await CreditOrder.create(
      {
        centreId,
        orderedBy: actor.id,
        status: 'to_validate',
        paymentMethod: 'transfer',
        totalHtCents: cart.totalHtCents,
        totalVatCents: cart.totalVatCents,
        totalTtcCents: cart.totalTtcCents,
        orderedAt: DateTime.utc(),
      },
      { client: trx }
    )
    order.number = orderNumber(order)
    await order.useTransaction(trx).save()
    await CreditOrderLine.createMany(
      cart.lines.map((line) => ({
        orderId: order.id,
        centreId,
        productId: line.product.id,
        name: line.product.name,
        type: line.product.type,
        reference: line.product.reference,
        quantity: line.quantity,
        unitPriceCents: line.product.unitPriceCents,
        vatRateBp: line.product.vatRateBp,
        htCents: line.htCents,
        vatCents: line.vatCents,
        ttcCents: line.ttcCents,
        validityMonths: line.product.validityMonths,
        remaining: 0,
      })),
      { client: trx }
    )
    // The order is a request to the network (SPEC messaging): its thread tells its story.
    const { conversation } = await startConversation({
      centreId,
      type: 'credit_order',
      recipient: 'account_manager',
      title: `Commande ${order.number}`,
      body: {
        key: 'orders.messages.placed',
        params: { number: order.number!, total: formatMoney(order.totalTtcCents) },
      },
      author: actor,
      subject: { type: 'credit_order', id: order.id },
      client: trx,
    })
    await AuditLog.record({
      actor,
      action: 'credit_order.place',
      entityType: 'credit_order',
      entityId: order.id,
      centreId,
      after: {
        number: order.number,
        totalTtcCents: order.totalTtcCents,
        lines: cart.lines.map((line) => ({
          reference: line.product.reference,
          quantity: line.quantity,
        })),
      },
      client: trx,
    })
    return { order, conversation }
  })
  await notify(placed.conversation, actor)
  return placed.order
}

/** Locks an order for a state change and checks the state it must be in. */
async function lockOrder(
  trx: TransactionClientContract,
  orderId: number,
  allowed: CreditOrder['status'][]
) {
  const owner = await trx.from('credit_orders').where('id', orderId).select('centre_id').first()
  if (!owner) throw new DomainError('order_not_found', {}, 404)
  await lockCentreStock(trx, [Number(owner.centre_id)])
  const order = await CreditOrder.query({ client: trx }).where('id', orderId).forUpdate().first()
  if (!order) throw new DomainError('order_not_found', {}, 404)
  if (!allowed.includes(order.status))
    throw new DomainError('order_state', { number: order.number, status: order.status }, 409)
  return order
}

/**
 * Posts a state change of an order in its thread (and mails the centre once
 * the transaction has committed, through `announce`).
 */
async function tellThread(trx: TransactionClientContract, order: CreditOrder, key: string) {
  const conversation = await Conversation.query({ client: trx })
    .where('subject_type', 'credit_order')
    .where('subject_id', order.id)
    .first()
  if (conversation)
    await postSystemMessage(conversation, { key, params: { number: order.number! } }, trx)
  return conversation
}

async function announce(conversation: Conversation | null, actor: User) {
  if (conversation) await notify(conversation, actor)
}

/** "Valider": the account manager has received the payment. */
export async function markOrderPaid(actor: User, orderId: number) {
  const changed = await db.transaction(async (trx) => {
    const order = await lockOrder(trx, orderId, ['to_validate'])
    order.merge({ status: 'paid', paidAt: DateTime.utc(), paidBy: actor.id })
    await order.useTransaction(trx).save()
    await AuditLog.record({
      actor,
      action: 'credit_order.pay',
      entityType: 'credit_order',
      entityId: order.id,
      centreId: order.centreId,
      after: { status: 'paid' },
      client: trx,
    })
    return { order, conversation: await tellThread(trx, order, 'orders.messages.paid') }
  })
  await announce(changed.conversation, actor)
  return changed.order
}

/**
 * "Livrer": the credits enter the centre's stock, each line with its expiry
 * (the delivery day + the product's validity), one ledger movement per line.
 * Only a paid order is delivered, once.
 */
export async function deliverOrder(actor: User, orderId: number) {
  const changed = await db.transaction(async (trx) => {
    const order = await lockOrder(trx, orderId, ['paid'])
    const day = DateTime.now().setZone('Europe/Paris').startOf('day')
    const lines = await CreditOrderLine.query({ client: trx }).where('order_id', order.id)
    for (const line of lines) {
      const expiresOn = DateTime.utc(day.year, day.month, day.day).plus({
        months: line.validityMonths,
      })
      line.merge({ expiresOn, remaining: line.quantity })
      await line.useTransaction(trx).save()
      await recordMovement(trx, {
        centreId: order.centreId,
        orderLineId: line.id,
        kind: 'delivered',
        quantity: line.quantity,
        userId: actor.id,
      })
    }
    order.merge({ status: 'delivered', deliveredAt: DateTime.utc(), deliveredBy: actor.id })
    await order.useTransaction(trx).save()
    await markConsumedIfEmpty(trx, order.id)
    await AuditLog.record({
      actor,
      action: 'credit_order.deliver',
      entityType: 'credit_order',
      entityId: order.id,
      centreId: order.centreId,
      after: {
        status: 'delivered',
        credits: lines.reduce((sum, line) => sum + line.quantity, 0),
      },
      client: trx,
    })
    return { order, conversation: await tellThread(trx, order, 'orders.messages.delivered') }
  })
  await announce(changed.conversation, actor)
  return changed.order
}

/** An order not yet delivered may be cancelled (by its centre or the network). */
export async function cancelOrder(actor: User, orderId: number) {
  const changed = await db.transaction(async (trx) => {
    const order = await lockOrder(trx, orderId, ['to_validate', 'paid'])
    order.merge({ status: 'cancelled', cancelledAt: DateTime.utc(), cancelledBy: actor.id })
    await order.useTransaction(trx).save()
    await AuditLog.record({
      actor,
      action: 'credit_order.cancel',
      entityType: 'credit_order',
      entityId: order.id,
      centreId: order.centreId,
      after: { status: 'cancelled' },
      client: trx,
    })
    return { order, conversation: await tellThread(trx, order, 'orders.messages.cancelled') }
  })
  await announce(changed.conversation, actor)
  return changed.order
}
