import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { User } from '#accounts'
import { recordCandidateExam } from '#candidates'
import { Centre } from '#centres'
import AuditLog from '#shared/audit/audit_log'
import { DomainError } from '#shared/errors'
import { NetworkSettings } from '#shared/settings'
import { verificationCode } from '#shared/codes'
import type { Actor } from '#shared/roles'
import Attestation, {
  type AttestationSnapshot,
  type AttestationStatus,
} from '#sessions/models/attestation'
import ExamSession from '#sessions/models/exam_session'
import Product from '#sessions/models/product'
import Registration from '#sessions/models/registration'
import RegistrationResult, { type ResultSource } from '#sessions/models/registration_result'
import { applyTransition } from '#sessions/services/lifecycle'
import { oralResult, type GradedCriterion } from '#sessions/services/oral_grids'

/** Levels of the CEFR as the attestations print them. */
export const LEVELS = ['<A1', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const

/** The top of each test's scale (TEF: CE /300, CO /360, EE and EO /450). */
const MAX_SCORES: Record<string, number> = { CE: 300, CO: 360, EE: 450, EO: 450 }
export function maxScore(testCode: string) {
  return MAX_SCORES[testCode] ?? 100
}

export const VALIDITY_SETTING = 'attestation_validity_months'
export const DEFAULT_VALIDITY_MONTHS = 24

export interface ResultEntry {
  registrationId: number
  testCode: string
  score: number
  level: string
}

/** A score and a level as typed (a form cell or a spreadsheet cell), checked. */
export function parseResult(testCode: string, rawScore: string, rawLevel: string) {
  const scoreText = rawScore.trim()
  const levelText = rawLevel.trim().toUpperCase()
  if (scoreText === '' && levelText === '') return { empty: true as const }
  if (!/^\d{1,4}$/.test(scoreText) || Number(scoreText) > maxScore(testCode))
    return { error: 'result_score_range', max: maxScore(testCode) }
  if (!(LEVELS as readonly string[]).includes(levelText)) return { error: 'result_level' }
  return { score: Number(scoreText), level: levelText }
}

/** The tests a registration is marked on: not absent, not exempted. */
export function markedTests(registration: Registration) {
  return registration.tests.filter((t) => !t.absent && !t.exempt).map((t) => t.testCode)
}

/**
 * Registrations whose results are withheld: a fraud report still open, or a
 * fraud confirmed (the results are then annulled).
 */
export async function withheldRegistrations(sessionId: number, client?: TransactionClientContract) {
  const rows = await (client ?? db)
    .from('registration_requests')
    .where('session_id', sessionId)
    .where('kind', 'fraud')
    .whereIn('status', ['submitted', 'in_review', 'accepted'])
    .select('registration_id', 'status')
  const withheld = new Map<number, 'open' | 'confirmed'>()
  for (const row of rows)
    withheld.set(Number(row.registration_id), row.status === 'accepted' ? 'confirmed' : 'open')
  return withheld
}

/** Registrations with an accepted appeal: the only ones re-marked after publication. */
export async function appealedRegistrations(sessionId: number) {
  const rows = await db
    .from('registration_requests')
    .where('session_id', sessionId)
    .where('kind', 'appeal')
    .where('status', 'accepted')
    .select('registration_id')
  return new Set(rows.map((row) => Number(row.registration_id)))
}

/** Results of a session: registration id → test code → result. */
export async function resultsOfSession(sessionId: number, client?: TransactionClientContract) {
  const rows = await RegistrationResult.query({ client })
    .whereIn('registration_id', (q) =>
      q.from('registrations').where('session_id', sessionId).select('id')
    )
    .orderBy('id')
  const byRegistration = new Map<number, Map<string, RegistrationResult>>()
  for (const row of rows) {
    const tests = byRegistration.get(row.registrationId) ?? new Map()
    tests.set(row.testCode, row)
    byRegistration.set(row.registrationId, tests)
  }
  return byRegistration
}

/**
 * Writes scores and levels in one transaction. Before publication, network
 * staff mark any registration; after it, only a registration whose appeal was
 * accepted (a re-marking, with a reason), and its attestation is reissued. A
 * score from the exam passport is overridden only with a reason. Audited per
 * registration with before/after.
 */
export async function saveResults(
  actor: User,
  sessionId: number,
  entries: ResultEntry[],
  source: Exclude<ResultSource, 'passport'>,
  reasons: Record<number, string> = {}
) {
  const appealed = await appealedRegistrations(sessionId)
  return db.transaction(async (trx) => {
    const session = await ExamSession.query({ client: trx })
      .where('id', sessionId)
      .forUpdate()
      .firstOrFail()
    const published = session.status === 'results_published'
    if (session.status !== 'in_correction' && !published)
      throw new DomainError('results_not_now', { number: session.number })
    const registrations = await Registration.query({ client: trx })
      .where('session_id', session.id)
      .preload('tests')
      .preload('candidate')
    const byId = new Map(registrations.map((r) => [r.id, r]))
    const existing = await resultsOfSession(session.id, trx)
    const touched = new Map<
      number,
      { before: Record<string, string>; after: Record<string, string> }
    >()
    for (const entry of entries) {
      const registration = byId.get(entry.registrationId)
      if (!registration || registration.status !== 'registered')
        throw new DomainError('result_wrong_registration')
      if (!markedTests(registration).includes(entry.testCode))
        throw new DomainError('result_wrong_test', {
          test: entry.testCode,
          name: registration.candidate.fullName,
        })
      const current = existing.get(registration.id)?.get(entry.testCode)
      if (current && current.score === entry.score && current.level === entry.level) continue
      const reason = reasons[registration.id]?.trim() || null
      // After publication: a re-marking after an accepted appeal, or a result
      // still missing (a registration withheld at publication, then released).
      if (published && !appealed.has(registration.id) && current)
        throw new DomainError('results_published_no_appeal', {
          name: registration.candidate.fullName,
        })
      if ((published || current?.source === 'passport') && current && !reason)
        throw new DomainError('result_reason_required', {
          name: registration.candidate.fullName,
          test: entry.testCode,
        })
      const previous = current ? `${current.score} ${current.level}` : ''
      if (current) {
        current.useTransaction(trx)
        current.merge({
          score: entry.score,
          level: entry.level,
          source,
          reason,
          enteredBy: actor.id,
        })
        await current.save()
      } else {
        await RegistrationResult.create(
          {
            registrationId: registration.id,
            testCode: entry.testCode,
            score: entry.score,
            level: entry.level,
            source,
            reason,
            enteredBy: actor.id,
          },
          { client: trx }
        )
      }
      const change = touched.get(registration.id) ?? { before: {}, after: {} }
      change.before[entry.testCode] = previous
      change.after[entry.testCode] = `${entry.score} ${entry.level}`
      touched.set(registration.id, change)
    }
    await AuditLog.recordMany(
      [...touched].map(([registrationId, change]) => ({
        actor,
        action: published ? 'registration.remarked' : 'registration.results_entered',
        entityType: 'registration',
        entityId: registrationId,
        centreId: session.centreId,
        before: change.before,
        after: { ...change.after, source, reason: reasons[registrationId] ?? null },
      })),
      trx
    )
    if (published)
      for (const registrationId of touched.keys()) await settleRegistration(registrationId, trx)
    return { changed: touched.size }
  })
}

/** What the exam passport's grids did to a registration's result. */
export type OralResultOutcome =
  | { state: 'recorded' | 'unchanged'; score: number; level: string }
  | { state: 'kept' | 'published' | 'not_marked' | 'no_conversion' }

/**
 * The exam passport's result of an oral test (SPEC: "EO scores come from the
 * exam passport grids"), converted by oralResult and written with source
 * 'passport' in the examiner's transaction. Until publication a new grading
 * replaces it; a result the network entered or imported is never overwritten
 * (theirs wins, and they change a passport result only with a reason, see
 * saveResults); a published session is not touched (a re-marking goes
 * through an appeal). Audited like any result.
 */
export async function recordOralResult(
  actor: User,
  registrationId: number,
  testCode: string,
  criteria: GradedCriterion[],
  trx: TransactionClientContract
): Promise<OralResultOutcome> {
  const registration = await Registration.query({ client: trx })
    .where('id', registrationId)
    .preload('tests')
    .firstOrFail()
  const session = await ExamSession.query({ client: trx })
    .where('id', registration.sessionId)
    .forUpdate()
    .firstOrFail()
  if (session.status === 'results_published') return { state: 'published' }
  if (
    session.status === 'cancelled' ||
    registration.status !== 'registered' ||
    !markedTests(registration).includes(testCode)
  )
    return { state: 'not_marked' }
  const result = oralResult(maxScore(testCode), criteria)
  if (!result) return { state: 'no_conversion' }
  const current = await RegistrationResult.query({ client: trx })
    .where('registration_id', registration.id)
    .where('test_code', testCode)
    .first()
  if (current && current.source !== 'passport') return { state: 'kept' }
  if (current && current.score === result.score && current.level === result.level)
    return { state: 'unchanged', ...result }
  const before = current ? `${current.score} ${current.level}` : ''
  if (current) {
    current.useTransaction(trx)
    current.merge({ ...result, enteredBy: actor.id })
    await current.save()
  } else {
    await RegistrationResult.create(
      {
        registrationId: registration.id,
        testCode,
        ...result,
        source: 'passport',
        enteredBy: actor.id,
      },
      { client: trx }
    )
  }
  await AuditLog.record({
    actor,
    action: 'registration.results_entered',
    entityType: 'registration',
    entityId: registration.id,
    centreId: session.centreId,
    before: { [testCode]: before },
    after: { [testCode]: `${result.score} ${result.level}`, source: 'passport' },
    client: trx,
  })
  return { state: 'recorded', ...result }
}

/** Missing results of the registrations to be published (withheld ones aside). */
export async function missingResults(sessionId: number, client?: TransactionClientContract) {
  const registrations = await Registration.query({ client })
    .where('session_id', sessionId)
    .where('status', 'registered')
    .preload('tests')
  const results = await resultsOfSession(sessionId, client)
  const withheld = await withheldRegistrations(sessionId, client)
  let missing = 0
  for (const registration of registrations) {
    if (withheld.has(registration.id)) continue
    for (const code of markedTests(registration))
      if (!results.get(registration.id)?.has(code)) missing++
  }
  return missing
}

/**
 * Publishes a session's results now, or plans it for a later date (the
 * scheduled command publishes then). Every registration to publish must have
 * all its results; withheld ones stay hidden and get no attestation.
 */
export async function publishResults(
  actor: Actor | null,
  sessionId: number,
  releaseAt: DateTime | null,
  now = DateTime.utc()
) {
  if (releaseAt && releaseAt > now) {
    const session = await db.transaction(async (trx) => {
      const locked = await ExamSession.query({ client: trx })
        .where('id', sessionId)
        .forUpdate()
        .firstOrFail()
      if (locked.status !== 'in_correction')
        throw new DomainError('session_wrong_status', { status: locked.status })
      const missing = await missingResults(locked.id, trx)
      if (missing) throw new DomainError('results_incomplete', { count: missing })
      locked.resultsReleaseAt = releaseAt
      await locked.save()
      await AuditLog.record({
        actor,
        action: 'exam_session.publication_scheduled',
        entityType: 'exam_session',
        entityId: locked.id,
        centreId: locked.centreId,
        after: { number: locked.number, releaseAt: releaseAt.toISO() },
        client: trx,
      })
      return locked
    })
    return { session, scheduled: true }
  }
  const session = await applyTransition(actor, sessionId, 'publish', now, async (locked, trx) => {
    const missing = await missingResults(locked.id, trx)
    if (missing) throw new DomainError('results_incomplete', { count: missing })
    locked.merge({ resultsPublishedAt: now, resultsReleaseAt: null })
    await recordPublication(locked, trx)
  })
  return { session, scheduled: false }
}

/** Back to in_correction to correct results (network admin); audited by the transition. */
export function unpublishResults(actor: Actor, sessionId: number) {
  return applyTransition(actor, sessionId, 'unpublish', DateTime.utc(), async (locked, trx) => {
    locked.merge({ resultsPublishedAt: null })
    // While results are being corrected, their attestations do not vouch for them.
    await trx
      .from('attestations')
      .whereIn('registration_id', (q) =>
        q.from('registrations').where('session_id', locked.id).select('id')
      )
      .where('status', 'valid')
      .update({ status: 'suspended', updated_at: DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss') })
  })
}

/** Publishes the sessions whose planned publication date has come. */
export async function publishDueResults(now = DateTime.utc()) {
  const due = await ExamSession.query()
    .where('status', 'in_correction')
    .whereNotNull('results_release_at')
    .where('results_release_at', '<=', now.toFormat('yyyy-MM-dd HH:mm:ss'))
    .select('id', 'number')
  const published: number[] = []
  for (const session of due) {
    try {
      await publishResults(null, session.id, null, now)
      published.push(session.number)
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
    }
  }
  return published
}

/**
 * On publication: the candidate files learn the outcome (passed, total score),
 * and every registration not withheld gets its attestation.
 */
async function recordPublication(session: ExamSession, trx: TransactionClientContract) {
  const registrations = await Registration.query({ client: trx })
    .where('session_id', session.id)
    .where('status', 'registered')
  for (const registration of registrations) await settleRegistration(registration.id, trx)
}

/**
 * After publication, or after anything that changes a published
 * registration (a fraud reported, confirmed or dismissed, a re-marking): the
 * candidate's exam record says passed with its total and its validation, and
 * the attestation follows: suspended while a fraud is open, revoked once it is
 * confirmed, otherwise (re)issued from complete results.
 */
export async function settleRegistration(registrationId: number, trx: TransactionClientContract) {
  const registration = await Registration.query({ client: trx })
    .where('id', registrationId)
    .preload('tests')
    .preload('results')
    .firstOrFail()
  const session = await ExamSession.findOrFail(registration.sessionId, { client: trx })
  if (session.status !== 'results_published' || registration.status !== 'registered') return
  const holds = await withheldRegistrations(session.id, trx)
  const withheld = holds.get(registration.id)
  const product = await Product.findOrFail(session.productId, { client: trx })
  await recordCandidateExam(
    {
      candidateId: registration.candidateId,
      source: 'registration',
      sourceId: registration.id,
      examType: product.name,
      status: 'passed',
      validation: withheld ? (withheld === 'confirmed' ? 'invalidated' : 'pending') : 'validated',
      // Tests marked absent or exempt after a result was entered do not count.
      score: registration.results
        .filter((r) => markedTests(registration).includes(r.testCode))
        .reduce((sum, r) => sum + r.score, 0),
      examDate: session.startsAt.startOf('day'),
    },
    trx
  )
  if (withheld === 'confirmed') return revokeAttestations(registration.id, trx)
  if (withheld === 'open') return setAttestationStatus(registration.id, 'valid', 'suspended', trx)
  await setAttestationStatus(registration.id, 'suspended', 'valid', trx)
  await issueAttestation(registration.id, trx)
}

async function setAttestationStatus(
  registrationId: number,
  from: AttestationStatus,
  to: AttestationStatus,
  trx: TransactionClientContract
) {
  await trx
    .from('attestations')
    .where('registration_id', registrationId)
    .where('status', from)
    .update({ status: to, updated_at: DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss') })
}

/**
 * Issues the attestation of a registration from its current results, unless
 * the valid one already states the same: then nothing changes. A different
 * statement supersedes the old attestation (its code then says so).
 */
export async function issueAttestation(registrationId: number, trx: TransactionClientContract) {
  const registration = await Registration.query({ client: trx })
    .where('id', registrationId)
    .preload('candidate')
    .preload('session', (q) => q.preload('product', (p) => p.preload('tests')))
    .firstOrFail()
  const session = registration.session
  const centre = await Centre.findOrFail(session.centreId, { client: trx })
  await registration.load('tests')
  const marked = markedTests(registration)
  const rows = await RegistrationResult.query({ client: trx })
    .where('registration_id', registration.id)
    .orderBy('test_code')
  const results = rows.filter((r) => marked.includes(r.testCode))
  // An attestation states every test taken: none while one is missing.
  if (results.length === 0 || results.length < marked.length) return null
  const order = session.product.tests.map((t) => t.code)
  const snapshot: AttestationSnapshot = {
    name: registration.candidate.fullName,
    birthDate: registration.candidate.birthDate?.toISODate() ?? null,
    product: session.product.name,
    sessionNumber: session.number,
    sessionDate: session.startsAt.setZone(centre.timeZone).toISODate()!,
    centre: centre.name,
    tests: results
      .sort((a, b) => order.indexOf(a.testCode) - order.indexOf(b.testCode))
      .map((r) => ({
        code: r.testCode,
        name: session.product.tests.find((t) => t.code === r.testCode)?.name ?? r.testCode,
        score: r.score,
        max: maxScore(r.testCode),
        level: r.level,
      })),
  }
  const current = await Attestation.query({ client: trx })
    .where('registration_id', registration.id)
    .where('status', 'valid')
    .forUpdate()
    .first()
  if (current && JSON.stringify(current.snapshot.tests) === JSON.stringify(snapshot.tests))
    return current
  const months = await NetworkSettings.getNumber(VALIDITY_SETTING, DEFAULT_VALIDITY_MONTHS, trx)
  const examDay = DateTime.fromISO(snapshot.sessionDate, { zone: 'utc' })
  let code = verificationCode()
  while (await Attestation.query({ client: trx }).where('code', code).first())
    code = verificationCode()
  const fresh = await Attestation.create(
    {
      registrationId: registration.id,
      centreId: session.centreId,
      code,
      status: 'valid',
      snapshot,
      issuedAt: DateTime.utc(),
      validUntil: examDay.plus({ months }),
    },
    { client: trx }
  )
  if (current) {
    current.useTransaction(trx)
    current.merge({ status: 'superseded', supersededById: fresh.id })
    await current.save()
  }
  await AuditLog.record({
    actor: null,
    action: current ? 'attestation.reissued' : 'attestation.issued',
    entityType: 'attestation',
    entityId: fresh.id,
    centreId: session.centreId,
    before: current ? { code: current.code } : null,
    after: { code: fresh.code, registrationId: registration.id },
    client: trx,
  })
  return fresh
}

/** A confirmed fraud revokes the registration's attestation. */
export async function revokeAttestations(registrationId: number, trx: TransactionClientContract) {
  await trx
    .from('attestations')
    .where('registration_id', registrationId)
    .whereIn('status', ['valid', 'suspended'])
    .update({ status: 'revoked', updated_at: DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss') })
}
