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
import { learnerTrees, situationOptions } from '#passports/services/situations'

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
export async function frameworkOf(learner: User) {
  const options = situationOptions(await learnerTrees(learner))
  const situations = new Map(options.flatMap((g) => g.situations.map((s) => [s.id, s])))
  const competences = new Map(
    options.flatMap((g) => g.situations.flatMap((s) => s.competences.map((c) => [c.id, c])))
  )
  return { options, situations, competences }
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
  competenceId: number,
  locked: boolean
) {
  const existing = await CompetenceLock.query()
    .where('user_id', learner.id)
    .where('competence_id', competenceId)
    .first()
  if (locked === Boolean(existing)) return
  await db.transaction(async (trx) => {
    if (locked)
      await CompetenceLock.create(
        { userId: learner.id, competenceId, lockedBy: teacher.id },
        { client: trx }
      )
    else await CompetenceLock.query({ client: trx }).where('id', existing!.id).delete()
    await AuditLog.record({
      actor: teacher,
      action: locked ? 'pro_competence.locked' : 'pro_competence.unlocked',
      entityType: 'user',
      entityId: learner.id,
      centreId: learner.centreIds[0] ?? null,
      after: { competence: competenceId },
      client: trx,
    })
  })
}
