import type { HttpContext } from '@adonisjs/core/http'
import { streamStored } from '#shared/uploads/uploads'
import { toId } from '#shared/tenancy'
import ProfessionalSituation, { SITUATION_RESULTS } from '#passports/models/professional_situation'
import SituationAttachment from '#passports/models/situation_attachment'
import { lockedCompetences, readListFilters, situationList } from '#passports/services/situations'
import {
  evaluateSituation,
  frameworkOf,
  reviewedLearner,
  reviewedSituation,
  setCompetenceLock,
  teacherClasses,
} from '#passports/services/reviews'

/**
 * Teachers' side of the professional passport (seed 002 §3.8): pick a class,
 * then a learner; read its situations (locked competences in red), evaluate
 * one on the 4-level scale with an appreciation, adjust its complexities and
 * hazards, lock or unlock the competence, create a scenario from it.
 */
export default class ProReviewsController {
  async index({ view, auth, bouncer, request }: HttpContext) {
    const actor = auth.getUserOrFail()
    await bouncer.with('ProPassportPolicy').authorize('review')
    const classes = await teacherClasses(actor)
    const chosen = classes.find((c) => c.id === toId(request.input('class'))) ?? classes[0] ?? null
    const counts = chosen?.members.length
      ? await ProfessionalSituation.query()
          .whereIn(
            'user_id',
            chosen.members.map((m) => m.id)
          )
          .groupBy('user_id')
          .select('user_id')
          .count('* as n')
      : []
    return view.render('passports::pages/pro/review_index', {
      classes,
      chosen,
      counts: new Map(counts.map((row) => [row.userId, Number(row.$extras.n)])),
    })
  }

  async learner({ params, view, auth, bouncer, request }: HttpContext) {
    const actor = auth.getUserOrFail()
    await bouncer.with('ProPassportPolicy').authorize('review')
    const learner = await reviewedLearner(actor, toId(params.id))
    const { options, competences } = await frameworkOf(learner)
    const filters = readListFilters((key) => request.input(key))
    const locked = await lockedCompetences(learner.id, options)
    return view.render('passports::pages/pro/review_learner', {
      learner,
      list: await situationList(learner, filters, options),
      filters,
      locked,
      lockedCompetences: [...locked]
        .map((id) => competences.get(id))
        .filter((c): c is NonNullable<typeof c> => !!c),
    })
  }

  async show({ params, view, auth, bouncer }: HttpContext) {
    const actor = auth.getUserOrFail()
    await bouncer.with('ProPassportPolicy').authorize('review')
    const { situation, learner } = await reviewedSituation(actor, toId(params.id))
    await situation.load('supports', (q) => q.orderBy('position'))
    await situation.load('attachments', (q) => q.orderBy('id'))
    const { options, resolve } = await frameworkOf(learner, {
      situationIds: [situation.situationId],
      competenceIds: [situation.competenceId, situation.secondaryCompetenceId ?? 0],
    })
    const competence = resolve.competence(situation.competenceId)
    const locks = await lockedCompetences(learner.id, options)
    // "Créer un scénario" from the situation: the scenario form comes filled in.
    const query = new URLSearchParams({
      centre: String(situation.centreId),
      competence: String(competence?.id ?? situation.competenceId),
      title: situation.title,
      context: situation.description,
    })
    for (const value of situation.complexities) query.append('complexities[]', value)
    for (const value of situation.hazards) query.append('hazards[]', value)
    return view.render('passports::pages/pro/review_show', {
      scenarioHref: `/scenarios/create?${query}`,
      learner,
      situation,
      frameworkSituation: resolve.situation(situation.situationId),
      competence,
      secondary: situation.secondaryCompetenceId
        ? resolve.competence(situation.secondaryCompetenceId)
        : null,
      locked: competence ? locks.has(competence.id) : false,
      results: SITUATION_RESULTS,
    })
  }

  async evaluate({ params, request, response, auth, bouncer, session, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    await bouncer.with('ProPassportPolicy').authorize('review')
    const { situation, learner } = await reviewedSituation(actor, toId(params.id))
    const { resolve } = await frameworkOf(learner, { competenceIds: [situation.competenceId] })
    await evaluateSituation(
      actor,
      situation,
      resolve.competence(situation.competenceId) ?? undefined,
      request.only(['result', 'appreciation', 'complexities', 'hazards'])
    )
    session.flash('success', i18n.t('passports.review.evaluated'))
    return response.redirect().toPath(`/pro-passports/situations/${situation.id}`)
  }

  async lock({ params, request, response, auth, bouncer, session, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    await bouncer.with('ProPassportPolicy').authorize('review')
    const learner = await reviewedLearner(actor, toId(params.id))
    const { competences } = await frameworkOf(learner)
    const competence = competences.get(toId(request.input('competence_id')))
    if (!competence) {
      session.flash('error', i18n.t('passports.review.unknown_competence'))
      return response.redirect().back()
    }
    const locked = request.input('locked') === '1'
    await setCompetenceLock(actor, learner, competence, locked)
    session.flash(
      'success',
      i18n.t(locked ? 'passports.review.locked' : 'passports.review.unlocked', {
        code: competence.code,
      })
    )
    return response.redirect().back()
  }

  async attachment({ params, auth, bouncer, response }: HttpContext) {
    const actor = auth.getUserOrFail()
    await bouncer.with('ProPassportPolicy').authorize('review')
    const attachment = await SituationAttachment.findOrFail(toId(params.id))
    await reviewedSituation(actor, attachment.professionalSituationId)
    return streamStored(response, attachment.storageKey, {
      filename: attachment.name,
      mime: attachment.mime,
    })
  }
}
