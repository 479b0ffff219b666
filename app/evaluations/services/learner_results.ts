import db from '@adonisjs/lucid/services/db'
import { jsonList } from '#shared/json_columns'

/**
 * Every grade given to these learners, with the number of complexities and
 * hazards its competence carried in that evaluation (what the mastery
 * dashboard weighs), oldest first; only those of visible evaluations when
 * learners look. One query, whatever the class size.
 */
export async function learnerResults(userIds: number[], options: { onlyVisible?: boolean } = {}) {
  if (userIds.length === 0) return []
  const query = db
    .from('evaluation_grades as g')
    .join('evaluations as e', 'e.id', 'g.evaluation_id')
    .join('evaluation_competences as ec', (join) =>
      join.on('ec.evaluation_id', 'g.evaluation_id').andOn('ec.competence_id', 'g.competence_id')
    )
    .whereIn('g.user_id', userIds)
    .select(
      'g.user_id',
      'g.competence_id',
      'g.level',
      'ec.complexities',
      'ec.hazards',
      'e.evaluated_on',
      'e.title'
    )
    .orderBy('e.evaluated_on')
    .orderBy('g.id')
  // Learners see only the evaluations made visible to them (seed 002 §3.6).
  if (options.onlyVisible) query.where('e.visible', true)
  const rows = await query
  return rows.map((row) => ({
    userId: Number(row.user_id),
    competenceId: Number(row.competence_id),
    level: String(row.level),
    complexities: jsonList.consume(row.complexities).length,
    hazards: jsonList.consume(row.hazards).length,
    title: String(row.title),
  }))
}
