import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Evaluation from '#evaluations/models/evaluation'

/**
 * A learner's evaluations for its GDPR export: each evaluation it took part
 * in, with the teacher's comment on it and its grades by competence.
 */
export async function learnerEvaluations(userId: number) {
  const evaluations = await Evaluation.query()
    .whereHas('learners', (q) => q.where('user_id', userId))
    .preload('learners', (q) => q.where('user_id', userId))
    .preload('grades', (q) => q.where('user_id', userId).orderBy('id'))
    .orderBy('evaluated_on')
    .orderBy('id')
  const codes = new Map<number, string>()
  const competenceIds = evaluations.flatMap((e) => e.grades.map((g) => g.competenceId))
  if (competenceIds.length)
    for (const row of await db
      .from('competences')
      .whereIn('id', competenceIds)
      .select('id', 'code'))
      codes.set(Number(row.id), String(row.code))
  return evaluations.map((evaluation) => ({
    title: evaluation.title,
    evaluatedOn: evaluation.evaluatedOn.toISODate(),
    comment: evaluation.learners[0]?.comment ?? null,
    grades: evaluation.grades.map((g) => ({
      competence: codes.get(g.competenceId) ?? null,
      level: g.level,
    })),
  }))
}

/**
 * Anonymisation of a learner: the teachers' comments on it go, with their
 * history; its grades stay (results and class statistics).
 */
export async function forgetLearnerComments(userId: number, trx: TransactionClientContract) {
  await trx.from('evaluation_learners').where('user_id', userId).update({ comment: null })
  await trx
    .from('evaluation_changes')
    .where('learner_id', userId)
    .where('field', 'comment')
    .update({ before: null, after: null })
}
