import db from '@adonisjs/lucid/services/db'
import limiter from '@adonisjs/limiter/services/main'
import { DateTime } from 'luxon'
import AuditLog from '#shared/audit/audit_log'
import { DomainError } from '#shared/errors'
import type { User } from '#accounts'
import type { Centre } from '#centres'
import { createImportedCandidates, findCandidate } from '#candidates'
import ExamSession from '#sessions/models/exam_session'
import type Preregistration from '#sessions/models/preregistration'
import { registerCandidates } from '#sessions/services/registrations'

/** 5 requests per hour per address and centre: no captcha, but no flood either. */
export const publicLimiter = () =>
  limiter.use({ requests: 5, duration: '1 hour', blockDuration: '1 hour' })

/** Open sessions of a centre that its public page may list (seed 001 "mise en ligne"). */
export function listedSessions(centre: Centre, now = DateTime.utc()) {
  return ExamSession.query()
    .where('centre_id', centre.id)
    .where('status', 'registrations_open')
    .where('visibility', 'with_sessions')
    .where('registration_deadline', '>', now.toFormat('yyyy-MM-dd HH:mm:ss'))
    .preload('product', (q) => q.preload('tests'))
    .preload('tests')
    .orderBy('starts_at')
}

/** Is the centre on the pre-registration site at all? */
export async function isListed(centre: Centre) {
  if (centre.status !== 'active') return false
  if (centre.onlineVisibility !== 'hidden') return true
  const open = await ExamSession.query()
    .where('centre_id', centre.id)
    .where('status', 'registrations_open')
    .whereIn('visibility', ['with_sessions', 'without_sessions'])
    .first()
  return !!open
}

/**
 * Transfers a pre-registration into a session: the candidate is the centre's
 * file for that person (same email, or same names and birth date) or a new one,
 * then registered like on site; all in one transaction.
 */
export async function transferPreregistration(
  actor: User,
  preregistration: Preregistration,
  session: ExamSession,
  tests: string[]
) {
  if (preregistration.status !== 'pending') throw new DomainError('preregistration_done')
  if (session.centreId !== preregistration.centreId) throw new DomainError('candidate_other_centre')
  const person = {
    civility: preregistration.civility,
    lastName: preregistration.lastName,
    firstName: preregistration.firstName,
    birthDate: preregistration.birthDate,
    email: preregistration.email,
    nationality: null,
    motherTongue: null,
    idNumber: null,
  }
  const existing = await findCandidate(session.centreId, person)
  return db.transaction(async (trx) => {
    const [created] = existing
      ? [existing]
      : await createImportedCandidates(actor, session.centreId, [person], trx)
    const candidate = created
    const [registration] = await registerCandidates(
      actor,
      session.id,
      [{ candidate, input: { tests, channel: 'online' } }],
      DateTime.utc(),
      trx
    )
    preregistration.useTransaction(trx)
    preregistration.merge({ status: 'transferred', registrationId: registration.id })
    await preregistration.save()
    await AuditLog.record({
      actor,
      action: 'preregistration.transferred',
      entityType: 'preregistration',
      entityId: preregistration.id,
      centreId: preregistration.centreId,
      after: {
        session: session.number,
        registrationId: registration.id,
        candidateId: candidate.id,
      },
      client: trx,
    })
    return { registration, candidate }
  })
}
