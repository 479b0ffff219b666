import db from '@adonisjs/lucid/services/db'
import { toId } from '#shared/tenancy'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import AuditLog from '#shared/audit/audit_log'
import { DomainError } from '#shared/errors'
import type { User } from '#accounts'
import type { Actor } from '#shared/roles'
import { Centre } from '#centres'
import { recordNewCandidateExams } from '#candidates'
import type { Candidate } from '#candidates'
import ExamSession from '#sessions/models/exam_session'
import Product from '#sessions/models/product'
import Registration from '#sessions/models/registration'
import type { RegistrationChannel } from '#sessions/models/registration'
import SessionTest from '#sessions/models/session_test'
import { accessCode } from '#shared/codes'

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
    const candidateIds = entries.map((e) => e.candidate.id)
    if (new Set(candidateIds).size !== candidateIds.length)
      throw new DomainError('registration_duplicate_entry')
    for (let i = 0; i < candidateIds.length; i += 500) {
      const already = await Registration.query({ client: trx })
        .where('session_id', session.id)
        .whereIn('candidate_id', candidateIds.slice(i, i + 500))
        .first()
      if (already) {
        const candidate = entries.find((e) => e.candidate.id === already.candidateId)!.candidate
        throw new DomainError('already_registered', {
          name: candidate.fullName,
          number: session.number,
        })
      }
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
    // Checked first, written in a few statements: thousands of rows stay fast.
    const planned = entries.map(({ candidate, input }) => {
      if (candidate.centreId !== session.centreId) throw new DomainError('candidate_other_centre')
      const tests = product.modular ? input.tests.filter((t) => offered.includes(t)) : offered
      if (tests.length === 0) throw new DomainError('registration_no_test')
      return { candidate, input, tests, number: ++number }
    })
    const codes = await freshAccessCodes(trx, planned.length)
    const stamp = DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss')
    const rows = planned.map((entry, index) => ({
      session_id: session.id,
      candidate_id: entry.candidate.id,
      number: entry.number,
      channel: entry.input.channel,
      motivation: entry.input.motivation ?? null,
      id_number: entry.input.idNumber ?? null,
      access_code: codes[index],
      status: 'registered',
      created_at: stamp,
      updated_at: stamp,
    }))
    for (let i = 0; i < rows.length; i += 500)
      await trx.table('registrations').multiInsert(rows.slice(i, i + 500))
    const byCandidate = new Map<number, Registration>()
    for (let i = 0; i < candidateIds.length; i += 500) {
      const inserted = await Registration.query({ client: trx })
        .where('session_id', session.id)
        .whereIn('candidate_id', candidateIds.slice(i, i + 500))
      for (const registration of inserted) byCandidate.set(registration.candidateId, registration)
    }
    const created = planned.map((entry) => byCandidate.get(entry.candidate.id)!)
    const testRows = planned.flatMap((entry, index) =>
      entry.tests.map((code) => ({
        registration_id: created[index].id,
        test_code: code,
        absent: false,
      }))
    )
    for (let i = 0; i < testRows.length; i += 500)
      await trx.table('registration_tests').multiInsert(testRows.slice(i, i + 500))
    await recordNewCandidateExams(
      planned.map((entry, index) => ({
        candidateId: entry.candidate.id,
        source: 'registration' as const,
        sourceId: created[index].id,
        examType: product.name,
        status: 'planned' as const,
        examDate,
      })),
      trx
    )
    await AuditLog.recordMany(
      planned.map((entry, index) => ({
        actor,
        action: 'registration.created',
        entityType: 'registration',
        entityId: created[index].id,
        centreId: session.centreId,
        after: {
          session: session.number,
          candidateId: entry.candidate.id,
          tests: entry.tests,
          channel: entry.input.channel,
        },
      })),
      trx
    )
    return created
  }
  return client ? run(client) : db.transaction(run)
}

/** Access codes not yet used, drawn again on the (rare) collision. */
async function freshAccessCodes(trx: TransactionClientContract, count: number) {
  const codes = new Set<string>()
  while (codes.size < count) {
    const wanted = count - codes.size
    const drawn = Array.from({ length: wanted }, () => accessCode()).filter((c) => !codes.has(c))
    const taken = new Set<string>()
    for (let i = 0; i < drawn.length; i += 500) {
      const rows = await trx
        .from('registrations')
        .whereIn('access_code', drawn.slice(i, i + 500))
        .select('access_code')
      for (const row of rows) taken.add(row.access_code)
    }
    for (const code of drawn) if (!taken.has(code)) codes.add(code)
  }
  return [...codes]
}

/**
 * A registration of a session the actor may see (404 otherwise), with its
 * candidate and tests; the session with its product's tests and its own.
 */
export async function findRegistrationInScope(
  actor: Actor,
  sessionId: unknown,
  registrationId: unknown
) {
  const session = await ExamSession.findVisibleOrFail(actor, sessionId)
  await session.load('product', (q) => q.preload('tests'))
  await session.load('tests')
  const registration = await Registration.query()
    .where('session_id', session.id)
    .where('id', toId(registrationId))
    .preload('candidate')
    .preload('tests')
    .firstOrFail()
  return { session, registration }
}
