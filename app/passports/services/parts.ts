import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { User } from '#accounts'
import {
  ExamSession,
  ExamSubject,
  GridCriterion,
  oralParts,
  recordOralResult,
  type GradedCriterion,
  type Registration,
} from '#sessions'
import AuditLog from '#shared/audit/audit_log'
import { DomainError } from '#shared/errors'
import { toId } from '#shared/tenancy'
import PassportPart from '#passports/models/passport_part'
import ExamPassport from '#passports/models/exam_passport'
import { CAPTURE_STATUSES } from '#passports/services/progress'
import { passportOf } from '#passports/services/uploads'

/** The subjects and grid criteria of each oral part of the registration's product. */
export async function captureBank(registration: Registration) {
  await registration.load('session', (q) => q.preload('product', (p) => p.preload('tests')))
  const product = registration.session.product
  const parts = oralParts(product)
  const subjects = await ExamSubject.query()
    .where('product_id', product.id)
    .where('active', true)
    .orderBy('code')
  const criteria = await GridCriterion.query()
    .where('product_id', product.id)
    .where('active', true)
    .orderBy('position')
  return parts.map((part) => ({
    ...part,
    subjects: subjects.filter((s) => s.part === part.part),
    criteria: criteria.filter((c) => c.part === part.part),
  }))
}

/**
 * Saves the subject chosen for an oral part and its grid (seed 000 part 4):
 * the subject from the product's bank for that part, and a level among its
 * own for every criterion of the part's grid. Saving again replaces both.
 * Once every part of the oral test is graded (TEF: EO-A and EO-B), the test's
 * result follows from the grids (recordOralResult), in the same transaction.
 */
export async function gradePart(
  actor: User,
  registration: Registration,
  centreId: number,
  partCode: string,
  input: Record<string, unknown>
) {
  const bank = await captureBank(registration)
  const part = bank.find((p) => p.part === partCode)
  if (!part) throw new DomainError('upload_unknown_part')
  const subject = part.subjects.find((s) => s.id === toId(input.subjectId))
  if (!subject) throw new DomainError('passport_unknown_subject')
  const raw = input.grid
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new DomainError('passport_grid_incomplete')
  const grid: Record<string, string> = {}
  for (const key of Object.keys(raw))
    if (!part.criteria.some((c) => String(c.id) === key))
      throw new DomainError('passport_grid_unknown_criterion')
  for (const criterion of part.criteria) {
    const level = (raw as Record<string, unknown>)[String(criterion.id)]
    if (typeof level !== 'string' || !criterion.levels.includes(level))
      throw new DomainError('passport_grid_missing_level', { criterion: criterion.label })
    grid[String(criterion.id)] = level
  }
  const passport = await passportOf(registration, centreId)
  return db.transaction(async (trx) => {
    // One grading of a passport at a time (two tablets, EO-A and EO-B at once):
    // the second reads the first's grid. The session is locked first, as
    // publication locks it, and must still take captures.
    const session = await ExamSession.query({ client: trx })
      .where('id', registration.sessionId)
      .forUpdate()
      .firstOrFail()
    if (
      !(CAPTURE_STATUSES as readonly string[]).includes(session.status) ||
      session.resultsPublishedAt !== null
    )
      throw new DomainError('passport_closed')
    await ExamPassport.query({ client: trx }).where('id', passport.id).forUpdate().firstOrFail()
    const existing = await PassportPart.query({ client: trx })
      .where('passport_id', passport.id)
      .where('part', part.part)
      .first()
    const gradedAt = DateTime.utc()
    // Two first saves at once (a retry): one row, the last one wins.
    await trx
      .insertQuery()
      .table('passport_parts')
      .insert({
        passport_id: passport.id,
        part: part.part,
        subject_id: subject.id,
        grid: JSON.stringify(grid),
        graded_at: gradedAt.toFormat('yyyy-MM-dd HH:mm:ss'),
        graded_by: actor.id,
      })
      .onConflict(['passport_id', 'part'])
      .merge(['subject_id', 'grid', 'graded_at', 'graded_by'])
    await AuditLog.record({
      actor,
      action: 'passport.part_graded',
      entityType: 'exam_passport',
      entityId: passport.id,
      centreId: passport.centreId,
      before: existing ? { subject: existing.subjectId, grid: existing.grid } : null,
      after: { part: part.part, subject: subject.id, grid },
      client: trx,
    })
    const graded = await PassportPart.query({ client: trx }).where('passport_id', passport.id)
    const row = graded.find((p) => p.part === part.part)!
    return {
      part: row,
      result: await testResult(actor, registration, bank, part.test, graded, trx),
    }
  })
}

/**
 * The oral test's result from its graded parts: nothing until every part of
 * the test has a grid holding a level for each of its current criteria.
 */
async function testResult(
  actor: User,
  registration: Registration,
  bank: Awaited<ReturnType<typeof captureBank>>,
  test: string,
  graded: PassportPart[],
  trx: TransactionClientContract
) {
  const criteria: GradedCriterion[] = []
  for (const part of bank.filter((p) => p.test === test)) {
    const grid = graded.find((g) => g.part === part.part)?.grid
    if (!grid) return null
    for (const criterion of part.criteria) {
      const chosen = grid[String(criterion.id)]
      if (!chosen) return null
      criteria.push({ levels: criterion.levels, chosen })
    }
  }
  return recordOralResult(actor, registration.id, test, criteria, trx)
}
