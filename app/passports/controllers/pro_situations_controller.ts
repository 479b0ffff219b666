import type { HttpContext } from '@adonisjs/core/http'
import type { User } from '#accounts'
import { DateTime } from 'luxon'
import { streamStored } from '#shared/uploads/uploads'
import { refuseFields } from '#shared/ui/forms'
import { toId } from '#shared/tenancy'
import { DomainError } from '#shared/errors'
import ProfessionalSituation, {
  KINDS,
  LOCATIONS,
  NATURES,
  ORIGINS,
  SOURCES,
} from '#passports/models/professional_situation'
import SituationAttachment from '#passports/models/situation_attachment'
import {
  MAX_ATTACHMENTS,
  checkChoices,
  deleteAttachment,
  deleteSituation,
  learnerTrees,
  listOf,
  readListFilters,
  situationList,
  currentIds,
  linkedOptions,
  lockedCompetences,
  saveSituation,
  situationOptions,
} from '#passports/services/situations'
import { situationValidator } from '#passports/validators/situation'

/**
 * "Mon passeport professionnel" (seed 002 §3.7, seed 003): the learner's
 * situations, listed with filters, written in four tabs, edited and deleted.
 */
export default class ProSituationsController {
  async index({ view, auth, bouncer, request }: HttpContext) {
    const actor = auth.getUserOrFail()
    await bouncer.with('ProPassportPolicy').authorize('ownPassport')
    const filters = readListFilters((key) => request.input(key))
    const options = situationOptions(await learnerTrees(actor))
    const list = await situationList(actor, filters, options)
    return view.render('passports::pages/pro/index', {
      list,
      filters,
      locked: await lockedCompetences(actor.id, options),
    })
  }

  async create({ view, auth, bouncer }: HttpContext) {
    const actor = auth.getUserOrFail()
    await bouncer.with('ProPassportPolicy').authorize('ownPassport')
    return view.render('passports::pages/pro/form', await this.formData(actor, null))
  }

  async edit({ params, view, auth, bouncer }: HttpContext) {
    const actor = auth.getUserOrFail()
    const situation = await this.situation(actor.id, params.id)
    await bouncer.with('ProPassportPolicy').authorize('manageSituation', situation)
    await situation.load('supports', (q) => q.orderBy('position'))
    await situation.load('attachments', (q) => q.orderBy('id'))
    return view.render('passports::pages/pro/form', await this.formData(actor, situation))
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with('ProPassportPolicy').authorize('ownPassport')
    return this.save(ctx, null)
  }

  async update(ctx: HttpContext) {
    const actor = ctx.auth.getUserOrFail()
    const situation = await this.situation(actor.id, ctx.params.id)
    await ctx.bouncer.with('ProPassportPolicy').authorize('manageSituation', situation)
    return this.save(ctx, situation)
  }

  async destroy({ params, auth, bouncer, response, session, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const situation = await this.situation(actor.id, params.id)
    await bouncer.with('ProPassportPolicy').authorize('manageSituation', situation)
    await deleteSituation(actor, situation)
    session.flash('success', i18n.t('passports.pro.deleted', { title: situation.title }))
    return response.redirect().toPath('/my/passport')
  }

  /** An attachment, to its learner (teachers' access comes with their pages). */
  async attachment({ params, auth, bouncer, response }: HttpContext) {
    const actor = auth.getUserOrFail()
    const attachment = await SituationAttachment.findOrFail(toId(params.id))
    const situation = await this.situation(actor.id, attachment.professionalSituationId)
    await bouncer.with('ProPassportPolicy').authorize('manageSituation', situation)
    return streamStored(response, attachment.storageKey, {
      filename: attachment.name,
      mime: attachment.mime,
    })
  }

  /** Removes one attachment (after a confirmation); the situation stays. */
  async destroyAttachment({ params, auth, bouncer, response, session, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const attachment = await SituationAttachment.findOrFail(toId(params.id))
    const situation = await this.situation(actor.id, attachment.professionalSituationId)
    await bouncer.with('ProPassportPolicy').authorize('manageSituation', situation)
    await deleteAttachment(actor, situation, attachment)
    session.flash('success', i18n.t('passports.pro.attachment_deleted', { name: attachment.name }))
    return response.redirect().toPath(`/my/passport/situations/${situation.id}/edit`)
  }

  protected async save(ctx: HttpContext, existing: ProfessionalSituation | null) {
    const { request, response, auth, session, i18n } = ctx
    const actor = auth.getUserOrFail()
    const body = request.all()
    // Lists as the form sends them (qs gives an object past 20 rows; empty boxes are null).
    const input = await situationValidator.validate(
      {
        ...body,
        actors: listOf(body.actors),
        supports: listOf(body.supports),
        complexities: [body.complexities ?? []].flat().filter(Boolean),
        hazards: [body.hazards ?? []].flat().filter(Boolean),
      },
      { messagesProvider: i18n.createMessagesProvider() }
    )
    const groups = situationOptions(await learnerTrees(actor))
    // A situation recorded under an earlier framework version keeps its competence (by code).
    const resolve = await currentIds(groups).load(
      existing ? [existing.situationId] : [],
      existing ? [existing.competenceId] : []
    )
    const checked = checkChoices(
      groups.flatMap((g) => g.situations),
      await lockedCompetences(actor.id, groups),
      input,
      existing ? (resolve.competence(existing.competenceId)?.id ?? existing.competenceId) : null,
      await linkedOptions(groups)
    )
    if (Object.keys(checked.errors).length)
      return refuseFields(
        ctx,
        Object.fromEntries(
          Object.entries(checked.errors).map(([field, key]) => [
            field,
            i18n.t(`passports.pro.errors.${key}`),
          ])
        )
      )
    const files = request.files('attachments', { size: '10mb' })
    let saved: ProfessionalSituation
    try {
      saved = await saveSituation(
        actor,
        existing,
        input,
        {
          supports: checked.supports ?? [],
          complexities: checked.complexities ?? [],
          hazards: checked.hazards ?? [],
        },
        files
      )
    } catch (error) {
      // A refused file: said under the field, the rest of the form kept as typed.
      if (error instanceof DomainError && error.code.startsWith('attachment'))
        return refuseFields(ctx, { attachments: i18n.t(`errors.${error.code}`, error.params) })
      throw error
    }
    session.flash('success', i18n.t('passports.pro.saved', { title: saved.title }))
    if (request.input('then') === 'quit') return response.redirect().toPath('/my/passport')
    return response.redirect().toPath(`/my/passport/situations/${saved.id}/edit`)
  }

  protected situation(learnerId: number, id: unknown) {
    return ProfessionalSituation.query()
      .where('id', toId(id))
      .where('user_id', learnerId)
      .firstOrFail()
  }

  protected async formData(actor: User, situation: ProfessionalSituation | null) {
    const options = situationOptions(await learnerTrees(actor))
    const resolve = await currentIds(options).load(
      situation ? [situation.situationId] : [],
      situation
        ? [situation.competenceId, situation.secondaryCompetenceId ?? 0].filter(Boolean)
        : []
    )
    return {
      situation,
      // The situation's choice as ids of the current framework version.
      current: situation
        ? {
            situationId: resolve.situation(situation.situationId)?.id ?? situation.situationId,
            competenceId: resolve.competence(situation.competenceId)?.id ?? situation.competenceId,
            secondaryId: situation.secondaryCompetenceId
              ? (resolve.competence(situation.secondaryCompetenceId)?.id ?? null)
              : null,
          }
        : null,
      // What each situation is attached to in the learner's other frameworks.
      linked: Object.fromEntries(await linkedOptions(options)),
      options,
      locked: [...(await lockedCompetences(actor.id, options))],
      lists: { LOCATIONS, SOURCES, KINDS, ORIGINS, NATURES },
      maxAttachments: MAX_ATTACHMENTS,
      today: DateTime.now().setZone('Europe/Paris').toISODate(),
    }
  }
}
