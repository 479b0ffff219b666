import type { HttpContext } from '@adonisjs/core/http'
import { Centre, centreFilterFor } from '#centres'
import { DomainError } from '#shared/errors'
import { isNetworkRole } from '#shared/roles'
import { scopeToCentres, toId } from '#shared/tenancy'
import { countsOf } from '#shared/orm/counts'
import { pageWith, renderPage, type TablePage } from '#shared/ui/table'
import { exportResponse } from '#shared/spreadsheets/writer'
import { formatAmount } from '#shared/money'
import CreditOrder, { type OrderSection } from '#orders/models/credit_order'
import { CREDIT_TYPES } from '#orders/models/credit_type'
import { MAX_QUANTITY, cancelOrder, placeOrder, productsFor } from '#orders/services/orders'
import {
  SECTIONS,
  orderTable,
  orderTotals,
  sectionOrders,
  sectionQuery,
  sectionRows,
  toOrderRows,
  type OrderRow,
} from '#orders/services/order_table'
import { orderRowActions } from '#orders/policies/credit_order_policy'
import { stockOf } from '#orders/services/stock'
import { paymentGateway } from '#orders/services/payment'

/**
 * The open sections show their most recent orders, the history is paged. An
 * open section asked for on its own (`?section=to_validate`, the link under a
 * capped section) is paged too. 200 orders per open section made the network
 * admin's page 700 KB of HTML and 5 s at p50 under load (bench/README.md).
 */
const OPEN_SECTION_LIMIT = 25

/** "Mes commandes" (seed 004 §4) and "Commander des certifications" (§4.3). */
export default class CreditOrdersController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.with('CreditOrderPolicy').authorize('viewList')
    const actor = ctx.auth.getUserOrFail()
    const { table, query } = orderTable(ctx)
    const ordered = <Q extends { orderBy: Function }>(q: Q) =>
      table.applySort(q, 'credit_orders.id')
    const focus = table.filters.section
    const paged = focus === 'to_validate' || focus === 'to_consume' ? focus : 'history'
    // The history and a section asked for get a page; an open section beside them, its most recent
    // orders. Plain rows (sectionRows): the network's page shows 75 orders, their lines and centres.
    const isPaged = (section: OrderSection) => section === paged || section === 'history'
    const rowsOf = (section: OrderSection): Promise<Record<string, any>[]> =>
      isPaged(section)
        ? table.paginate(ordered(sectionRows(query, section)))
        : ordered(sectionRows(query, section)).limit(OPEN_SECTION_LIMIT)
    const raw = await Promise.all(SECTIONS.map(rowsOf))
    // Plain orders with their lines (one query for the three sections); a paged section stays a page.
    const converted = await toOrderRows(raw)
    const [toValidate, toConsume, history] = SECTIONS.map((section, i) =>
      isPaged(section) ? pageWith(raw[i] as TablePage<unknown>, converted[i]) : converted[i]
    ) as [OrderRow[], OrderRow[], TablePage<OrderRow>]
    // Each row's buttons, from the policy's rules.
    const actions = new Map(converted.flat().map((row) => [row.id, orderRowActions(actor, row)]))
    // The header of a section says how many orders it has: its page's total, the rows shown
    // when they are all there, else a count (the two in one statement).
    const counted = (section: 'to_validate' | 'to_consume', rows: OrderRow[]) =>
      section !== paged && rows.length >= OPEN_SECTION_LIMIT && sectionOrders(query, section)
    const countOf = (section: 'to_validate' | 'to_consume', rows: OrderRow[], found: number) =>
      section === paged
        ? (rows as typeof history).total
        : rows.length < OPEN_SECTION_LIMIT
          ? rows.length
          : found
    // What the page shows beside the rows, read at once.
    const [found, lastOrder, totals, stock] = await Promise.all([
      countsOf({
        to_validate: counted('to_validate', toValidate),
        to_consume: counted('to_consume', toConsume),
      }),
      scopeToCentres(CreditOrder.query(), actor).orderBy('ordered_at', 'desc').first(),
      orderTotals(query),
      stockOf(actor),
    ])
    const counts = {
      to_validate: countOf('to_validate', toValidate, found.to_validate),
      to_consume: countOf('to_consume', toConsume, found.to_consume),
      history: history.total,
    }
    return renderPage(ctx, 'orders::pages/orders/index', 'orders::partials/orders_table', {
      table,
      sections: { to_validate: toValidate, to_consume: toConsume, history },
      actions,
      counts,
      paged,
      sectionNames: SECTIONS,
      totals,
      stock,
      lastOrder,
      types: CREDIT_TYPES,
      network: isNetworkRole(actor.role),
      centreFilter: await centreFilterFor(actor, table.filters.centre),
    })
  }

  /** Seed 004 §4.2: the table as shown, one row per order line, xlsx or csv. */
  async export(ctx: HttpContext) {
    await ctx.bouncer.with('CreditOrderPolicy').authorize('viewList')
    const { table, query } = orderTable(ctx)
    const t = ctx.i18n.t.bind(ctx.i18n)
    const format = ctx.params.format === 'csv' ? 'csv' : 'xlsx'
    const columns = [
      { key: 'section', header: t('orders.export.section'), width: 14 },
      { key: 'number', header: t('orders.number'), width: 16 },
      { key: 'centre', header: t('orders.centre'), width: 28 },
      { key: 'ordered', header: t('orders.ordered_on'), width: 12 },
      { key: 'state', header: t('orders.delivery_state'), width: 10 },
      { key: 'product', header: t('orders.product'), width: 30 },
      { key: 'type', header: t('orders.type'), width: 28 },
      { key: 'quantity', header: t('orders.quantity'), width: 9 },
      { key: 'remaining', header: t('orders.remaining'), width: 9 },
      { key: 'expires', header: t('orders.expires_on'), width: 12 },
      { key: 'unit', header: t('orders.unit_price_ht'), width: 12 },
      { key: 'ht', header: t('orders.price_ht'), width: 12 },
      { key: 'ttc', header: t('orders.price_ttc'), width: 12 },
    ]
    async function* rows() {
      for (const section of SECTIONS) {
        for await (const order of table.rows(sectionQuery(query, section))) {
          for (const line of order.lines)
            yield {
              section: t(`orders.sections.${section}`),
              number: order.number,
              centre: order.centre.name,
              ordered: order.orderedAt.setZone('Europe/Paris').toFormat('dd/MM/yyyy'),
              state: t(`orders.states.${order.status}`),
              product: line.name,
              type: t(`orders.types.${line.type}`),
              quantity: line.quantity,
              remaining: order.isDelivered ? line.remaining : '',
              expires: line.expiresOn ? line.expiresOn.toFormat('dd/MM/yyyy') : '',
              unit: formatAmount(line.unitPriceCents),
              ht: formatAmount(line.htCents),
              ttc: formatAmount(line.ttcCents),
            }
        }
      }
    }
    return exportResponse(ctx.response, format, t('orders.export.filename'), columns, rows())
  }

  /** The cart: the products the centre may order, with + and − and live totals. */
  async create({ view, bouncer, auth, request }: HttpContext) {
    await bouncer.with('CreditOrderPolicy').authorize('place')
    const actor = auth.getUserOrFail()
    const centres = await Centre.query().whereIn('id', actor.centreIds).orderBy('name')
    const wanted = toId(request.input('centre'))
    const centre = centres.find((c) => c.id === wanted) ?? centres[0] ?? null
    return view.render('orders::pages/orders/cart', {
      centres,
      centre,
      products: centre ? await productsFor(centre.id) : [],
      max: MAX_QUANTITY,
    })
  }

  /** "Valider le panier": the order is created at once, to validate. */
  async store({ request, response, auth, bouncer, session, i18n }: HttpContext) {
    await bouncer.with('CreditOrderPolicy').authorize('place')
    const actor = auth.getUserOrFail()
    const centreId = toId(request.input('centre_id'))
    if (!actor.centreIds.includes(centreId)) throw new DomainError('order_centre_required')
    const raw = request.input('quantities')
    const quantities = new Map<number, number>()
    if (raw && typeof raw === 'object') {
      // Keys are "p<id>": numeric keys would make the body parser build an array.
      for (const [key, value] of Object.entries(raw)) {
        const id = toId(key.replace(/^p/, ''))
        const text = String(value ?? '').trim()
        if (text === '') continue
        if (!/^\d{1,4}$/.test(text) || Number(text) > MAX_QUANTITY || !id) {
          session.flashAll()
          session.flash('error', i18n.t('errors.order_quantity', { max: MAX_QUANTITY }))
          return response.redirect().back()
        }
        quantities.set(id, Number(text))
      }
    }
    const order = await placeOrder(actor, centreId, quantities)
    session.flash('success', i18n.t('orders.placed', { number: order.number }))
    return response.redirect().toRoute('credit_orders.show', { id: order.id })
  }

  /** One order: its lines and totals; how to pay it while it waits. */
  async show({ params, view, auth, bouncer }: HttpContext) {
    const actor = auth.getUserOrFail()
    const order = await scopeToCentres(CreditOrder.query(), actor, 'credit_orders.centre_id')
      .where('credit_orders.id', toId(params.id))
      .preload('lines', (q) => q.orderBy('id'))
      .preload('centre')
      .preload('orderer')
      .firstOrFail()
    await bouncer.with('CreditOrderPolicy').authorize('view', order)
    const checkout = order.status === 'to_validate' ? await paymentGateway().checkout(order) : null
    return view.render('orders::pages/orders/show', { order, checkout })
  }

  /** Cancels an order not yet delivered. */
  async destroy({ params, response, auth, bouncer, session, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const order = await scopeToCentres(CreditOrder.query(), actor)
      .where('id', toId(params.id))
      .firstOrFail()
    await bouncer.with('CreditOrderPolicy').authorize('cancel', order)
    await cancelOrder(actor, order.id)
    session.flash('success', i18n.t('orders.cancelled', { number: order.number }))
    return response.redirect().toRoute('credit_orders.show', { id: order.id })
  }
}
