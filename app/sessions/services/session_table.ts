import type { HttpContext } from '@adonisjs/core/http'
import { toId } from '#shared/tenancy'
import { type DateTime } from 'luxon'
import { TableState } from '#shared/ui/table'
import { parseIsoDate } from '#shared/dates'
import ExamSession, { SESSION_STATUSES } from '#sessions/models/exam_session'

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
  if (toId(centre)) query.where('exam_sessions.centre_id', toId(centre))
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
