import type { HttpContext } from '@adonisjs/core/http'
import { TableState, renderPage } from '#shared/ui/table'
import { toId } from '#shared/tenancy'
import EvaluationCompetence from '#evaluations/models/evaluation_competence'
import EvaluationGrade from '#evaluations/models/evaluation_grade'
import EvaluationLearner from '#evaluations/models/evaluation_learner'
import { visibleToLearner } from '#evaluations/services/evaluations'
import { periodOf } from '#evaluations/services/periods'
import { LEVEL_CODES } from '#evaluations/services/levels'

/**
 * A learner's evaluations (seed 002 §3.6.3): only those its teachers made
 * visible, searched by title or date; each shows the learner's own results
 * and comment, never the others'.
 */
export default class MyEvaluationsController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.with('EvaluationPolicy').authorize('ownList')
    const actor = ctx.auth.getUserOrFail()
    const table = TableState.from(ctx, {
      sorts: { title: 'title', date: 'evaluated_on' },
      defaultSort: 'date',
      defaultDir: 'desc',
      filters: ['date'],
    })
    const query = visibleToLearner(actor).preload('author')
    table.applySearch(query, ['title'])
    // "Filtrez la date en utilisant des nombres contenus dans la période": 2026, 2026-03 or 2026-03-12.
    const period = periodOf(table.filters.date ?? '')
    if (period) query.whereBetween('evaluated_on', period)
    const evaluations = await table.paginate(table.applySort(query))
    return renderPage(
      ctx,
      'evaluations::pages/my_evaluations/index',
      'evaluations::partials/my_evaluations_table',
      { evaluations, table }
    )
  }

  async show({ params, view, auth, bouncer }: HttpContext) {
    await bouncer.with('EvaluationPolicy').authorize('ownList')
    const actor = auth.getUserOrFail()
    const evaluation = await visibleToLearner(actor)
      .where('evaluations.id', toId(params.id))
      .preload('author')
      .firstOrFail()
    const competences = await EvaluationCompetence.query()
      .where('evaluation_id', evaluation.id)
      .preload('competence')
      .orderBy('position')
    const grades = await EvaluationGrade.query()
      .where('evaluation_id', evaluation.id)
      .where('user_id', actor.id)
    const own = await EvaluationLearner.query()
      .where('evaluation_id', evaluation.id)
      .where('user_id', actor.id)
      .firstOrFail()
    return view.render('evaluations::pages/my_evaluations/show', {
      evaluation,
      competences,
      levels: Object.fromEntries(grades.map((g) => [g.competenceId, g.level])),
      comment: own.comment,
      levelCodes: LEVEL_CODES,
    })
  }
}
