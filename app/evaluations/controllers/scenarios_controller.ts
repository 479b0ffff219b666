import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import db from '@adonisjs/lucid/services/db'
import { TableState, renderPage } from '#shared/ui/table'
import { refuseField } from '#shared/ui/forms'
import { checkUpload, storeUpload, streamStored } from '#shared/uploads/uploads'
import AuditLog from '#shared/audit/audit_log'
import { renderPdf } from '#shared/pdf/pdf'
import { toId } from '#shared/tenancy'
import type { User } from '#accounts'
import Scenario from '#evaluations/models/scenario'
import ScenarioAttachment from '#evaluations/models/scenario_attachment'
import {
  createScenario,
  duplicateScenario,
  pickerTrees,
  readChoices,
  updateScenario,
  visibleScenarios,
  type ScenarioInput,
} from '#evaluations/services/scenarios'
import { duplicateValidator, parseLinks, scenarioValidator } from '#evaluations/validators/scenario'

const ATTACHMENT_KINDS = ['pdf', 'zip'] as const
const MAX_ATTACHMENT = 10 * 1024 * 1024

/**
 * Scenarios (seed 002 §3.5): the list (mine and the public ones of my centre),
 * create with the competence tree picker, view, duplicate, edit and delete by
 * the author, print as a PDF sheet, attachments (pdf/zip).
 */
export default class ScenariosController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.with('ScenarioPolicy').authorize('viewList')
    const actor = ctx.auth.getUserOrFail()
    const table = TableState.from(ctx, {
      sorts: { title: 'title', updated: 'updated_at' },
      defaultSort: 'updated',
      defaultDir: 'desc',
      filters: ['competence', 'author', 'mine'],
    })
    const query = visibleScenarios(actor)
      .preload('author')
      .preload('competences', (q) => q.preload('competence').orderBy('position'))
    table.applySearch(query, ['title'])
    const { competence, author, mine } = table.filters
    if (competence)
      query.whereExists((q) =>
        q
          .from('scenario_competences')
          .join('competences', 'competences.id', 'scenario_competences.competence_id')
          .whereColumn('scenario_competences.scenario_id', 'scenarios.id')
          .where('competences.code', competence.toUpperCase())
      )
    if (toId(author)) query.where('author_id', toId(author))
    if (mine === 'yes') query.where('author_id', actor.id)
    const scenarios = await table.applySort(query).paginate(table.page, table.perPage)
    const authors = await db
      .from('scenarios')
      .join('users', 'users.id', 'scenarios.author_id')
      .whereIn('scenarios.centre_id', [...actor.centreIds, 0])
      .where((q) => q.where('visibility', 'public').orWhere('author_id', actor.id))
      .distinct('users.id', 'users.first_name', 'users.last_name')
    return renderPage(
      ctx,
      'evaluations::pages/scenarios/index',
      'evaluations::partials/scenarios_table',
      {
        scenarios,
        table,
        authors,
      }
    )
  }

  async create({ view, auth, bouncer }: HttpContext) {
    await bouncer.with('ScenarioPolicy').authorize('create')
    return view.render('evaluations::pages/scenarios/form', {
      scenario: null,
      trees: await pickerTrees(auth.getUserOrFail()),
      chosen: {},
    })
  }

  async store(ctx: HttpContext) {
    const { response, auth, bouncer, session, i18n } = ctx
    await bouncer.with('ScenarioPolicy').authorize('create')
    const actor = auth.getUserOrFail()
    const input = await this.input(ctx, actor)
    if (!input) return
    const centreId = actor.centreIds[0]
    const scenario = await createScenario(actor, centreId, input)
    const refused = await this.attach(ctx, scenario)
    if (refused) return refused
    session.flash('success', i18n.t('evaluations.scenarios.created', { title: scenario.title }))
    return response.redirect().toRoute('scenarios.show', { id: scenario.id })
  }

  async show({ params, view, auth, bouncer }: HttpContext) {
    const scenario = await this.find(auth.getUserOrFail(), params.id)
    await bouncer.with('ScenarioPolicy').authorize('view', scenario)
    await this.loadAll(scenario)
    return view.render('evaluations::pages/scenarios/show', {
      scenario,
      canEdit: await bouncer.with('ScenarioPolicy').allows('edit', scenario),
    })
  }

  async edit({ params, view, auth, bouncer }: HttpContext) {
    const actor = auth.getUserOrFail()
    const scenario = await this.find(actor, params.id)
    await bouncer.with('ScenarioPolicy').authorize('edit', scenario)
    await this.loadAll(scenario)
    return view.render('evaluations::pages/scenarios/form', {
      scenario,
      trees: await pickerTrees(actor),
      chosen: Object.fromEntries(scenario.competences.map((c) => [c.competenceId, c])),
    })
  }

  async update(ctx: HttpContext) {
    const { params, response, auth, bouncer, session, i18n } = ctx
    const actor = auth.getUserOrFail()
    const scenario = await this.find(actor, params.id)
    await bouncer.with('ScenarioPolicy').authorize('edit', scenario)
    const input = await this.input(ctx, actor)
    if (!input) return
    await updateScenario(actor, scenario, input)
    const refused = await this.attach(ctx, scenario)
    if (refused) return refused
    session.flash('success', i18n.t('evaluations.scenarios.saved'))
    return response.redirect().toRoute('scenarios.show', { id: scenario.id })
  }

  async destroy({ params, response, auth, bouncer, session, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const scenario = await this.find(actor, params.id)
    await bouncer.with('ScenarioPolicy').authorize('delete', scenario)
    await scenario.load('attachments')
    const keys = scenario.attachments.map((a) => a.storageKey)
    await db.transaction(async (trx) => {
      await scenario.useTransaction(trx).delete()
      await AuditLog.record({
        actor,
        action: 'scenario.deleted',
        entityType: 'scenario',
        entityId: scenario.id,
        centreId: scenario.centreId,
        before: { title: scenario.title },
        client: trx,
      })
    })
    await Promise.allSettled(keys.map((key) => drive.use().delete(key)))
    session.flash('success', i18n.t('evaluations.scenarios.deleted', { title: scenario.title }))
    return response.redirect().toRoute('scenarios.index')
  }

  async duplicateForm({ params, view, auth, bouncer }: HttpContext) {
    const scenario = await this.find(auth.getUserOrFail(), params.id)
    await bouncer.with('ScenarioPolicy').authorize('duplicate', scenario)
    return view.render('evaluations::pages/scenarios/duplicate', { scenario })
  }

  async duplicate({ params, request, response, auth, bouncer, session, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const scenario = await this.find(actor, params.id)
    await bouncer.with('ScenarioPolicy').authorize('duplicate', scenario)
    const data = await request.validateUsing(duplicateValidator)
    const copy = await duplicateScenario(actor, scenario, data.title, data.level ?? null)
    session.flash('success', i18n.t('evaluations.scenarios.duplicated', { title: copy.title }))
    return response.redirect().toRoute('scenarios.show', { id: copy.id })
  }

  /** The scenario sheet, printable (seed 002: "Exporter et/ou imprimer le scénario"). */
  async pdf({ params, auth, bouncer, response, i18n }: HttpContext) {
    const scenario = await this.find(auth.getUserOrFail(), params.id)
    await bouncer.with('ScenarioPolicy').authorize('view', scenario)
    await this.loadAll(scenario)
    const pdf = await renderPdf('evaluations::pdf/scenario', {
      scenario,
      t: i18n.t.bind(i18n),
    })
    response.header('Content-Type', 'application/pdf')
    response.header('Content-Disposition', `attachment; filename="scenario-${scenario.id}.pdf"`)
    return response.send(pdf)
  }

  async attachment({ params, auth, bouncer, response }: HttpContext) {
    const scenario = await this.find(auth.getUserOrFail(), params.id)
    await bouncer.with('ScenarioPolicy').authorize('view', scenario)
    const file = await ScenarioAttachment.query()
      .where('scenario_id', scenario.id)
      .where('id', toId(params.attachmentId))
      .firstOrFail()
    return streamStored(response, file.storageKey, { filename: file.filename, mime: file.mime })
  }

  /** The form's fields, links and competences, checked; null when a field was refused. */
  protected async input(ctx: HttpContext, actor: User): Promise<ScenarioInput | null> {
    const data = await ctx.request.validateUsing(scenarioValidator)
    const links = parseLinks(data.links)
    if ('error' in links) {
      await refuseField(
        ctx,
        'links',
        ctx.i18n.t(`evaluations.scenarios.links_${links.error}`, { line: links.line ?? '' })
      )
      return null
    }
    const choices = await readChoices(actor, ctx.request.all())
    return {
      title: data.title,
      level: data.level ?? null,
      visibility: data.visibility,
      context: data.context ?? null,
      materials: data.materials ?? null,
      links: links.links,
      resources: data.resources ?? null,
      choices,
    }
  }

  /** Attachments (pdf or zip, checked by content, 10 MB each, 5 per scenario). */
  protected async attach(ctx: HttpContext, scenario: Scenario) {
    const files = ctx.request.files('attachments').filter((f) => f.tmpPath || f.size > 0)
    if (files.length === 0) return null
    const existing = await ScenarioAttachment.query().where('scenario_id', scenario.id)
    if (existing.length + files.length > 5) {
      ctx.session.flash('error', ctx.i18n.t('evaluations.scenarios.too_many_files'))
      return ctx.response.redirect().toRoute('scenarios.edit', { id: scenario.id })
    }
    for (const file of files) {
      const checked = await checkUpload(file, {
        kinds: [...ATTACHMENT_KINDS],
        maxBytes: MAX_ATTACHMENT,
      })
      if (!checked.ok) {
        ctx.session.flash(
          'error',
          ctx.i18n.t(`evaluations.scenarios.file_${checked.reason}`, { filename: file.clientName })
        )
        return ctx.response.redirect().toRoute('scenarios.edit', { id: scenario.id })
      }
      const key = await storeUpload(file, `scenarios/${scenario.id}`, checked.kind)
      await ScenarioAttachment.create({
        scenarioId: scenario.id,
        filename: file.clientName.slice(0, 255),
        storageKey: key,
        mime: checked.mime,
        size: file.size,
      })
    }
    return null
  }

  protected async loadAll(scenario: Scenario) {
    await scenario.load('author')
    await scenario.load('attachments')
    await scenario.load('competences', (q) => q.preload('competence').orderBy('position'))
  }

  protected find(actor: User, id: unknown) {
    return Scenario.query()
      .where('id', toId(id))
      .whereIn('centre_id', [...actor.centreIds, 0])
      .firstOrFail()
  }
}
