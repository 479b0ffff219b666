import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import AuditLog from '#shared/audit/audit_log'
import { DomainError } from '#shared/errors'
import type { User } from '#accounts'
import { Centre } from '#centres'
import { recordCandidateExam } from '#candidates'
import type { Candidate } from '#candidates'
import ExamSession from '#sessions/models/exam_session'
import Product from '#sessions/models/product'
import Registration from '#sessions/models/registration'
import type { RegistrationChannel } from '#sessions/models/registration'
import RegistrationTest from '#sessions/models/registration_test'
import SessionTest from '#sessions/models/session_test'
import { accessCode } from '#sessions/services/codes'

export interface RegistrationInput {
  tests: string[]
  motivation?: string | null
  idNumber?: string | null
  channel: RegistrationChannel
}

/** Seats taken: registrations that are not cancelled. */
export async function seatsTaken(sessionId: number, client?: TransactionClientContract) {
  const row = await (client ?? db)
    .from('registrations')
    .where('session_id', sessionId)
    .whereNot('status', 'cancelled')
    .count('* as total')
    .first()
  return Number(row?.total ?? 0)
}

/**
 * Registers candidates in one transaction, under a lock on the session row:
 * the state, the deadline (checked now, not only by the scheduled command) and
 * the seats are checked there, so that two desks cannot fill the last seat twice.
 */
export async function registerCandidates(
  actor: User | null,
  sessionId: number,
  entries: { candidate: Candidate; input: RegistrationInput }[],
  now = DateTime.utc(),
  client?: TransactionClientContract
) {
  const run = async (trx: TransactionClientContract) => {
    const session = await ExamSession.query({ client: trx })
      .where('id', sessionId)
      .forUpdate()
      .firstOrFail()
    if (session.status !== 'registrations_open')
      throw new DomainError('registrations_not_open', { number: session.number })
    if (now >= session.registrationDeadline)
      throw new DomainError('registration_deadline_passed', {
        number: session.number,
        deadline: session.registrationDeadline.setZone('Europe/Paris').toFormat('dd/MM/yyyy HH:mm'),
      })
    for (const { candidate } of entries) {
      const already = await Registration.query({ client: trx })
        .where('session_id', session.id)
        .where('candidate_id', candidate.id)
        .first()
      if (already)
        throw new DomainError('already_registered', {
          name: candidate.fullName,
          number: session.number,
        })
    }
    const taken = await seatsTaken(session.id, trx)
    if (taken + entries.length > session.seats)
      throw new DomainError('session_full', {
        number: session.number,
        left: Math.max(session.seats - taken, 0),
      })
    const product = await Product.findOrFail(session.productId, { client: trx })
    const centre = await Centre.findOrFail(session.centreId, { client: trx })
    const local = session.startsAt.setZone(centre.timeZone)
    const examDate = DateTime.utc(local.year, local.month, local.day)
    const sessionTests = await SessionTest.query({ client: trx }).where('session_id', session.id)
    const offered = sessionTests.map((t) => t.testCode)
    const last = await trx
      .from('registrations')
      .where('session_id', session.id)
      .max('number as last')
      .first()
    let number = Number(last?.last) || 0
    const created: Registration[] = []
    for (const { candidate, input } of entries) {
      if (candidate.centreId !== session.centreId) throw new DomainError('candidate_other_centre')
      const tests = product.modular ? input.tests.filter((t) => offered.includes(t)) : offered
      if (tests.length === 0) throw new DomainError('registration_no_test')
      const registration = await Registration.create(
        {
          sessionId: session.id,
          candidateId: candidate.id,
          number: ++number,
          channel: input.channel,
          motivation: input.motivation ?? null,
          idNumber: input.idNumber ?? null,
          accessCode: await freshAccessCode(trx),
          status: 'registered',
        },
        { client: trx }
      )
      await RegistrationTest.createMany(
        tests.map((code) => ({ registrationId: registration.id, testCode: code, absent: false })),
        { client: trx }
      )
      await recordCandidateExam(
        {
          candidateId: candidate.id,
          source: 'registration',
          sourceId: registration.id,
          examType: product.name,
          status: 'planned',
          examDate,
        },
        trx
      )
      await AuditLog.record({
        actor,
        action: 'registration.created',
        entityType: 'registration',
        entityId: registration.id,
        centreId: session.centreId,
        after: {
          session: session.number,
          candidateId: candidate.id,
          tests,
          channel: input.channel,
        },
        client: trx,
      })
      created.push(registration)
    }
    return created
  }
  return client ? run(client) : db.transaction(run)
}

async function freshAccessCode(trx: TransactionClientContract) {
  for (;;) {
    const code = accessCode()
    const taken = await trx.from('registrations').where('access_code', code).first()
    if (!taken) return code
  }
}
