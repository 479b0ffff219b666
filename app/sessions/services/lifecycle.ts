import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import AuditLog from '#shared/audit/audit_log'
import { DomainError } from '#shared/errors'
import type { Actor, Role } from '#shared/roles'
import { canSeeCentre } from '#shared/tenancy'
import ExamSession from '#sessions/models/exam_session'
import type { SessionStatus } from '#sessions/models/exam_session'

const CENTRE: Role[] = ['centre_manager', 'centre_staff']

interface Transition {
  from: SessionStatus[]
  to: SessionStatus
  roles: Role[]
  /** A rule of time on top of the state; the error code when it fails. */
  when?: (session: ExamSession, now: DateTime) => string | null
}

/**
 * The lifecycle of a session: planned → registrations_open →
 * registrations_closed → passed → in_correction → results_published, and
 * cancelled. Each action is guarded by state, role and time, and audited.
 */
export const TRANSITIONS = {
  open: {
    from: ['planned'],
    to: 'registrations_open',
    roles: [...CENTRE, 'network_admin'],
    when: (session, now) => (now >= session.registrationDeadline ? 'deadline_passed' : null),
  },
  close: {
    from: ['registrations_open'],
    to: 'registrations_closed',
    roles: [...CENTRE, 'network_admin'],
  },
  pass: {
    from: ['registrations_closed'],
    to: 'passed',
    roles: [...CENTRE, 'network_admin'],
    when: (session, now) => (now < session.startsAt ? 'session_not_started' : null),
  },
  correct: { from: ['passed'], to: 'in_correction', roles: ['centre_manager', 'network_admin'] },
  publish: { from: ['in_correction'], to: 'results_published', roles: ['network_admin'] },
  unpublish: { from: ['results_published'], to: 'in_correction', roles: ['network_admin'] },
  cancel: {
    from: ['planned', 'registrations_open', 'registrations_closed'],
    to: 'cancelled',
    roles: ['centre_manager', 'network_admin'],
    when: (session, now) => (now >= session.startsAt ? 'session_started' : null),
  },
} satisfies Record<string, Transition>

export type SessionAction = keyof typeof TRANSITIONS
export const SESSION_ACTIONS = Object.keys(TRANSITIONS) as SessionAction[]

/** May this actor, in principle, take this action on this session (role, centre, state)? */
export function canTransition(actor: Actor, session: ExamSession, action: SessionAction) {
  const transition: Transition = TRANSITIONS[action]
  return (
    transition.roles.includes(actor.role) &&
    canSeeCentre(actor, session.centreId) &&
    transition.from.includes(session.status)
  )
}

/** The actions the actor may take now, for the session page's buttons. */
export function availableActions(actor: Actor, session: ExamSession, now = DateTime.utc()) {
  return SESSION_ACTIONS.filter((action) => {
    const transition: Transition = TRANSITIONS[action]
    return canTransition(actor, session, action) && !transition.when?.(session, now)
  })
}

/**
 * Applies an action under a row lock, so that two clicks (or the scheduled
 * command and a person) cannot apply it twice. `actor` null is the system.
 */
export async function applyTransition(
  actor: (Actor & { id: number; email?: string }) | null,
  sessionId: number,
  action: SessionAction,
  now = DateTime.utc(),
  /** Work that belongs to the same transaction (results, attestations...). */
  hook?: (session: ExamSession, trx: TransactionClientContract) => Promise<void>,
  /** The caller's transaction, when the transition is part of a larger change. */
  client?: TransactionClientContract
) {
  const transition: Transition = TRANSITIONS[action]
  const run = async (trx: TransactionClientContract) => {
    const session = await ExamSession.query({ client: trx })
      .where('id', sessionId)
      .forUpdate()
      .firstOrFail()
    if (!transition.from.includes(session.status))
      throw new DomainError('session_wrong_status', { status: session.status })
    const refused = transition.when?.(session, now)
    if (refused) throw new DomainError(refused)
    // With an anomaly sheet, the session waits until every line is processed.
    if (action === 'correct') {
      const pending = await trx
        .from('session_anomalies')
        .where('session_id', session.id)
        .whereNot('status', 'processed')
        .count('* as total')
        .first()
      if (Number(pending?.total ?? 0) > 0)
        throw new DomainError('anomalies_pending', { number: session.number })
    }
    const before = session.status
    session.status = transition.to
    await session.save()
    // The hook sees the new state (in the database too) and may change more.
    if (hook) {
      await hook(session, trx)
      await session.save()
    }
    await AuditLog.record({
      actor,
      action: `exam_session.${action}`,
      entityType: 'exam_session',
      entityId: session.id,
      centreId: session.centreId,
      before: { status: before },
      after: { status: session.status, number: session.number },
      client: trx,
    })
    return session
  }
  return client ? run(client) : db.transaction(run)
}
