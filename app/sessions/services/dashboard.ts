import { DateTime } from 'luxon'
import type { Actor } from '#shared/roles'
import { scopeToCentres } from '#shared/tenancy'
import type { DashboardContribution, DashboardInfo, DashboardTodo } from '#shared/ui/dashboard'
import { isNetworkRole } from '#shared/roles'
import RegistrationRequest, {
  REQUEST_KINDS,
  REQUEST_SLUGS,
} from '#sessions/models/registration_request'
import AuditLog from '#shared/audit/audit_log'
import { countsOf } from '#shared/orm/counts'
import ExamSession from '#sessions/models/exam_session'
import Preregistration from '#sessions/models/preregistration'
import SessionAnomaly from '#sessions/models/session_anomaly'

const ANNOUNCED = [
  'exam_session.close',
  'exam_session.cancel',
  'exam_session.correct',
  'exam_session.publish',
]

/**
 * Sessions' share of the dashboard: the next five sessions, and the state
 * changes the centre did not make itself (closing by the deadline, a
 * cancellation or results published by the network) as Informations.
 */
export async function sessionsDashboard(actor: Actor): Promise<DashboardContribution> {
  if (!['network_admin', 'account_manager', 'centre_manager', 'centre_staff'].includes(actor.role))
    return {}
  // Reste à traiter: sessions to put into correction (centre manager), sessions
  // in correction whose results are to enter (network).
  const stage =
    actor.role === 'centre_manager'
      ? { status: 'passed', key: 'sessions.todo_correction' }
      : isNetworkRole(actor.role)
        ? { status: 'in_correction', key: 'sessions.todo_results' }
        : null
  const centreSide = actor.role === 'centre_manager' || actor.role === 'centre_staff'
  const network = isNetworkRole(actor.role)
  // Every part of the contribution is read at once; the counts in one statement.
  const [upcoming, changes, counts, requests] = await Promise.all([
    ExamSession.visibleTo(ExamSession.query(), actor)
      .whereNot('status', 'cancelled')
      .where('starts_at', '>=', DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss'))
      .preload('product')
      .preload('centre')
      .orderBy('starts_at')
      .limit(5),
    scopeToCentres(AuditLog.query(), actor)
      .whereIn('action', ANNOUNCED)
      .where('created_at', '>', DateTime.utc().minus({ days: 30 }).toFormat('yyyy-MM-dd HH:mm:ss'))
      .orderBy('id', 'desc')
      .limit(10),
    countsOf({
      preregistrations:
        centreSide && scopeToCentres(Preregistration.query(), actor).where('status', 'pending'),
      staged:
        !!stage &&
        ExamSession.visibleTo(ExamSession.query(), actor)
          .where('status', stage.status)
          // A session whose anomaly sheet is sent waits for the network, not the centre.
          .if(stage.status === 'passed', (q) => q.whereNull('anomalies_submitted_at')),
      // Postponed candidates still to re-register.
      reregister: RegistrationRequest.visibleTo(RegistrationRequest.query(), actor)
        .where('kind', 'postponement')
        .where('status', 'accepted')
        .whereNull('new_registration_id'),
      anomalies:
        network && scopeToCentres(SessionAnomaly.query(), actor).where('status', 'submitted'),
    }),
    requestsDashboard(actor),
  ])
  const { preregistrations, staged } = counts
  // The requests to decide come between: the other counts keep their places around them.
  const todo = [
    todoOf('sessions.todo_preregistrations', preregistrations, '/preregistrations'),
    stage && todoOf(stage.key, staged, `/sessions?status=${stage.status}`),
  ]
  const after = [
    todoOf('sessions.anomalies.todo', counts.anomalies, '/anomalies?status=submitted'),
    todoOf(
      'sessions.requests.todo.reregister',
      counts.reregister,
      '/requests/postponements?status=accepted'
    ),
  ]
  return {
    todo: [...todo, ...requests.todo, ...after].filter((item): item is DashboardTodo => !!item),
    sessions: upcoming.map((session) => ({
      at: session.startsAt,
      zone: session.centre.timeZone,
      label: `${session.number} - ${session.product.name}`,
      status: session.status,
      href: `/sessions/${session.id}`,
    })),
    informations: [
      ...changes
        .filter((entry) => entry.actorId === null || entry.actorId !== actor.id)
        .map((entry) => ({
          at: entry.createdAt,
          key: `sessions.info.${entry.action.split('.')[1]}`,
          params: { number: String((entry.after as any)?.number ?? '') },
          href: `/sessions/${entry.entityId}`,
          tone: entry.action === 'exam_session.cancel' ? ('danger' as const) : ('info' as const),
        })),
      ...requests.informations,
    ],
  }
}

/** A "Reste à traiter" line, or null when there is nothing to do. */
function todoOf(key: string, count: number, href: string): DashboardTodo | null {
  return count ? { key, params: { count }, count, href } : null
}

/**
 * Requests: the network sees how many wait for a decision per kind; the
 * centre sees what became of its own ("Votre demande d'aménagement concernant
 * la session 7000347 - TEF Canada - 25/10/2023 et le candidat Asmaa BOUIRI a
 * été validée"). The postponed candidates still to re-register are counted
 * with the other figures, above.
 */
async function requestsDashboard(actor: Actor) {
  const todo: DashboardTodo[] = []
  const informations: DashboardInfo[] = []
  const scoped = () => RegistrationRequest.visibleTo(RegistrationRequest.query(), actor)
  if (isNetworkRole(actor.role)) {
    const rows = await scoped()
      .whereIn('status', ['submitted', 'in_review'])
      .groupBy('kind')
      .select('kind')
      .count('* as total')
    for (const kind of REQUEST_KINDS) {
      const count = Number(rows.find((row) => row.kind === kind)?.$extras.total ?? 0)
      const item = todoOf(
        `sessions.requests.todo.${kind}`,
        count,
        `/requests/${REQUEST_SLUGS[kind]}?status=pending`
      )
      if (item) todo.push(item)
    }
  } else {
    const recent = await scoped()
      .whereIn('status', ['in_review', 'accepted', 'refused'])
      .where('updated_at', '>', DateTime.utc().minus({ days: 60 }).toFormat('yyyy-MM-dd HH:mm:ss'))
      .preload('session', (q) => q.preload('product').preload('centre'))
      .preload('candidate')
      .orderBy('updated_at', 'desc')
      .limit(10)
    for (const request of recent) {
      const session = request.session
      informations.push({
        at: request.decidedAt ?? request.reviewedAt ?? request.updatedAt,
        key: `sessions.requests.info.${request.kind}.${request.status}`,
        params: {
          session: `${session.number} - ${session.product.name} - ${session.startsAt.setZone(session.centre.timeZone).toFormat('dd/MM/yyyy')}`,
          name: request.candidate.fullName,
        },
        href: `/requests/${request.id}`,
        tone: request.tone === 'warning' ? 'info' : request.tone,
      })
    }
  }
  return { todo, informations }
}
