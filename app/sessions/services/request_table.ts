import type { HttpContext } from '@adonisjs/core/http'
import { CANDIDATE_SEARCH_TEXT } from '#candidates'
import { toId } from '#shared/tenancy'
import type { DateTime } from 'luxon'
import { TableState } from '#shared/ui/table'
import { parseIsoDate } from '#shared/dates'
import { whereCentre } from '#centres'
import RegistrationRequest, {
  REQUEST_STATUSES,
  type RequestKind,
} from '#sessions/models/registration_request'

/**
 * One list per kind (menu Candidats › Aménagements, Dispenses...): filters on
 * centre, session number, candidate name, status and request dates; sortable;
 * paginated; the same query feeds the export as shown.
 */
export function requestTable(ctx: HttpContext, kind: RequestKind) {
  const table = TableState.from(ctx, {
    sorts: {
      number: 'id',
      requested: 'created_at',
      decided: 'decided_at',
      status: 'status',
    },
    defaultSort: 'number',
    defaultDir: 'desc',
    filters: ['centre', 'session', 'status', 'from', 'to'],
  })
  const query = RegistrationRequest.visibleTo(RegistrationRequest.query(), ctx.auth.getUserOrFail())
    .where('registration_requests.kind', kind)
    .preload('centre')
    .preload('session', (q) => q.preload('product'))
    .preload('candidate')
    .preload('newRegistration', (q) => q.preload('session'))
  if (table.q) {
    // Candidate names, in either order, or e-mail; accents as typed.
    const like = `%${table.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    query.whereExists((q) =>
      q
        .from('candidates')
        .whereColumn('candidates.id', 'registration_requests.candidate_id')
        .whereRaw(`lower(${CANDIDATE_SEARCH_TEXT}) like ? escape '\\'`, [like])
    )
  }
  const { centre, session, status } = table.filters
  whereCentre(query, 'registration_requests.centre_id', centre)
  if (session) {
    const digits = session.replace(/\D/g, '')
    query.whereExists((q) =>
      q
        .from('exam_sessions')
        .whereColumn('exam_sessions.id', 'registration_requests.session_id')
        .where('exam_sessions.number', toId(digits))
    )
  }
  if (status === 'pending')
    query.whereIn('registration_requests.status', ['submitted', 'in_review'])
  else if (status && (REQUEST_STATUSES as readonly string[]).includes(status))
    query.where('registration_requests.status', status)
  const from = parseIsoDate(table.filters.from)
  const to = parseIsoDate(table.filters.to)
  if (from)
    query.where(
      'registration_requests.created_at',
      '>=',
      fmt(from.setZone('Europe/Paris', { keepLocalTime: true }))
    )
  if (to)
    query.where(
      'registration_requests.created_at',
      '<',
      fmt(to.setZone('Europe/Paris', { keepLocalTime: true }).plus({ days: 1 }))
    )
  return { table, query }
}

function fmt(value: DateTime) {
  return value.toUTC().toFormat('yyyy-MM-dd HH:mm:ss')
}
