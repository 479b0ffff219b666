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
import { Centre } from '#centres'
import Scenario from '#evaluations/models/scenario'
import ScenarioAttachment from '#evaluations/models/scenario_attachment'
import {
  createScenario,
  duplicateScenario,
  pickerTrees,
  readChoices,
  treeCompetenceIds,
  updateScenario,
  visibleScenarios,
  type ScenarioInput,
} from '#evaluations/services/scenarios'
import { duplicateValidator, parseLinks, scenarioValidator } from '#evaluations/validators/scenario'
import { downloadHeaders } from '#shared/http/downloads'

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
    const scenarios = await table.paginate(table.applySort(query))
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

  /** A teacher of several centres first says for which centre (its framework, its colleagues). */
  async create({ view, auth, bouncer, request }: HttpContext) {
    await bouncer.with('ScenarioPolicy').authorize('create')
    const actor = auth.getUserOrFail()
    const centres = await Centre.query()
      .whereIn('id', [...actor.centreIds, 0])
      .orderBy('name')
    const centre = centres.find((c) => c.id === toId(request.input('centre'))) ?? centres[0]
    const trees = centre ? await pickerTrees(centre.id) : []
    // Filled in from a learner's professional situation (seed 002 §3.8.2):
    // its competence with its complexities and hazards, its title and context.
    const competenceId = toId(request.input('competence'))
    const texts = (key: string) => [request.input(key) ?? []].flat().map(String)
    const chosen = treeCompetenceIds(trees).has(competenceId)
      ? {
          [competenceId]: {
            competenceId,
            complexities: texts('complexities'),
            hazards: texts('hazards'),
          },
        }
      : {}
    return view.render('evaluations::pages/scenarios/form', {
      scenario: null,
      centres,
      centre,
      trees,
      chosen,
      legacy: [],
      prefill: {
        title: String(request.input('title') ?? '').slice(0, 200),
        context: String(request.input('context') ?? '').slice(0, 5000),
      },
    })
  }

  async store(ctx: HttpContext) {
    const { response, auth, bouncer, session, i18n } = ctx
    await bouncer.with('ScenarioPolicy').authorize('create')
    const actor = auth.getUserOrFail()
    const centreId = toId(ctx.request.input('centre_id'))
    if (!actor.centreIds.includes(centreId))
      return refuseField(ctx, 'centre_id', i18n.t('evaluations.scenarios.centre_required'))
    const files = await this.checkFiles(ctx, 0)
    if (!files) return
    const input = await this.input(ctx, centreId, [])
    if (!input) return
    const scenario = await createScenario(actor, centreId, input)
    await this.storeFiles(scenario, files)
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
    const trees = await pickerTrees(scenario.centreId)
    const inTrees = treeCompetenceIds(trees)
    return view.render('evaluations::pages/scenarios/form', {
      scenario,
      centres: [],
      centre: null,
      trees,
      chosen: Object.fromEntries(scenario.competences.map((c) => [c.competenceId, c])),
      // Competences of a version the centre no longer uses: kept, shown apart.
      legacy: scenario.competences.filter((c) => !inTrees.has(c.competenceId)),
    })
  }

  async update(ctx: HttpContext) {
    const { params, response, auth, bouncer, session, i18n } = ctx
    const actor = auth.getUserOrFail()
    const scenario = await this.find(actor, params.id)
    await bouncer.with('ScenarioPolicy').authorize('edit', scenario)
    await scenario.load('attachments')
    await scenario.load('competences')
    const files = await this.checkFiles(ctx, scenario.attachments.length)
    if (!files) return
    const input = await this.input(
      ctx,
      scenario.centreId,
      scenario.competences.map((c) => c.competenceId)
    )
    if (!input) return
    await updateScenario(actor, scenario, input)
    await this.storeFiles(scenario, files)
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
    downloadHeaders(response, { filename: `scenario-${scenario.id}.pdf`, mime: 'application/pdf' })
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
  protected async input(
    ctx: HttpContext,
    centreId: number,
    kept: number[]
  ): Promise<ScenarioInput | null> {
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
    const choices = await readChoices(centreId, ctx.request.all(), kept)
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

  /**
   * Attachments (pdf or zip, checked by content, 10 MB each, 5 per scenario),
   * all checked before anything is written: null (and the form back with the
   * reason, entries kept) when one is refused.
   */
  protected async checkFiles(ctx: HttpContext, already: number) {
    const files = ctx.request.files('attachments').filter((f) => f.tmpPath || f.size > 0)
    const refuse = (message: string) => {
      refuseField(ctx, 'attachments', message)
      return null
    }
    if (already + files.length > 5)
      return refuse(ctx.i18n.t('evaluations.scenarios.too_many_files'))
    const checked = []
    for (const file of files) {
      const result = await checkUpload(file, {
        kinds: [...ATTACHMENT_KINDS],
        maxBytes: MAX_ATTACHMENT,
      })
      if (!result.ok)
        return refuse(
          ctx.i18n.t(`evaluations.scenarios.file_${result.reason}`, { filename: file.clientName })
        )
      checked.push({ file, kind: result.kind, mime: result.mime })
    }
    return checked
  }

  protected async storeFiles(
    scenario: Scenario,
    files: NonNullable<Awaited<ReturnType<ScenariosController['checkFiles']>>>
  ) {
    for (const { file, kind, mime } of files) {
      const key = await storeUpload(file, `scenarios/${scenario.id}`, kind)
      await ScenarioAttachment.create({
        scenarioId: scenario.id,
        filename: file.clientName.slice(0, 255),
        storageKey: key,
        mime,
        size: file.size,
      })
    }
  }

  /** The author removes an attachment (after a confirmation in the page). */
  async destroyAttachment({ params, auth, bouncer, response, session, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const scenario = await this.find(actor, params.id)
    await bouncer.with('ScenarioPolicy').authorize('edit', scenario)
    const file = await ScenarioAttachment.query()
      .where('scenario_id', scenario.id)
      .where('id', toId(params.attachmentId))
      .firstOrFail()
    await file.delete()
    await drive
      .use()
      .delete(file.storageKey)
      .catch(() => {})
    await AuditLog.record({
      actor,
      action: 'scenario.attachment_removed',
      entityType: 'scenario',
      entityId: scenario.id,
      centreId: scenario.centreId,
      before: { filename: file.filename },
    })
    session.flash('success', i18n.t('evaluations.scenarios.attachment_removed'))
    return response.redirect().toRoute('scenarios.show', { id: scenario.id })
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
