import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import { isNetworkRole } from '#shared/roles'
import { scopeToCentres } from '#shared/tenancy'
import { whereCentre } from '#centres'
import { TableState } from '#shared/ui/table'
import { calendarJsDate, instantOf, parseParisDay } from '#shared/dates'
import type { User } from '#accounts'
import CreditOrder from '#orders/models/credit_order'
import type { OrderSection, OrderStatus } from '#orders/models/credit_order'
import { CREDIT_TYPES, type CreditType } from '#orders/models/credit_type'

export const SECTIONS: OrderSection[] = ['to_validate', 'to_consume', 'history']

export const SECTION_STATUSES: Record<OrderSection, OrderStatus[]> = {
  to_validate: ['to_validate', 'paid'],
  to_consume: ['delivered'],
  history: ['consumed', 'cancelled'],
}

const day = parseParisDay

/**
 * "Mes commandes" (seed 004 §4.1) as the actor may see it: its centres'
 * orders (a portfolio for an account manager), searched by number, product
 * or centre, filtered by type of credit, period, section and centre.
 */
export function orderTable(ctx: HttpContext) {
  const actor = ctx.auth.getUserOrFail()
  const table = TableState.from(ctx, {
    sorts: { ordered: 'ordered_at', number: 'id', total: 'total_ttc_cents' },
    defaultSort: 'ordered',
    defaultDir: 'desc',
    filters: ['type', 'from', 'to', 'section', 'centre'],
  })
  const query = scopeToCentres(CreditOrder.query(), actor, 'credit_orders.centre_id')
  filterOrders(query, table, actor)
  return { table, query }
}

function filterOrders(
  query: ModelQueryBuilderContract<typeof CreditOrder>,
  table: TableState,
  actor: User
) {
  if (table.q) {
    const like = `%${table.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    // Uncorrelated IN subqueries, each read once (PostgreSQL hashes them): the
    // same test as EXISTS per order was 160 ms for the network's history.
    query.where((q) => {
      q.whereRaw("LOWER(credit_orders.number) LIKE ? ESCAPE '\\'", [like])
        .orWhereIn('credit_orders.id', (sub) =>
          sub
            .from('credit_order_lines')
            .select('credit_order_lines.order_id')
            .whereRaw("LOWER(credit_order_lines.name) LIKE ? ESCAPE '\\'", [like])
            .orWhereRaw("LOWER(credit_order_lines.reference) LIKE ? ESCAPE '\\'", [like])
        )
        .if(isNetworkRole(actor.role), (w) =>
          w.orWhereIn('credit_orders.centre_id', (sub) =>
            sub
              .from('centres')
              .select('centres.id')
              .whereRaw("LOWER(centres.name) LIKE ? ESCAPE '\\'", [like])
          )
        )
    })
  }
  const type = table.filters.type
  if (type && (CREDIT_TYPES as readonly string[]).includes(type))
    query.whereExists((sub) =>
      sub
        .from('credit_order_lines')
        .whereColumn('credit_order_lines.order_id', 'credit_orders.id')
        .where('credit_order_lines.type', type)
    )
  const from = day(table.filters.from)
  if (from)
    query.where('credit_orders.ordered_at', '>=', from.toUTC().toFormat('yyyy-MM-dd HH:mm:ss'))
  const to = day(table.filters.to)
  if (to)
    query.where(
      'credit_orders.ordered_at',
      '<',
      to.plus({ days: 1 }).toUTC().toFormat('yyyy-MM-dd HH:mm:ss')
    )
  const section = table.filters.section as OrderSection | undefined
  if (section && Object.hasOwn(SECTION_STATUSES, section))
    query.whereIn('credit_orders.status', SECTION_STATUSES[section])
  whereCentre(query, 'credit_orders.centre_id', table.filters.centre)
}

/** Totals HT and TTC at the bottom of the table: every order shown, cancelled ones aside. */
export async function orderTotals(query: ModelQueryBuilderContract<typeof CreditOrder>) {
  const [row] = await db
    .from(
      query
        .clone()
        .whereNot('credit_orders.status', 'cancelled')
        .select('credit_orders.total_ht_cents', 'credit_orders.total_ttc_cents')
        .as('shown')
    )
    .sum('total_ht_cents as ht')
    .sum('total_ttc_cents as ttc')
  return { htCents: Number(row?.ht ?? 0), ttcCents: Number(row?.ttc ?? 0) }
}

/** The orders of one section (to count them). */
export function sectionOrders(
  query: ModelQueryBuilderContract<typeof CreditOrder>,
  section: OrderSection
) {
  return query.clone().whereIn('credit_orders.status', SECTION_STATUSES[section])
}

/** The rows of one section, in the table's order, with their lines. */
export function sectionQuery(
  query: ModelQueryBuilderContract<typeof CreditOrder>,
  section: OrderSection
) {
  return sectionOrders(query, section)
    .preload('lines', (q) => q.orderBy('id'))
    .preload('centre')
}

/** One line of an order as the table shows it. */
export interface OrderLineRow {
  name: string
  type: CreditType
  quantity: number
  remaining: number
  /** A calendar date at UTC midnight. */
  expiresOn: Date | null
  unitPriceCents: number
  htCents: number
  ttcCents: number
}

/**
 * One order as the table shows it: plain values read from the columns shown,
 * no model. The network's page builds 75 orders, their lines and centres:
 * as Lucid models with a luxon date each, that was a third of its CPU.
 */
export interface OrderRow {
  id: number
  number: string | null
  centreId: number
  centreName: string
  status: OrderStatus
  orderedAt: Date | null
  totalHtCents: number
  totalTtcCents: number
  isDelivered: boolean
  lines: OrderLineRow[]
}

/** The rows of one section as plain values (the table's order is applied by the caller). */
export function sectionRows(
  query: ModelQueryBuilderContract<typeof CreditOrder>,
  section: OrderSection
) {
  return sectionOrders(query, section)
    .select(
      'credit_orders.id',
      'credit_orders.number',
      'credit_orders.centre_id',
      'credit_orders.status',
      'credit_orders.ordered_at',
      'credit_orders.total_ht_cents',
      'credit_orders.total_ttc_cents',
      db.raw(
        '(select centres.name from centres where centres.id = credit_orders.centre_id) as centre_name'
      )
    )
    .pojo<Record<string, any>>()
}

/**
 * The rows of sectionRows as OrderRows, section by section, with their lines
 * read for all of them in one query.
 */
export async function toOrderRows(sections: Record<string, any>[][]): Promise<OrderRow[][]> {
  const orders: OrderRow[] = []
  const converted = sections.map((rows) =>
    rows.map((row) => {
      const order: OrderRow = {
        id: Number(row.id),
        number: row.number,
        centreId: Number(row.centre_id),
        centreName: row.centre_name ?? '',
        status: row.status,
        orderedAt: instantOf(row.ordered_at),
        totalHtCents: Number(row.total_ht_cents),
        totalTtcCents: Number(row.total_ttc_cents),
        isDelivered: row.status === 'delivered' || row.status === 'consumed',
        lines: [],
      }
      orders.push(order)
      return order
    })
  )
  if (orders.length === 0) return converted
  const byId = new Map(orders.map((order) => [order.id, order]))
  const lines = await db
    .from('credit_order_lines')
    .whereIn('order_id', [...byId.keys()])
    .orderBy('id')
    .select(
      'order_id',
      'name',
      'type',
      'quantity',
      'remaining',
      'expires_on',
      'unit_price_cents',
      'ht_cents',
      'ttc_cents'
    )
  for (const line of lines)
    byId.get(Number(line.order_id))?.lines.push({
      name: line.name,
      type: line.type,
      quantity: Number(line.quantity),
      remaining: Number(line.remaining),
      expiresOn: calendarJsDate(line.expires_on),
      unitPriceCents: Number(line.unit_price_cents),
      htCents: Number(line.ht_cents),
      ttcCents: Number(line.ttc_cents),
    })
  return converted
}
