import type { HttpContext } from '@adonisjs/core/http'
import { toId } from '#shared/tenancy'
import { type DateTime } from 'luxon'
import { TableState } from '#shared/ui/table'
import { instantOf, parseIsoDate } from '#shared/dates'
import db from '@adonisjs/lucid/services/db'
import ExamSession, { SESSION_STATUSES } from '#sessions/models/exam_session'
import { whereCentre } from '#centres'

/**
 * The session list (centres and account managers): search on the number,
 * filters on status, product, period and centre, sort, pagination; also feeds
 * the export as shown.
 */
export function sessionTable(ctx: HttpContext) {
  const table = TableState.from(ctx, {
    sorts: { date: 'starts_at', number: 'number', status: 'status', seats: 'seats' },
    defaultSort: 'date',
    defaultDir: 'desc',
    filters: ['status', 'product', 'centre', 'from', 'to'],
  })
  const query = ExamSession.visibleTo(ExamSession.query(), ctx.auth.getUserOrFail())
    .preload('product')
    .preload('centre')
    .withCount('registrations', (q) => q.whereNot('status', 'cancelled'))
  if (table.q) {
    const digits = table.q.replace(/\D/g, '')
    if (digits) query.whereRaw('cast(number as varchar(12)) like ?', [`%${digits}%`])
    else query.whereRaw('1 = 0')
  }
  const { status, product, centre } = table.filters
  if (status && (SESSION_STATUSES as readonly string[]).includes(status))
    query.where('status', status)
  if (toId(product)) query.where('product_id', toId(product))
  whereCentre(query, 'exam_sessions.centre_id', centre)
  const from = parseIsoDate(table.filters.from)
  const to = parseIsoDate(table.filters.to)
  if (from)
    query.where('starts_at', '>=', fmt(from.setZone('Europe/Paris', { keepLocalTime: true })))
  if (to)
    query.where(
      'starts_at',
      '<',
      fmt(to.setZone('Europe/Paris', { keepLocalTime: true }).plus({ days: 1 }))
    )
  return { table, query }
}

function fmt(value: DateTime) {
  return value.toUTC().toFormat('yyyy-MM-dd HH:mm:ss')
}

/** One row of the session list: plain values read from the columns it shows, no model. */
export interface SessionRow {
  id: number
  number: number
  productName: string
  centreName: string
  timeZone: string
  startsAt: Date | null
  seats: number
  registered: number
  status: string
}

/**
 * The list's columns of sessionTable's query as plain rows, with its product,
 * centre and count of registrations in the same statement: 25 sessions and
 * their product and centre as models took three queries and most of the
 * list's CPU.
 */
export function sessionRows(query: ReturnType<typeof sessionTable>['query']) {
  return query
    .clearSelect()
    .select(
      'exam_sessions.id',
      'exam_sessions.number',
      'exam_sessions.starts_at',
      'exam_sessions.seats',
      'exam_sessions.status',
      db.raw('(select c.name from centres c where c.id = exam_sessions.centre_id) as centre_name'),
      db.raw(
        '(select c.time_zone from centres c where c.id = exam_sessions.centre_id) as time_zone'
      ),
      db.raw(
        '(select products.name from products where products.id = exam_sessions.product_id) as product_name'
      ),
      db.raw(
        "(select count(*) from registrations where registrations.session_id = exam_sessions.id and registrations.status <> 'cancelled') as registered"
      )
    )
    .pojo<Record<string, any>>()
}

export function toSessionRows(rows: Record<string, any>[]): SessionRow[] {
  return rows.map((row) => ({
    id: Number(row.id),
    number: Number(row.number),
    productName: row.product_name ?? '',
    centreName: row.centre_name,
    timeZone: row.time_zone,
    startsAt: instantOf(row.starts_at),
    seats: Number(row.seats),
    registered: Number(row.registered),
    status: row.status,
  }))
}
