import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import { isNetworkRole } from '#shared/roles'
import { scopeToCentres, toId } from '#shared/tenancy'
import { TableState } from '#shared/ui/table'
import { parseParisDay } from '#shared/dates'
import type { User } from '#accounts'
import CreditOrder from '#orders/models/credit_order'
import type { OrderSection, OrderStatus } from '#orders/models/credit_order'
import { CREDIT_TYPES } from '#orders/models/credit_type'

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
    query.where((q) => {
      q.whereRaw("LOWER(credit_orders.number) LIKE ? ESCAPE '\\'", [like])
        .orWhereExists((sub) =>
          sub
            .from('credit_order_lines')
            .whereColumn('credit_order_lines.order_id', 'credit_orders.id')
            .where((w) =>
              w
                .whereRaw("LOWER(credit_order_lines.name) LIKE ? ESCAPE '\\'", [like])
                .orWhereRaw("LOWER(credit_order_lines.reference) LIKE ? ESCAPE '\\'", [like])
            )
        )
        .if(isNetworkRole(actor.role), (w) =>
          w.orWhereExists((sub) =>
            sub
              .from('centres')
              .whereColumn('centres.id', 'credit_orders.centre_id')
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
  if (table.filters.centre) query.where('credit_orders.centre_id', toId(table.filters.centre))
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
