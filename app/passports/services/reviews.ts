import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { User } from '#accounts'
import { Division } from '#centres'
import AuditLog from '#shared/audit/audit_log'
import { DomainError } from '#shared/errors'
import CompetenceLock from '#passports/models/competence_lock'
import ProfessionalSituation, {
  SITUATION_RESULTS,
  type SituationResult,
} from '#passports/models/professional_situation'
import { currentIds, learnerTrees, situationOptions } from '#passports/services/situations'

/** The classes a teacher belongs to, each with its learners (by name). */
export async function teacherClasses(teacher: User) {
  return Division.query()
    .whereIn('centre_id', [...teacher.centreIds, 0])
    .whereHas('members', (q) => q.where('users.id', teacher.id))
    .preload('members', (q) =>
      q.where('role', 'learner').orderBy('last_name').orderBy('first_name')
    )
    .orderBy('name')
}

/**
 * A learner the teacher may review: one of the learners of a class the
 * teacher belongs to, in one of the teacher's centres. Anyone else is "not
 * found" (no way to probe other centres' learners).
 */
export async function reviewedLearner(teacher: User, learnerId: number) {
  const shared = await db
    .from('division_members as mine')
    .join('division_members as theirs', 'theirs.division_id', 'mine.division_id')
    .join('divisions', 'divisions.id', 'mine.division_id')
    .where('mine.user_id', teacher.id)
    .where('theirs.user_id', learnerId)
    .whereIn('divisions.centre_id', [...teacher.centreIds, 0])
    .first()
  const learner = shared
    ? await User.query().where('id', learnerId).where('role', 'learner').first()
    : null
  if (!learner) throw new DomainError('learner_not_found', {}, 404)
  // Its passport's frameworks come from its centre (the scope a learner has at login).
  return learner.loadScope()
}

/** The situation and its learner, when the teacher may review that learner. */
export async function reviewedSituation(teacher: User, situationId: number) {
  const situation = await ProfessionalSituation.find(situationId)
  if (!situation) throw new DomainError('learner_not_found', {}, 404)
  const learner = await reviewedLearner(teacher, situation.userId)
  return { situation, learner }
}

/** The situation's framework entries (situation, competence) as the learner sees them. */
export async function frameworkOf(
  learner: User,
  stored: { situationIds?: number[]; competenceIds?: number[] } = {}
) {
  const options = situationOptions(await learnerTrees(learner))
  const situations = new Map(options.flatMap((g) => g.situations.map((s) => [s.id, s])))
  const competences = new Map(
    options.flatMap((g) => g.situations.flatMap((s) => s.competences.map((c) => [c.id, c])))
  )
  // Ids recorded under an earlier framework version, read as the current one's (by code).
  const resolve = await currentIds(options).load(
    stored.situationIds ?? [],
    stored.competenceIds ?? []
  )
  return { options, situations, competences, resolve }
}

/**
 * The teacher's evaluation of a situation (seed 002 §3.8.2): a level of the
 * 4-level scale (or none, to take it back) with an appreciation, and the
 * complexities and hazards adjusted to the situation (among its
 * competence's). Audited with before and after.
 */
export async function evaluateSituation(
  teacher: User,
  situation: ProfessionalSituation,
  competence: { complexities: string[]; hazards: string[] } | undefined,
  input: {
    result?: string | null
    appreciation?: string | null
    complexities?: unknown
    hazards?: unknown
  }
) {
  const result = input.result ? String(input.result) : null
  if (result !== null && !(SITUATION_RESULTS as readonly string[]).includes(result))
    throw new DomainError('situation_result_unknown')
  const appreciation = input.appreciation ? String(input.appreciation).trim().slice(0, 2000) : null
  const pick = (value: unknown, allowed: string[]) =>
    [...new Set([value ?? []].flat().map(String))].filter((v) => allowed.includes(v))
  const before = {
    result: situation.result,
    appreciation: situation.appreciation,
    complexities: situation.complexities,
    hazards: situation.hazards,
  }
  situation.merge({
    result: result as SituationResult | null,
    appreciation,
    complexities: pick(input.complexities, competence?.complexities ?? []),
    hazards: pick(input.hazards, competence?.hazards ?? []),
    evaluatedBy: result ? teacher.id : null,
    evaluatedAt: result ? DateTime.utc() : null,
  })
  await db.transaction(async (trx) => {
    situation.useTransaction(trx)
    await situation.save()
    await AuditLog.record({
      actor: teacher,
      action: 'pro_situation.evaluated',
      entityType: 'professional_situation',
      entityId: situation.id,
      centreId: situation.centreId,
      before,
      after: {
        result: situation.result,
        appreciation: situation.appreciation,
        complexities: situation.complexities,
        hazards: situation.hazards,
      },
      client: trx,
    })
  })
}

/**
 * Locks (or unlocks) a competence for a learner (seed 002 §3.7.2: enough
 * situations for it): the learner can no longer choose it for a new
 * situation. Idempotent; audited.
 */
export async function setCompetenceLock(
  teacher: User,
  learner: User,
  competence: { id: number; code: string; frameworkId: number },
  locked: boolean
) {
  // The same competence in every version of its framework (a lock outlives a new version).
  const equivalents = await db
    .from('competences')
    .join('framework_versions', 'framework_versions.id', 'competences.version_id')
    .where('framework_versions.framework_id', competence.frameworkId)
    .where('competences.code', competence.code)
    .select('competences.id')
  const ids = [competence.id, ...equivalents.map((row) => Number(row.id))]
  await db.transaction(async (trx) => {
    const existing = await CompetenceLock.query({ client: trx })
      .where('user_id', learner.id)
      .whereIn('competence_id', ids)
      .forUpdate()
    if (locked === existing.length > 0) return
    if (locked)
      // A double submit meets the unique index: the lock is there, which is what was asked.
      await trx
        .insertQuery()
        .table('competence_locks')
        .insert({
          user_id: learner.id,
          competence_id: competence.id,
          locked_by: teacher.id,
          created_at: DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss'),
        })
        .onConflict(['user_id', 'competence_id'])
        .ignore()
    else
      await CompetenceLock.query({ client: trx })
        .whereIn(
          'id',
          existing.map((lock) => lock.id)
        )
        .delete()
    await AuditLog.record({
      actor: teacher,
      action: locked ? 'pro_competence.locked' : 'pro_competence.unlocked',
      entityType: 'user',
      entityId: learner.id,
      centreId: learner.centreIds[0] ?? null,
      after: { competence: competence.id, code: competence.code },
      client: trx,
    })
  })
}
