import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { TableState, renderPage } from '#shared/ui/table'
import { refuseField } from '#shared/ui/forms'
import { renderPdf } from '#shared/pdf/pdf'
import { DomainError } from '#shared/errors'
import { parseIsoDate } from '#shared/dates'
import { toId } from '#shared/tenancy'
import { User } from '#accounts'
import { Centre } from '#centres'
import Evaluation from '#evaluations/models/evaluation'
import EvaluationChange from '#evaluations/models/evaluation_change'
import Scenario from '#evaluations/models/scenario'
import { pickerTrees, readChoices, treeCompetenceIds } from '#evaluations/services/scenarios'
import {
  authoredEvaluations,
  createEvaluation,
  deleteEvaluation,
  gradedRemovals,
  gradingData,
  learnerOptions,
  readGrading,
  readLearners,
  saveGrading,
  updateEvaluation,
  type EvaluationInput,
} from '#evaluations/services/evaluations'
import { GRADE_LEVELS, LEVEL_CODES } from '#evaluations/services/levels'
import { centreFrameworks, frameworksOfClasses } from '#evaluations/services/class_frameworks'
import { evaluationValidator } from '#evaluations/validators/evaluation'
import { downloadHeaders } from '#shared/http/downloads'

/** Where "Enregistrer" may lead once the grades are saved. */
const AFTER_SAVE = ['stay', 'home', 'by_competence', 'by_learner', 'edit'] as const

/**
 * Evaluations (seed 002 §3.6): a teacher creates one (from a scenario or
 * not), grades its learners on the 6-level scale in two views with autosave,
 * changes learners and competences on the way, prints blank and filled
 * sheets, makes it visible to learners; every grade change is kept.
 */
export default class EvaluationsController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.with('EvaluationPolicy').authorize('viewList')
    const actor = ctx.auth.getUserOrFail()
    const table = TableState.from(ctx, {
      sorts: { title: 'title', date: 'evaluated_on', updated: 'updated_at' },
      defaultSort: 'date',
      defaultDir: 'desc',
      filters: ['visible', 'from', 'to'],
    })
    const query = authoredEvaluations(actor)
      .withCount('learners')
      .withCount('competences')
      .preload('scenario')
    table.applySearch(query, ['title'])
    const { visible, from, to } = table.filters
    if (visible === 'yes') query.where('visible', true)
    if (visible === 'no') query.where('visible', false)
    const fromDay = parseIsoDate(from)
    const toDay = parseIsoDate(to)
    if (fromDay) query.where('evaluated_on', '>=', fromDay.toISODate()!)
    if (toDay) query.where('evaluated_on', '<=', toDay.toISODate()!)
    const evaluations = await table.paginate(table.applySort(query))
    return renderPage(
      ctx,
      'evaluations::pages/evaluations/index',
      'evaluations::partials/evaluations_table',
      { evaluations, table }
    )
  }

  /**
   * The creation form, for the chosen centre (a teacher of several centres
   * picks one), from a scenario when ?scenario= names one the teacher may read.
   */
  async create({ view, auth, bouncer, request }: HttpContext) {
    await bouncer.with('EvaluationPolicy').authorize('create')
    const actor = auth.getUserOrFail()
    let scenario: Scenario | null = null
    if (request.input('scenario')) {
      scenario = await Scenario.query()
        .where('id', toId(request.input('scenario')))
        .whereIn('centre_id', [...actor.centreIds, 0])
        .where((q) => q.where('visibility', 'public').orWhere('author_id', actor.id))
        .preload('competences', (q) => q.preload('competence').orderBy('position'))
        .firstOrFail()
    }
    const centres = await Centre.query()
      .whereIn('id', [...actor.centreIds, 0])
      .orderBy('name')
    const centre = scenario
      ? centres.find((c) => c.id === scenario!.centreId)
      : (centres.find((c) => c.id === toId(request.input('centre'))) ?? centres[0])
    return view.render('evaluations::pages/evaluations/form', {
      evaluation: null,
      scenario,
      centres,
      centre,
      ...(await this.formData(actor, centre?.id ?? 0, scenario ? scenario.competences : [], [])),
      today: DateTime.now().toISODate(),
    })
  }

  async store(ctx: HttpContext) {
    const { response, auth, bouncer, session, i18n, request } = ctx
    await bouncer.with('EvaluationPolicy').authorize('create')
    const actor = auth.getUserOrFail()
    const centreId = toId(request.input('centre_id'))
    if (!actor.centreIds.includes(centreId))
      return refuseField(ctx, 'centre_id', i18n.t('evaluations.evaluations.centre_required'))
    let scenarioId: number | null = null
    if (request.input('scenario_id')) {
      const scenario = await Scenario.query()
        .where('id', toId(request.input('scenario_id')))
        .where('centre_id', centreId)
        .where((q) => q.where('visibility', 'public').orWhere('author_id', actor.id))
        .first()
      scenarioId = scenario?.id ?? null
    }
    const input = await this.input(ctx, centreId, [], [])
    const evaluation = await createEvaluation(actor, centreId, input, scenarioId)
    session.flash('success', i18n.t('evaluations.evaluations.created', { title: evaluation.title }))
    return response.redirect().toRoute('evaluations.show', { id: evaluation.id })
  }

  /** The grading page: by competence (default) or by learner. */
  async show({ params, view, auth, bouncer, request }: HttpContext) {
    const evaluation = await this.find(auth.getUserOrFail(), params.id)
    await bouncer.with('EvaluationPolicy').authorize('grade', evaluation)
    await evaluation.load('scenario')
    const data = await gradingData(evaluation)
    return view.render('evaluations::pages/evaluations/grade', {
      evaluation,
      ...data,
      byLearner: request.input('view') === 'learner',
      levelKeys: GRADE_LEVELS,
      levelCodes: LEVEL_CODES,
    })
  }

  async edit({ params, view, auth, bouncer }: HttpContext) {
    const evaluation = await this.find(auth.getUserOrFail(), params.id)
    await bouncer.with('EvaluationPolicy').authorize('edit', evaluation)
    await evaluation.load('competences', (q) => q.preload('competence').orderBy('position'))
    await evaluation.load('learners')
    return view.render('evaluations::pages/evaluations/form', {
      evaluation,
      scenario: null,
      centres: [],
      centre: null,
      ...(await this.formData(
        auth.getUserOrFail(),
        evaluation.centreId,
        evaluation.competences,
        evaluation.learners.map((l) => l.userId)
      )),
      today: evaluation.evaluatedOn.toISODate(),
    })
  }

  async update(ctx: HttpContext) {
    const { params, response, auth, bouncer, session, i18n } = ctx
    const actor = auth.getUserOrFail()
    const evaluation = await this.find(actor, params.id)
    await bouncer.with('EvaluationPolicy').authorize('edit', evaluation)
    await evaluation.load('competences')
    await evaluation.load('learners')
    const input = await this.input(
      ctx,
      evaluation.centreId,
      evaluation.competences.map((c) => c.competenceId),
      evaluation.learners.map((l) => l.userId)
    )
    const removals = await gradedRemovals(evaluation, input)
    const removing = removals.learnerIds.length + removals.competenceIds.length > 0
    if (removing && !ctx.request.input('confirm_removal')) {
      // Results already entered would go: the teacher confirms it first.
      return refuseField(
        ctx,
        'confirm_removal',
        i18n.t('evaluations.evaluations.removal_confirm', {
          grades: removals.grades,
          learners: removals.learnerIds.length,
          competences: removals.competenceIds.length,
        })
      )
    }
    await updateEvaluation(actor, evaluation, input)
    session.flash('success', i18n.t('evaluations.evaluations.saved'))
    return response.redirect().toRoute('evaluations.show', { id: evaluation.id })
  }

  /**
   * Saves grades, comments and visibility. The page's autosave (fetch, JSON)
   * sends what changed with what it showed before, and gets back the time
   * saved and the fields changed elsewhere meanwhile; a plain submit (no
   * JavaScript, or a button) sends the whole form the same way and goes
   * where the button said.
   */
  async grade(ctx: HttpContext) {
    const { params, request, response, auth, bouncer, session, i18n } = ctx
    const actor = auth.getUserOrFail()
    const evaluation = await this.find(actor, params.id)
    await bouncer.with('EvaluationPolicy').authorize('grade', evaluation)
    const autosave = (request.header('accept') ?? '').includes('application/json')
    let result
    try {
      result = await saveGrading(actor, evaluation, readGrading(request.all()))
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
      const message = i18n.t(`errors.${error.code}`)
      if (autosave) return response.status(422).json({ error: message })
      // Only the message: the whole form would not fit in the session cookie.
      session.flash('error', message)
      return response.redirect().back()
    }
    if (autosave)
      return response.json({
        savedAt: result.savedAt.setZone('Europe/Paris').toFormat('HH:mm:ss'),
        changed: result.changed,
        visible: result.visible,
        conflicts: result.conflicts,
      })
    const then = AFTER_SAVE.find((item) => item === request.input('then')) ?? 'stay'
    if (result.conflicts.length)
      session.flash(
        'warning',
        i18n.t('evaluations.evaluations.conflicts', { count: result.conflicts.length })
      )
    session.flash('success', i18n.t('evaluations.evaluations.grades_saved'))
    if (then === 'home') return response.redirect().toRoute('evaluations.index')
    if (then === 'edit')
      return response.redirect().toRoute('evaluations.edit', { id: evaluation.id })
    const learnerView =
      then === 'by_learner' || (then === 'stay' && request.input('view') === 'learner')
    return response
      .redirect()
      .toPath(`/evaluations/${evaluation.id}${learnerView ? '?view=learner' : ''}`)
  }

  async destroy({ params, response, auth, bouncer, session, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const evaluation = await this.find(actor, params.id)
    await bouncer.with('EvaluationPolicy').authorize('delete', evaluation)
    await deleteEvaluation(actor, evaluation)
    session.flash('success', i18n.t('evaluations.evaluations.deleted', { title: evaluation.title }))
    return response.redirect().toRoute('evaluations.index')
  }

  /** The evaluation sheet as a PDF: blank (to grade on paper) or filled. */
  async sheet({ params, request, auth, bouncer, response, i18n }: HttpContext) {
    const evaluation = await this.find(auth.getUserOrFail(), params.id)
    await bouncer.with('EvaluationPolicy').authorize('grade', evaluation)
    await evaluation.load('author')
    const filled = request.input('filled') === '1'
    const pdf = await renderPdf('evaluations::pdf/evaluation_sheet', {
      evaluation,
      ...(await gradingData(evaluation)),
      filled,
      levelKeys: GRADE_LEVELS,
      levelCodes: LEVEL_CODES,
      t: i18n.t.bind(i18n),
    })
    downloadHeaders(response, {
      filename: `evaluation-${evaluation.id}${filled ? '' : '-vierge'}.pdf`,
      mime: 'application/pdf',
    })
    return response.send(pdf)
  }

  /** The grade history: who changed which grade or comment, when. */
  async history({ params, request, auth, bouncer, view }: HttpContext) {
    const evaluation = await this.find(auth.getUserOrFail(), params.id)
    await bouncer.with('EvaluationPolicy').authorize('grade', evaluation)
    const page = Math.max(1, toId(request.input('page')) || 1)
    const changes = await EvaluationChange.query()
      .where('evaluation_id', evaluation.id)
      .preload('learner')
      .preload('author')
      .preload('competence')
      .orderBy('changed_at', 'desc')
      .orderBy('id', 'desc')
      .paginate(page, 50)
    changes.baseUrl(`/evaluations/${evaluation.id}/history`)
    return view.render('evaluations::pages/evaluations/history', { evaluation, changes })
  }

  /** The form's title, date, competences and learners, checked (errors go back to the form). */
  protected async input(
    ctx: HttpContext,
    centreId: number,
    keptCompetences: number[],
    keptLearners: number[]
  ): Promise<EvaluationInput> {
    const data = await ctx.request.validateUsing(evaluationValidator)
    const all = ctx.request.all()
    const choices = await readChoices(centreId, all, keptCompetences)
    const learnerIds = await readLearners(centreId, all, keptLearners)
    return {
      title: data.title,
      evaluatedOn: DateTime.fromJSDate(data.evaluated_on)
        .setZone('utc', { keepLocalTime: true })
        .startOf('day'),
      choices,
      learnerIds,
    }
  }

  /** The pickers' data: the competence tree, what is chosen (in order), the learners by class. */
  protected async formData(
    actor: User,
    centreId: number,
    chosenRows: {
      competenceId: number
      complexities: string[]
      hazards: string[]
      competence: { code: string; name: string }
    }[],
    chosenLearners: number[]
  ) {
    const trees = centreId ? await pickerTrees(centreId) : []
    const mine = await db.from('division_members').where('user_id', actor.id)
    const inTrees = treeCompetenceIds(trees)
    return {
      trees,
      chosen: Object.fromEntries(chosenRows.map((c) => [c.competenceId, c])),
      ordered: chosenRows.map((c) => ({
        id: c.competenceId,
        code: c.competence.code,
        name: c.competence.name,
      })),
      legacy: chosenRows.filter((c) => !inTrees.has(c.competenceId)),
      learners: await this.learners(centreId, chosenLearners),
      chosenLearners,
      // The teacher's own classes are open in the learner picker.
      myClasses: mine.map((row) => Number(row.division_id)),
    }
  }

  /** The centre's learners by class, and the ones evaluated who have left the centre since. */
  protected async learners(centreId: number, chosen: number[]) {
    const options = centreId
      ? await learnerOptions(centreId)
      : { classes: [], others: [] as User[] }
    const listed = new Set([
      ...options.classes.flatMap((c) => c.members.map((m) => m.id)),
      ...options.others.map((m) => m.id),
    ])
    const missing = chosen.filter((id) => !listed.has(id))
    const former = missing.length
      ? await User.query().whereIn('id', missing).orderBy(['last_name', 'first_name'])
      : []
    // Each class shows the frameworks it works with.
    const used = await frameworksOfClasses(
      centreId,
      options.classes.map((c) => c.id)
    )
    const frameworks = centreId ? await centreFrameworks(centreId) : []
    const codes = new Map(frameworks.map((f) => [f.id, f.code] as const))
    const frameworksOf = Object.fromEntries(
      [...used].map(([id, ids]) => [id, ids.map((f) => codes.get(f)).join(', ')])
    )
    return { ...options, former, frameworksOf }
  }

  protected find(actor: User, id: unknown) {
    return Evaluation.query()
      .where('id', toId(id))
      .whereIn('centre_id', [...actor.centreIds, 0])
      .firstOrFail()
  }
}
