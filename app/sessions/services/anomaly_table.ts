import type { HttpContext } from '@adonisjs/core/http'
import { toId } from '#shared/tenancy'
import type { DateTime } from 'luxon'
import { TableState } from '#shared/ui/table'
import { parseIsoDate } from '#shared/dates'
import SessionAnomaly, { ANOMALY_KINDS } from '#sessions/models/session_anomaly'
import { whereCentre } from '#centres'

/**
 * Candidats › Anomalies: the lines of sent sheets (drafts stay the centre's),
 * filtered by centre, session number, kind and status, searched by candidate.
 */
export function anomalyTable(ctx: HttpContext) {
  const table = TableState.from(ctx, {
    sorts: { number: 'id', submitted: 'submitted_at', processed: 'processed_at', status: 'status' },
    defaultSort: 'number',
    defaultDir: 'desc',
    filters: ['centre', 'session', 'kind', 'status', 'from', 'to'],
  })
  const query = SessionAnomaly.visibleTo(SessionAnomaly.query(), ctx.auth.getUserOrFail())
    .whereNot('session_anomalies.status', 'draft')
    .preload('centre')
    .preload('session')
    .preload('registration', (q) => q.preload('candidate'))
  if (table.q) {
    const like = `%${table.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    query.whereExists((q) =>
      q
        .from('registrations')
        .join('candidates', 'candidates.id', 'registrations.candidate_id')
        .whereColumn('registrations.id', 'session_anomalies.registration_id')
        .where((w) =>
          w
            .whereRaw(`lower(candidates.last_name) like ? escape '\\'`, [like])
            .orWhereRaw(`lower(candidates.first_name) like ? escape '\\'`, [like])
        )
    )
  }
  const { centre, session, kind, status } = table.filters
  whereCentre(query, 'session_anomalies.centre_id', centre)
  if (session)
    query.whereExists((q) =>
      q
        .from('exam_sessions')
        .whereColumn('exam_sessions.id', 'session_anomalies.session_id')
        .where('exam_sessions.number', toId(session.replace(/\D/g, '')))
    )
  if (kind && (ANOMALY_KINDS as readonly string[]).includes(kind))
    query.where('session_anomalies.kind', kind)
  if (status === 'submitted' || status === 'processed')
    query.where('session_anomalies.status', status)
  const from = parseIsoDate(table.filters.from)
  const to = parseIsoDate(table.filters.to)
  const paris = (day: DateTime) =>
    day.setZone('Europe/Paris', { keepLocalTime: true }).toUTC().toFormat('yyyy-MM-dd HH:mm:ss')
  if (from) query.where('session_anomalies.submitted_at', '>=', paris(from))
  if (to) query.where('session_anomalies.submitted_at', '<', paris(to.plus({ days: 1 })))
  return { table, query }
}
