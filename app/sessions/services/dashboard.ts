import { DateTime } from 'luxon'
import type { Actor } from '#shared/roles'
import { scopeToCentres } from '#shared/tenancy'
import type { DashboardContribution } from '#shared/ui/dashboard'
import AuditLog from '#shared/audit/audit_log'
import ExamSession from '#sessions/models/exam_session'
import Preregistration from '#sessions/models/preregistration'

const ANNOUNCED = ['exam_session.close', 'exam_session.cancel', 'exam_session.publish']

/**
 * Sessions' share of the dashboard: the next five sessions, and the state
 * changes the centre did not make itself (closing by the deadline, a
 * cancellation or results published by the network) as Informations.
 */
export async function sessionsDashboard(actor: Actor): Promise<DashboardContribution> {
  if (!['network_admin', 'account_manager', 'centre_manager', 'centre_staff'].includes(actor.role))
    return {}
  const upcoming = await ExamSession.visibleTo(ExamSession.query(), actor)
    .whereNot('status', 'cancelled')
    .where('starts_at', '>=', DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss'))
    .preload('product')
    .preload('centre')
    .orderBy('starts_at')
    .limit(5)
  const changes = await scopeToCentres(AuditLog.query(), actor)
    .whereIn('action', ANNOUNCED)
    .where('created_at', '>', DateTime.utc().minus({ days: 30 }).toFormat('yyyy-MM-dd HH:mm:ss'))
    .orderBy('id', 'desc')
    .limit(10)
  const todo = []
  if (actor.role === 'centre_manager' || actor.role === 'centre_staff') {
    const rows = await scopeToCentres(Preregistration.query(), actor)
      .where('status', 'pending')
      .count('* as total')
    const count = Number(rows[0].$extras.total)
    if (count)
      todo.push({
        key: 'sessions.todo_preregistrations',
        params: { count },
        count,
        href: '/preregistrations',
      })
  }
  return {
    todo,
    sessions: upcoming.map((session) => ({
      at: session.startsAt,
      zone: session.centre.timeZone,
      label: `${session.number} - ${session.product.name}`,
      status: session.status,
      href: `/sessions/${session.id}`,
    })),
    informations: changes
      .filter((entry) => entry.actorId === null || entry.actorId !== actor.id)
      .map((entry) => ({
        at: entry.createdAt,
        key: `sessions.info.${entry.action.split('.')[1]}`,
        params: { number: String((entry.after as any)?.number ?? '') },
        href: `/sessions/${entry.entityId}`,
        tone: entry.action === 'exam_session.cancel' ? ('danger' as const) : ('info' as const),
      })),
  }
}
