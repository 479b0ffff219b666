import type { HttpContext } from '@adonisjs/core/http'
import AuditLog from '#shared/audit/audit_log'
import { DomainError } from '#shared/errors'
import { parseParisDay } from '#shared/dates'
import { TableState, renderPage } from '#shared/ui/table'
import { exportResponse } from '#shared/spreadsheets/writer'
import Centre from '#centres/models/centre'
import Group, { GROUP_CATEGORIES } from '#centres/models/group'
import { groupValidator } from '#centres/validators/group'

export default class GroupsController {
  /** Groups of the actor's centres: search, category, period; hidden ones last. */
  async index(ctx: HttpContext) {
    await ctx.bouncer.with('GroupPolicy').authorize('viewList')
    const { table, query } = this.filtered(ctx)
    const groups = await table.paginate(
      table.applySort(query.preload('centre').orderBy('hidden', 'asc'))
    )
    return renderPage(ctx, 'centres::pages/groups/index', 'centres::partials/groups_table', {
      groups,
      table,
      categories: GROUP_CATEGORIES,
    })
  }

  /** Seed 004 §5.2: name, category, creation date, status; as shown. */
  async export(ctx: HttpContext) {
    await ctx.bouncer.with('GroupPolicy').authorize('viewList')
    const { table, query } = this.filtered(ctx)
    const t = ctx.i18n.t.bind(ctx.i18n)
    const columns = [
      { key: 'name', header: t('groups.name'), width: 30 },
      { key: 'category', header: t('groups.category'), width: 20 },
      { key: 'createdAt', header: t('groups.created'), numFmt: 'dd/mm/yyyy' },
      { key: 'status', header: t('groups.status'), width: 10 },
    ]
    async function* rows() {
      for await (const group of table.rows(query)) {
        yield {
          name: group.name,
          category: t(`groups.category_${group.category}`),
          createdAt: group.createdAt,
          status: t(group.hidden ? 'groups.hidden' : 'groups.active'),
        }
      }
    }
    const format = ctx.params.format === 'csv' ? 'csv' : 'xlsx'
    return exportResponse(ctx.response, format, t('groups.export_filename'), columns, rows())
  }

  async create({ view, auth, bouncer }: HttpContext) {
    await bouncer.with('GroupPolicy').authorize('create')
    const centres = await Centre.visibleTo(Centre.query(), auth.getUserOrFail()).orderBy('name')
    return view.render('centres::pages/groups/form', {
      group: null,
      centres,
      categories: GROUP_CATEGORIES,
    })
  }

  async store({ request, response, auth, bouncer, session, i18n }: HttpContext) {
    await bouncer.with('GroupPolicy').authorize('create')
    const actor = auth.getUserOrFail()
    const data = await request.validateUsing(groupValidator)
    const centre = await Centre.findVisibleOrFail(actor, data.centre_id ?? actor.centreIds[0])
    await this.assertNameFree(centre.id, data.name)
    const group = await Group.create({
      centreId: centre.id,
      name: data.name,
      category: data.category,
      hidden: false,
    })
    await AuditLog.record({
      actor,
      action: 'group.created',
      entityType: 'group',
      entityId: group.id,
      centreId: centre.id,
      after: { name: group.name, category: group.category },
    })
    session.flash('success', i18n.t('groups.created_message', { name: group.name }))
    return response.redirect().toRoute('groups.index')
  }

  async edit({ params, view, auth, bouncer }: HttpContext) {
    const group = await Group.findVisibleOrFail(auth.getUserOrFail(), params.id)
    await bouncer.with('GroupPolicy').authorize('edit', group)
    return view.render('centres::pages/groups/form', {
      group,
      centres: [],
      categories: GROUP_CATEGORIES,
    })
  }

  /** Rename or recategorise. */
  async update({ params, request, response, auth, bouncer, session, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const group = await Group.findVisibleOrFail(actor, params.id)
    await bouncer.with('GroupPolicy').authorize('edit', group)
    const data = await request.validateUsing(groupValidator)
    if (data.name !== group.name) await this.assertNameFree(group.centreId, data.name)
    const before = { name: group.name, category: group.category }
    group.merge({ name: data.name, category: data.category })
    await group.save()
    await AuditLog.record({
      actor,
      action: 'group.updated',
      entityType: 'group',
      entityId: group.id,
      centreId: group.centreId,
      ...AuditLog.diff(before, { name: group.name, category: group.category }),
    })
    session.flash('success', i18n.t('groups.saved'))
    return response.redirect().toRoute('groups.index')
  }

  /** Deleting a group leaves its candidates groupless (seed 004 §5.5). */
  async destroy({ params, response, auth, bouncer, session, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const group = await Group.findVisibleOrFail(actor, params.id)
    await bouncer.with('GroupPolicy').authorize('delete', group)
    await group.delete()
    await AuditLog.record({
      actor,
      action: 'group.deleted',
      entityType: 'group',
      entityId: group.id,
      centreId: group.centreId,
      before: { name: group.name, category: group.category },
    })
    session.flash('success', i18n.t('groups.deleted', { name: group.name }))
    return response.redirect().toRoute('groups.index')
  }

  protected async assertNameFree(centreId: number, name: string) {
    const taken = await Group.query()
      .where('centre_id', centreId)
      .whereRaw('lower(name) = ?', [name.toLowerCase()])
      .first()
    if (taken) throw new DomainError('group_name_taken', { name })
  }

  protected filtered(ctx: HttpContext) {
    const table = TableState.from(ctx, {
      sorts: { name: 'name', category: 'category', created: 'created_at' },
      defaultSort: 'name',
      filters: ['category', 'from', 'to'],
    })
    const query = Group.visibleTo(Group.query(), ctx.auth.getUserOrFail())
    table.applySearch(query, ['name'])
    if (table.filters.category) query.where('category', table.filters.category)
    const from = parisDay(table.filters.from)
    const to = parisDay(table.filters.to)
    if (from) query.where('created_at', '>=', from.toUTC().toFormat('yyyy-MM-dd HH:mm:ss'))
    if (to)
      query.where('created_at', '<', to.plus({ days: 1 }).toUTC().toFormat('yyyy-MM-dd HH:mm:ss'))
    return { table, query }
  }
}

const parisDay = parseParisDay
