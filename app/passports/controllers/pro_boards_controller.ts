import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import type { User } from '#accounts'
import AuditLog from '#shared/audit/audit_log'
import { DomainError } from '#shared/errors'
import { toId } from '#shared/tenancy'
import CompetenceFilter from '#passports/models/competence_filter'
import {
  type BoardCompetence,
  boards,
  competencesOf,
  matches,
  readCriteria,
} from '#passports/services/boards'
import { reviewedLearner, teacherClasses } from '#passports/services/reviews'
import { classTrees, learnerTrees, situationOptions } from '#passports/services/situations'

const UNITS = ['E4', 'E6', 'E5'] as const

const filterValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(80),
  competences: vine.array(vine.number().withoutDecimals().positive()).maxLength(500),
})

/**
 * Mastery dashboards (seed 002 §3.9): per competence a bar with its mastery
 * percentage, the situations entered with their last result, the locked
 * competences, a view per exam unit. Learners filter on criteria (AND/OR);
 * teachers pick a learner, use saved competence filters, and see their class
 * as a heat map.
 */
export default class ProBoardsController {
  /** "Tableau de bord" of the learner. */
  async mine({ view, auth, bouncer, request }: HttpContext) {
    const actor = auth.getUserOrFail()
    await bouncer.with('ProPassportPolicy').authorize('ownPassport')
    const competences = competencesOf(situationOptions(await learnerTrees(actor)))
    const unit = this.unit(request.input('unit'))
    const criteria = readCriteria(request.input('f'))
    const join = request.input('join') === 'or' ? 'or' : 'and'
    // A learner's own dashboard counts only the evaluations made visible to it.
    const board = await boards([actor.id], competences, { onlyVisible: true })
    const rows = (board.get(actor.id) ?? [])
      .filter((row) => !unit || row.competence.unit === unit)
      .filter((row) => matches(row, criteria, join))
    return view.render('passports::pages/pro/board', {
      learner: actor,
      rows,
      unit,
      units: UNITS,
      criteria,
      join,
      base: '/my/passport/dashboard',
      situationBase: '/my/passport/situations/',
      situationSuffix: '/edit',
      teacherView: false,
    })
  }

  /** A learner's dashboard, for a teacher of its class, with a saved competence filter. */
  async learner({ params, view, auth, bouncer, request }: HttpContext) {
    const actor = auth.getUserOrFail()
    await bouncer.with('ProPassportPolicy').authorize('review')
    const learner = await reviewedLearner(actor, toId(params.id))
    const competences = competencesOf(situationOptions(await learnerTrees(learner)))
    const unit = this.unit(request.input('unit'))
    const filters = await CompetenceFilter.query().where('user_id', actor.id).orderBy('name')
    const filter = filters.find((f) => f.id === toId(request.input('filter'))) ?? null
    const board = await boards([learner.id], competences)
    const rows = (board.get(learner.id) ?? [])
      .filter((row) => !unit || row.competence.unit === unit)
      .filter((row) => !filter || filter.competenceIds.includes(row.competence.id))
    return view.render('passports::pages/pro/board', {
      learner,
      rows,
      unit,
      units: UNITS,
      filters,
      filter,
      base: `/pro-passports/learners/${learner.id}/dashboard`,
      situationBase: '/pro-passports/situations/',
      situationSuffix: '',
      teacherView: true,
    })
  }

  /** The class overview: learners × competences, each cell its mastery (figure and colour). */
  async heatmap({ params, view, auth, bouncer, request }: HttpContext) {
    const actor = auth.getUserOrFail()
    await bouncer.with('ProPassportPolicy').authorize('review')
    const classes = await teacherClasses(actor)
    const division = classes.find((c) => c.id === toId(params.id))
    if (!division) throw new DomainError('learner_not_found', {}, 404)
    const learners = division.members
    // The columns are the class's frameworks, whatever other classes a learner is in.
    let competences: BoardCompetence[] = competencesOf(
      situationOptions(await classTrees(division.centreId, division.id))
    )
    const unit = this.unit(request.input('unit'))
    if (unit) competences = competences.filter((c) => c.unit === unit)
    const filters = await CompetenceFilter.query().where('user_id', actor.id).orderBy('name')
    const filter = filters.find((f) => f.id === toId(request.input('filter'))) ?? null
    if (filter) competences = competences.filter((c) => filter.competenceIds.includes(c.id))
    const board = await boards(
      learners.map((l) => l.id),
      competences
    )
    return view.render('passports::pages/pro/heatmap', {
      division,
      learners,
      competences,
      board,
      unit,
      units: UNITS,
      filters,
      filter,
    })
  }

  /** The teacher's saved competence filters: list, and the form to create one. */
  async filters({ view, auth, bouncer }: HttpContext) {
    const actor = auth.getUserOrFail()
    await bouncer.with('ProPassportPolicy').authorize('review')
    return view.render('passports::pages/pro/filters', {
      filters: await CompetenceFilter.query().where('user_id', actor.id).orderBy('name'),
      editing: null,
      competences: await this.teacherCompetences(actor),
    })
  }

  async editFilter({ params, view, auth, bouncer }: HttpContext) {
    const actor = auth.getUserOrFail()
    await bouncer.with('ProPassportPolicy').authorize('review')
    const editing = await this.filter(actor, params.id)
    return view.render('passports::pages/pro/filters', {
      filters: await CompetenceFilter.query().where('user_id', actor.id).orderBy('name'),
      editing,
      competences: await this.teacherCompetences(actor),
    })
  }

  async storeFilter(ctx: HttpContext) {
    await ctx.bouncer.with('ProPassportPolicy').authorize('review')
    return this.saveFilter(ctx, null)
  }

  async updateFilter(ctx: HttpContext) {
    await ctx.bouncer.with('ProPassportPolicy').authorize('review')
    const filter = await this.filter(ctx.auth.getUserOrFail(), ctx.params.id)
    return this.saveFilter(ctx, filter)
  }

  async destroyFilter({ params, auth, bouncer, response, session, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    await bouncer.with('ProPassportPolicy').authorize('review')
    const filter = await this.filter(actor, params.id)
    await filter.delete()
    await AuditLog.record({
      actor,
      action: 'pro_filter.deleted',
      entityType: 'competence_filter',
      entityId: filter.id,
      before: { name: filter.name, competences: filter.competenceIds },
    })
    session.flash('success', i18n.t('passports.board.filter_deleted', { name: filter.name }))
    return response.redirect().toPath('/pro-passports/filters')
  }

  protected async saveFilter(ctx: HttpContext, existing: CompetenceFilter | null) {
    const { request, response, auth, session, i18n } = ctx
    const actor = auth.getUserOrFail()
    const raw = request.all()
    const data = await filterValidator.validate(
      { name: raw.name, competences: [raw.competences ?? []].flat().filter(Boolean).map(Number) },
      { messagesProvider: i18n.createMessagesProvider() }
    )
    const mine = await this.teacherCompetences(actor)
    const known = new Set(mine.map((c) => c.id))
    const ids = [...new Set(data.competences)].filter((id) => known.has(id))
    if (ids.length === 0) {
      session.flashAll()
      session.flash('inputErrorsBag', { competences: [i18n.t('passports.board.filter_empty')] })
      return response.redirect().back()
    }
    const clash = await CompetenceFilter.query()
      .where('user_id', actor.id)
      .where('name', data.name)
      .whereNot('id', existing?.id ?? 0)
      .first()
    if (clash) {
      session.flashAll()
      session.flash('inputErrorsBag', { name: [i18n.t('passports.board.filter_name_taken')] })
      return response.redirect().back()
    }
    const filter = existing ?? new CompetenceFilter()
    filter.merge({ userId: actor.id, name: data.name, competenceIds: ids })
    try {
      await filter.save()
    } catch (error) {
      // The same name saved twice at once (a double click): the unique index says so.
      if (
        !(await CompetenceFilter.query()
          .where('user_id', actor.id)
          .where('name', data.name)
          .first())
      )
        throw error
      session.flashAll()
      session.flash('inputErrorsBag', { name: [i18n.t('passports.board.filter_name_taken')] })
      return response.redirect().back()
    }
    await AuditLog.record({
      actor,
      action: existing ? 'pro_filter.updated' : 'pro_filter.created',
      entityType: 'competence_filter',
      entityId: filter.id,
      after: { name: filter.name, competences: ids },
    })
    session.flash('success', i18n.t('passports.board.filter_saved', { name: filter.name }))
    return response.redirect().toPath('/pro-passports/filters')
  }

  protected async filter(actor: User, id: unknown) {
    return CompetenceFilter.query().where('id', toId(id)).where('user_id', actor.id).firstOrFail()
  }

  /** The competences of the frameworks of the teacher's classes. */
  protected async teacherCompetences(actor: User) {
    const classes = await teacherClasses(actor)
    const seen = new Map<number, BoardCompetence>()
    for (const division of classes)
      for (const c of competencesOf(
        situationOptions(await classTrees(division.centreId, division.id))
      ))
        seen.set(c.id, c)
    return [...seen.values()].sort((a, b) => a.code.localeCompare(b.code, 'fr', { numeric: true }))
  }

  protected unit(raw: unknown) {
    return (UNITS as readonly string[]).includes(String(raw))
      ? (String(raw) as (typeof UNITS)[number])
      : null
  }
}
