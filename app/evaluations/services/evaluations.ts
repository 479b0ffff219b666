import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { User } from '#accounts'
import { Division } from '#centres'
import AuditLog from '#shared/audit/audit_log'
import { DomainError } from '#shared/errors'
import type { Actor } from '#shared/roles'
import { toId } from '#shared/tenancy'
import Evaluation from '#evaluations/models/evaluation'
import EvaluationChange from '#evaluations/models/evaluation_change'
import EvaluationCompetence from '#evaluations/models/evaluation_competence'
import EvaluationGrade from '#evaluations/models/evaluation_grade'
import EvaluationLearner from '#evaluations/models/evaluation_learner'
import type { CompetenceChoice } from '#evaluations/services/scenarios'
import { isGradeLevel, type GradeLevel } from '#evaluations/services/levels'

export const MAX_LEARNERS = 60
export const MAX_COMMENT = 2000

export interface EvaluationInput {
  title: string
  evaluatedOn: DateTime
  choices: CompetenceChoice[]
  learnerIds: number[]
}

/**
 * The learners a teacher may pick, by class (seed 002: "Sélectionnez les
 * apprenants"): the centre's classes with their groups, then the learners of
 * the centre in no class. Only active or invited learners of the centre.
 */
export async function learnerOptions(centreId: number) {
  const learnersOnly = (q: any) =>
    q.where('role', 'learner').whereNot('status', 'disabled').orderBy(['last_name', 'first_name'])
  const classes = await Division.query()
    .where('centre_id', centreId)
    .preload('members', learnersOnly)
    .preload('groups', (q) => q.orderBy('name').preload('members', learnersOnly))
    .orderBy('name')
  const inClass = new Set(classes.flatMap((c) => c.members.map((m) => m.id)))
  const members = await User.query()
    .where('role', 'learner')
    .whereNot('status', 'disabled')
    .whereExists((q) =>
      q
        .from('centre_memberships')
        .whereColumn('centre_memberships.user_id', 'users.id')
        .where('centre_memberships.centre_id', centreId)
    )
    .orderBy(['last_name', 'first_name'])
  const others = members.filter((user) => !inClass.has(user.id))
  return { classes, others }
}

/** The learners ticked (learners[] = ids): learners of the centre, at least one. */
export async function readLearners(centreId: number, input: Record<string, any>, kept: number[]) {
  const raw = input.learners
  const ids = [...new Set((Array.isArray(raw) ? raw : raw ? [raw] : []).map(toId))].filter(Boolean)
  if (ids.length === 0) throw new DomainError('evaluation_no_learner')
  if (ids.length > MAX_LEARNERS) throw new DomainError('evaluation_too_many_learners')
  const found = await User.query()
    .whereIn('id', ids)
    .where((q) =>
      q
        .where((inner) =>
          inner
            .where('role', 'learner')
            .whereExists((m) =>
              m
                .from('centre_memberships')
                .whereColumn('centre_memberships.user_id', 'users.id')
                .where('centre_memberships.centre_id', centreId)
            )
        )
        // A learner already evaluated stays choosable even if it left the centre since.
        .orWhereIn('id', [...kept, 0])
    )
    .select('id')
  if (found.length !== ids.length) throw new DomainError('evaluation_unknown_learner')
  return ids
}

function summary(evaluation: {
  title: string
  evaluatedOn: DateTime
  choices: CompetenceChoice[]
  learnerIds: number[]
}) {
  return {
    title: evaluation.title,
    evaluated_on: evaluation.evaluatedOn.toISODate(),
    competences: evaluation.choices.map((c) => c.competenceId),
    complexities: evaluation.choices.flatMap((c) => c.complexities),
    hazards: evaluation.choices.flatMap((c) => c.hazards),
    learners: [...evaluation.learnerIds].sort((a, b) => a - b),
  }
}

export async function createEvaluation(
  author: User,
  centreId: number,
  input: EvaluationInput,
  scenarioId: number | null = null
) {
  return db.transaction(async (trx) => {
    const evaluation = await Evaluation.create(
      {
        centreId,
        authorId: author.id,
        scenarioId,
        title: input.title,
        evaluatedOn: input.evaluatedOn,
        visible: false,
      },
      { client: trx }
    )
    await EvaluationCompetence.createMany(
      input.choices.map((choice, index) => ({
        evaluationId: evaluation.id,
        position: index + 1,
        ...choice,
      })),
      { client: trx }
    )
    await EvaluationLearner.createMany(
      input.learnerIds.map((userId) => ({ evaluationId: evaluation.id, userId, comment: null })),
      { client: trx }
    )
    await AuditLog.record({
      actor: author,
      action: 'evaluation.created',
      entityType: 'evaluation',
      entityId: evaluation.id,
      centreId,
      after: { ...summary(input), scenario: scenarioId },
      client: trx,
    })
    return evaluation
  })
}

/** What saving the form would remove along with results already entered. */
export async function gradedRemovals(evaluation: Evaluation, input: EvaluationInput) {
  const keptCompetences = input.choices.map((c) => c.competenceId)
  const rows = await db
    .from('evaluation_grades')
    .where('evaluation_id', evaluation.id)
    .where((q) =>
      q
        .whereNotIn('user_id', [...input.learnerIds, 0])
        .orWhereNotIn('competence_id', [...keptCompetences, 0])
    )
    .select('user_id', 'competence_id')
  const commented = await db
    .from('evaluation_learners')
    .where('evaluation_id', evaluation.id)
    .whereNotIn('user_id', [...input.learnerIds, 0])
    .whereNotNull('comment')
    .whereNot('comment', '')
    .select('user_id')
  const learnerIds = new Set([
    ...rows.map((r) => Number(r.user_id)).filter((id) => !input.learnerIds.includes(id)),
    ...commented.map((r) => Number(r.user_id)),
  ])
  const competenceIds = new Set(
    rows.map((r) => Number(r.competence_id)).filter((id) => !keptCompetences.includes(id))
  )
  return { grades: rows.length, learnerIds: [...learnerIds], competenceIds: [...competenceIds] }
}

/**
 * Saves title, date, competences (order, complexities, hazards) and learners.
 * Results of a learner or competence taken out are deleted, and the history
 * says so; the caller has the teacher confirm that first (gradedRemovals).
 */
export async function updateEvaluation(
  actor: User,
  evaluation: Evaluation,
  input: EvaluationInput
) {
  await evaluation.load('competences')
  await evaluation.load('learners')
  const before = summary({
    title: evaluation.title,
    evaluatedOn: evaluation.evaluatedOn,
    choices: evaluation.competences
      .sort((a, b) => a.position - b.position)
      .map((c) => ({
        competenceId: c.competenceId,
        complexities: c.complexities,
        hazards: c.hazards,
      })),
    learnerIds: evaluation.learners.map((l) => l.userId),
  })
  await db.transaction(async (trx) => {
    evaluation.useTransaction(trx)
    evaluation.merge({ title: input.title, evaluatedOn: input.evaluatedOn })
    await evaluation.save()

    const keptCompetences = input.choices.map((c) => c.competenceId)
    const removed = await EvaluationGrade.query({ client: trx })
      .where('evaluation_id', evaluation.id)
      .where((q) =>
        q
          .whereNotIn('user_id', [...input.learnerIds, 0])
          .orWhereNotIn('competence_id', [...keptCompetences, 0])
      )
    const now = DateTime.now()
    const changes: Partial<EvaluationChange>[] = removed.map((grade) => ({
      evaluationId: evaluation.id,
      learnerId: grade.userId,
      competenceId: grade.competenceId,
      field: 'grade',
      before: grade.level,
      after: null,
      changedBy: actor.id,
      changedAt: now,
    }))
    const leaving = evaluation.learners.filter((l) => !input.learnerIds.includes(l.userId))
    for (const learner of leaving)
      if (learner.comment)
        changes.push({
          evaluationId: evaluation.id,
          learnerId: learner.userId,
          competenceId: null,
          field: 'comment',
          before: learner.comment,
          after: null,
          changedBy: actor.id,
          changedAt: now,
        })
    if (changes.length) await EvaluationChange.createMany(changes, { client: trx })
    await trx
      .from('evaluation_grades')
      .whereIn('id', [...removed.map((g) => g.id), 0])
      .delete()

    await trx
      .from('evaluation_competences')
      .where('evaluation_id', evaluation.id)
      .whereNotIn('competence_id', [...keptCompetences, 0])
      .delete()
    const existing = new Map(evaluation.competences.map((c) => [c.competenceId, c]))
    for (const [index, choice] of input.choices.entries()) {
      const row = existing.get(choice.competenceId)
      if (row) {
        row.useTransaction(trx)
        row.merge({
          position: index + 1,
          complexities: choice.complexities,
          hazards: choice.hazards,
        })
        await row.save()
      } else {
        await EvaluationCompetence.create(
          { evaluationId: evaluation.id, position: index + 1, ...choice },
          { client: trx }
        )
      }
    }

    await trx
      .from('evaluation_learners')
      .where('evaluation_id', evaluation.id)
      .whereNotIn('user_id', [...input.learnerIds, 0])
      .delete()
    const present = new Set(evaluation.learners.map((l) => l.userId))
    const joining = input.learnerIds.filter((id) => !present.has(id))
    if (joining.length)
      await EvaluationLearner.createMany(
        joining.map((userId) => ({ evaluationId: evaluation.id, userId, comment: null })),
        { client: trx }
      )

    await AuditLog.record({
      actor,
      action: 'evaluation.updated',
      entityType: 'evaluation',
      entityId: evaluation.id,
      centreId: evaluation.centreId,
      ...AuditLog.diff(before, summary(input)),
      client: trx,
    })
  })
}

export interface GradeChange {
  learnerId: number
  competenceId: number
  /** null clears the cell. */
  level: GradeLevel | null
  /** What the teacher's page showed before this change (undefined: not said). */
  expected?: GradeLevel | null
}

export interface CommentChange {
  learnerId: number
  comment: string | null
  expected?: string | null
}

export interface VisibilityChange {
  visible: boolean
  expected?: boolean
}

/** A field changed elsewhere (another tab, another device) since the page was loaded. */
export interface Conflict {
  learnerId: number
  competenceId: number | null
  stored: string | null
}

const LEARNER_KEY = /^l(\d{1,10})$/
const COMPETENCE_KEY = /^c(\d{1,10})$/

function refuse(): never {
  throw new DomainError('evaluation_bad_form')
}

/** One form value: a string, or refused (nested objects, lists of values). */
function single(value: unknown): string {
  if (typeof value === 'string') return value
  if (value === undefined || value === null) return ''
  return refuse()
}

function level(value: unknown): GradeLevel | null {
  const text = single(value)
  if (text === '') return null
  if (!isGradeLevel(text)) throw new DomainError('evaluation_bad_level')
  return text
}

function comment(value: unknown): string | null {
  // Browsers count a line break as one character but send two (\r\n).
  const text = single(value).replace(/\r\n?/g, '\n').trim()
  if (text.length > MAX_COMMENT) throw new DomainError('evaluation_comment_too_long')
  return text === '' ? null : text
}

function entries(value: unknown): [string, unknown][] {
  if (value === undefined || value === null) return []
  if (typeof value !== 'object' || Array.isArray(value)) return refuse()
  return Object.entries(value)
}

/**
 * Reads a grading request: grades[l<learner>][c<competence>] = level or '',
 * comments[l<learner>] = text, visible = '1' or absent (with visible_shown),
 * and for each of them what the page showed when loaded: expected[...],
 * expected_comments[...], expected_visible. Keys are strict, values plain
 * strings, a cell said twice is refused.
 */
export function readGrading(input: Record<string, any>) {
  const grades: GradeChange[] = []
  const comments: CommentChange[] = []
  const expectedGrades = new Map<string, GradeLevel | null>()
  for (const [learnerKey, cells] of entries(input.expected)) {
    const learnerId = Number(LEARNER_KEY.exec(learnerKey)?.[1] ?? refuse())
    for (const [competenceKey, value] of entries(cells)) {
      const competenceId = Number(COMPETENCE_KEY.exec(competenceKey)?.[1] ?? refuse())
      expectedGrades.set(`${learnerId}:${competenceId}`, level(value))
    }
  }
  const seen = new Set<string>()
  for (const [learnerKey, cells] of entries(input.grades)) {
    const learnerId = Number(LEARNER_KEY.exec(learnerKey)?.[1] ?? refuse())
    for (const [competenceKey, value] of entries(cells)) {
      const competenceId = Number(COMPETENCE_KEY.exec(competenceKey)?.[1] ?? refuse())
      const key = `${learnerId}:${competenceId}`
      if (seen.has(key)) refuse()
      seen.add(key)
      const change: GradeChange = { learnerId, competenceId, level: level(value) }
      if (expectedGrades.has(key)) change.expected = expectedGrades.get(key)
      grades.push(change)
    }
  }
  const expectedComments = new Map<number, string | null>()
  for (const [learnerKey, value] of entries(input.expected_comments)) {
    const learnerId = Number(LEARNER_KEY.exec(learnerKey)?.[1] ?? refuse())
    expectedComments.set(learnerId, comment(value))
  }
  for (const [learnerKey, value] of entries(input.comments)) {
    const learnerId = Number(LEARNER_KEY.exec(learnerKey)?.[1] ?? refuse())
    const change: CommentChange = { learnerId, comment: comment(value) }
    if (expectedComments.has(learnerId)) change.expected = expectedComments.get(learnerId)
    comments.push(change)
  }
  let visibility: VisibilityChange | null = null
  if (input.visible_shown) {
    visibility = { visible: single(input.visible) === '1' }
    const expected = single(input.expected_visible)
    if (expected === '0' || expected === '1') visibility.expected = expected === '1'
  }
  return { grades, comments, visibility }
}

/**
 * What to do with a field: unchanged by this request (the value sent is the
 * one the page showed, or the one stored), changed elsewhere since the page
 * was loaded (a conflict: the stored value stays), or to be written.
 */
function decide<T>(sent: T, stored: T, expected: T | undefined): 'skip' | 'conflict' | 'write' {
  if (sent === stored) return 'skip'
  if (expected === undefined) return 'write'
  if (sent === expected) return 'skip'
  if (stored !== expected) return 'conflict'
  return 'write'
}

/**
 * Writes grades, comments and visibility (autosave sends what changed, the
 * form all of it). Only cells of the evaluation's learners and competences
 * are accepted. A field sent with what the page showed is written only if it
 * still holds that: another tab or device that changed it meanwhile wins,
 * and the field is reported as a conflict. Each real change goes into the
 * grade history.
 */
export async function saveGrading(
  actor: User,
  evaluation: Evaluation,
  request: {
    grades: GradeChange[]
    comments: CommentChange[]
    visibility?: VisibilityChange | null
  }
) {
  const { grades, comments, visibility } = request
  const result = await db.transaction(async (trx) => {
    // One grading at a time per evaluation (a row lock on PostgreSQL; SQLite writes one at a time).
    const locked = await Evaluation.query({ client: trx })
      .where('id', evaluation.id)
      .forUpdate()
      .firstOrFail()
    const learners = await EvaluationLearner.query({ client: trx }).where(
      'evaluation_id',
      evaluation.id
    )
    const learnerIds = new Set(learners.map((l) => l.userId))
    const competenceRows = await trx
      .from('evaluation_competences')
      .where('evaluation_id', evaluation.id)
      .select('competence_id')
    const competenceIds = new Set(competenceRows.map((r) => Number(r.competence_id)))
    for (const change of grades)
      if (!learnerIds.has(change.learnerId) || !competenceIds.has(change.competenceId))
        throw new DomainError('evaluation_unknown_cell')
    for (const change of comments)
      if (!learnerIds.has(change.learnerId)) throw new DomainError('evaluation_unknown_cell')

    const stored = await EvaluationGrade.query({ client: trx }).where(
      'evaluation_id',
      evaluation.id
    )
    const current = new Map(stored.map((g) => [`${g.userId}:${g.competenceId}`, g]))
    const now = DateTime.utc()
    const stamp = now.toFormat('yyyy-MM-dd HH:mm:ss')
    const history: Partial<EvaluationChange>[] = []
    const conflicts: Conflict[] = []
    for (const change of grades) {
      const key = `${change.learnerId}:${change.competenceId}`
      const existing = current.get(key)
      const before = existing?.level ?? null
      const decision = decide(change.level, before, change.expected)
      if (decision === 'conflict')
        conflicts.push({
          learnerId: change.learnerId,
          competenceId: change.competenceId,
          stored: before,
        })
      if (decision !== 'write') continue
      if (change.level === null) await existing!.useTransaction(trx).delete()
      else
        await trx
          .insertQuery()
          .table('evaluation_grades')
          .insert({
            evaluation_id: evaluation.id,
            user_id: change.learnerId,
            competence_id: change.competenceId,
            level: change.level,
            updated_at: stamp,
          })
          .onConflict(['evaluation_id', 'user_id', 'competence_id'])
          .merge(['level', 'updated_at'])
      current.delete(key)
      history.push({
        evaluationId: evaluation.id,
        learnerId: change.learnerId,
        competenceId: change.competenceId,
        field: 'grade',
        before,
        after: change.level,
        changedBy: actor.id,
        changedAt: now,
      })
    }
    const byLearner = new Map(learners.map((l) => [l.userId, l]))
    for (const change of comments) {
      const learner = byLearner.get(change.learnerId)!
      const before = learner.comment ?? null
      const decision = decide(change.comment, before, change.expected)
      if (decision === 'conflict')
        conflicts.push({ learnerId: change.learnerId, competenceId: null, stored: before })
      if (decision !== 'write') continue
      history.push({
        evaluationId: evaluation.id,
        learnerId: change.learnerId,
        competenceId: null,
        field: 'comment',
        before,
        after: change.comment,
        changedBy: actor.id,
        changedAt: now,
      })
      learner.useTransaction(trx)
      learner.comment = change.comment
      await learner.save()
    }
    let visibilityChanged = false
    if (visibility && decide(visibility.visible, locked.visible, visibility.expected) === 'write') {
      locked.visible = visibility.visible
      await locked.save()
      visibilityChanged = true
      await AuditLog.record({
        actor,
        action: visibility.visible ? 'evaluation.shown' : 'evaluation.hidden',
        entityType: 'evaluation',
        entityId: evaluation.id,
        centreId: evaluation.centreId,
        before: { visible: !visibility.visible },
        after: { visible: visibility.visible },
        client: trx,
      })
    }
    if (history.length) {
      await EvaluationChange.createMany(history, { client: trx })
      if (!visibilityChanged)
        await trx.from('evaluations').where('id', evaluation.id).update({ updated_at: stamp })
    }
    return { changed: history.length, savedAt: now, conflicts, visible: locked.visible }
  })
  evaluation.visible = result.visible
  return result
}

/**
 * Deletes an evaluation. Its grades and their history go with it, so the
 * audit entry keeps the final results and comments (a dispute can still be
 * answered).
 */
export async function deleteEvaluation(actor: User, evaluation: Evaluation) {
  await db.transaction(async (trx: TransactionClientContract) => {
    const grades = await trx
      .from('evaluation_grades')
      .where('evaluation_id', evaluation.id)
      .orderBy(['user_id', 'competence_id'])
      .select('user_id', 'competence_id', 'level')
    const comments = await trx
      .from('evaluation_learners')
      .where('evaluation_id', evaluation.id)
      .whereNotNull('comment')
      .orderBy('user_id')
      .select('user_id', 'comment')
    await evaluation.useTransaction(trx).delete()
    await AuditLog.record({
      actor,
      action: 'evaluation.deleted',
      entityType: 'evaluation',
      entityId: evaluation.id,
      centreId: evaluation.centreId,
      before: {
        title: evaluation.title,
        evaluated_on: evaluation.evaluatedOn.toISODate(),
        grades: grades.length,
        results: grades.map((g) => `${g.user_id}:${g.competence_id}:${g.level}`),
        comments: Object.fromEntries(comments.map((c) => [String(c.user_id), c.comment])),
      },
      client: trx,
    })
  })
}

/** Everything the grading views and sheets show, in the teacher's order. */
export async function gradingData(evaluation: Evaluation) {
  const competences = await EvaluationCompetence.query()
    .where('evaluation_id', evaluation.id)
    .preload('competence')
    .orderBy('position')
  const learners = await EvaluationLearner.query()
    .where('evaluation_learners.evaluation_id', evaluation.id)
    .join('users', 'users.id', 'evaluation_learners.user_id')
    .orderBy(['users.last_name', 'users.first_name'])
    .select('evaluation_learners.*')
    .preload('user')
  const grades = await EvaluationGrade.query().where('evaluation_id', evaluation.id)
  const levels: Record<string, GradeLevel> = {}
  for (const grade of grades) levels[`${grade.userId}:${grade.competenceId}`] = grade.level
  return { competences, learners, levels }
}

/** Evaluations the teacher wrote, in its centres. */
export function authoredEvaluations(actor: Actor) {
  return Evaluation.query()
    .whereIn('centre_id', [...actor.centreIds, 0])
    .where('author_id', actor.id)
}

/** Evaluations a learner may read: made visible, and it is one of the learners evaluated. */
export function visibleToLearner(actor: Actor) {
  return Evaluation.query()
    .where('visible', true)
    .whereExists((q) =>
      q
        .from('evaluation_learners')
        .whereColumn('evaluation_learners.evaluation_id', 'evaluations.id')
        .where('evaluation_learners.user_id', actor.id)
    )
}
