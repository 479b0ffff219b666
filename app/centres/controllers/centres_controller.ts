import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import AuditLog from '#shared/audit/audit_log'
import { TableState, renderPage } from '#shared/ui/table'
import { exportResponse } from '#shared/spreadsheets/writer'
import Centre from '#centres/models/centre'
import {
  KINDS,
  STATUSES,
  VISIBILITIES,
  createCentreValidator,
  updateCentreValidator,
} from '#centres/validators/centre'
import { countryOptions, timeZoneOptions } from '#centres/services/places'
import { refuseLogo, replaceLogo } from '#centres/services/logo'

type CentreInput = Awaited<ReturnType<typeof createCentreValidator.validate>>

export default class CentresController {
  /** Centres of the actor's scope: search, filters, sort, pagination. */
  async index(ctx: HttpContext) {
    await ctx.bouncer.with('CentrePolicy').authorize('viewList')
    const { table, query } = this.filtered(ctx)
    const centres = await table.paginate(
      table.applySort(query.preload('members', (q) => q.where('role', 'account_manager')))
    )
    return renderPage(ctx, 'centres::pages/centres/index', 'centres::partials/centres_table', {
      centres,
      table,
      kinds: KINDS,
      statuses: STATUSES,
      countries: countryOptions(ctx.i18n.locale),
    })
  }

  /** The list as shown, as xlsx or csv. */
  async export(ctx: HttpContext) {
    await ctx.bouncer.with('CentrePolicy').authorize('viewList')
    const { table, query } = this.filtered(ctx)
    const t = ctx.i18n.t.bind(ctx.i18n)
    const columns = [
      { key: 'code', header: t('centres.code'), width: 14 },
      { key: 'name', header: t('centres.name'), width: 40 },
      { key: 'kind', header: t('centres.kind'), width: 20 },
      { key: 'city', header: t('centres.city'), width: 20 },
      { key: 'country', header: t('centres.country'), width: 10 },
      { key: 'accountManager', header: t('centres.account_manager'), width: 26 },
      { key: 'status', header: t('centres.status'), width: 10 },
    ]
    async function* rows() {
      for await (const centre of table.rows(
        query.preload('members', (q) => q.where('role', 'account_manager'))
      )) {
        yield {
          code: centre.code,
          name: centre.name,
          kind: t(`centres.kind_${centre.kind}`),
          city: centre.city,
          country: centre.country,
          accountManager: centre.accountManager?.fullName ?? '',
          status: t(`centres.status_${centre.status}`),
        }
      }
    }
    const format = ctx.params.format === 'csv' ? 'csv' : 'xlsx'
    return exportResponse(ctx.response, format, t('centres.export_filename'), columns, rows())
  }

  protected filtered(ctx: HttpContext) {
    const table = TableState.from(ctx, {
      sorts: { code: 'code', name: 'name', city: 'city', country: 'country', status: 'status' },
      defaultSort: 'name',
      filters: ['kind', 'country', 'status'],
    })
    const query = Centre.visibleTo(Centre.query(), ctx.auth.getUserOrFail())
    table.applySearch(query, ['name', 'code', 'city'])
    if (table.filters.kind) query.where('kind', table.filters.kind)
    if (table.filters.country) query.where('country', table.filters.country)
    if (table.filters.status) query.where('status', table.filters.status)
    return { table, query }
  }

  /** A centre's page. */
  async show({ params, view, auth, bouncer }: HttpContext) {
    const centre = await Centre.findVisibleOrFail(auth.getUserOrFail(), params.id)
    await bouncer.with('CentrePolicy').authorize('view', centre)
    await centre.load('members', (q) => q.orderBy('last_name'))
    return view.render('centres::pages/centres/show', { centre })
  }

  /** Form to create a centre (network admins). */
  async create({ view, bouncer, i18n }: HttpContext) {
    await bouncer.with('CentrePolicy').authorize('create')
    return view.render('centres::pages/centres/form', await this.formData(null, i18n.locale, true))
  }

  async store({ request, response, auth, bouncer, session, i18n }: HttpContext) {
    await bouncer.with('CentrePolicy').authorize('create')
    const actor = auth.getUserOrFail()
    const data = await request.validateUsing(createCentreValidator)
    const centre = await db.transaction(async (trx) => {
      const created = await Centre.create(
        { code: data.code, ...this.attributes(data, true) },
        { client: trx }
      )
      await created.assignAccountManager(data.account_manager_id ?? null, trx)
      await AuditLog.record({
        actor,
        action: 'centre.created',
        entityType: 'centre',
        entityId: created.id,
        centreId: created.id,
        after: {
          code: created.code,
          name: created.name,
          accountManagerId: data.account_manager_id ?? null,
        },
        client: trx,
      })
      return created
    })
    session.flash('success', i18n.t('centres.saved', { name: centre.name }))
    return response.redirect().toRoute('centres.show', { id: centre.id })
  }

  async edit({ params, view, auth, bouncer, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const centre = await Centre.findVisibleOrFail(actor, params.id)
    await bouncer.with('CentrePolicy').authorize('edit', centre)
    await centre.load('members', (q) => q.where('role', 'account_manager'))
    const networkFields = await bouncer.with('CentrePolicy').allows('editNetworkFields')
    return view.render(
      'centres::pages/centres/form',
      await this.formData(centre, i18n.locale, networkFields)
    )
  }

  /** Saves a centre; status and account manager only by a network admin. Audited. */
  async update(ctx: HttpContext) {
    const { params, request, response, auth, bouncer, session, i18n } = ctx
    const actor = auth.getUserOrFail()
    const centre = await Centre.findVisibleOrFail(actor, params.id)
    await bouncer.with('CentrePolicy').authorize('edit', centre)
    const networkFields = await bouncer.with('CentrePolicy').allows('editNetworkFields')
    const data = await request.validateUsing(updateCentreValidator, {
      meta: { centreId: centre.id },
    })
    await centre.load('members', (q) => q.where('role', 'account_manager'))
    const before = { ...snapshot(centre), accountManagerId: centre.accountManager?.id ?? null }
    const logoError = await replaceLogo(ctx, centre)
    if (logoError) return refuseLogo(ctx, logoError)
    await db.transaction(async (trx) => {
      centre.useTransaction(trx)
      centre.merge({ code: data.code, ...this.attributes(data, networkFields) })
      await centre.save()
      if (networkFields) await centre.assignAccountManager(data.account_manager_id ?? null, trx)
      const after = {
        ...snapshot(centre),
        accountManagerId: networkFields
          ? (data.account_manager_id ?? null)
          : before.accountManagerId,
      }
      const changes = AuditLog.diff(before, after)
      if (Object.keys(changes.after).length) {
        await AuditLog.record({
          actor,
          action: 'centre.updated',
          entityType: 'centre',
          entityId: centre.id,
          centreId: centre.id,
          ...changes,
          client: trx,
        })
      }
    })
    session.flash('success', i18n.t('centres.saved', { name: centre.name }))
    return response.redirect().toRoute('centres.show', { id: centre.id })
  }

  /** Fields from the form; network-only fields are ignored for others (no mass assignment). */
  protected attributes(data: CentreInput, networkFields: boolean) {
    return {
      name: data.name,
      kind: data.kind,
      country: data.country,
      timeZone: data.time_zone,
      onlineVisibility: data.online_visibility,
      address: data.address ?? null,
      postcode: data.postcode ?? null,
      city: data.city ?? null,
      contactEmail: data.contact_email ?? null,
      phone: data.phone ?? null,
      ...(networkFields && data.status ? { status: data.status } : {}),
    }
  }

  protected async formData(centre: Centre | null, locale: string, networkFields: boolean) {
    return {
      centre,
      networkFields,
      kinds: KINDS,
      statuses: STATUSES,
      visibilities: VISIBILITIES,
      countries: countryOptions(locale),
      timeZones: timeZoneOptions(),
      accountManagers: networkFields ? await Centre.accountManagerOptions() : [],
    }
  }
}

function snapshot(centre: Centre) {
  return {
    code: centre.code,
    name: centre.name,
    kind: centre.kind,
    country: centre.country,
    timeZone: centre.timeZone,
    onlineVisibility: centre.onlineVisibility,
    ...centre.contactDetails,
    status: centre.status,
  }
}
