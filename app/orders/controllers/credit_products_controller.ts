import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { Centre } from '#centres'
import AuditLog from '#shared/audit/audit_log'
import { toBasisPoints, toCents } from '#shared/money'
import { refuseField } from '#shared/ui/forms'
import { TableState, renderPage } from '#shared/ui/table'
import CreditProduct from '#orders/models/credit_product'
import { CREDIT_TYPES } from '#orders/models/credit_type'
import { creditProductValidator } from '#orders/validators/credit_product'

/** The credit catalogue (seed 004 §4.3): the network admin prices what centres may order. */
export default class CreditProductsController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.with('CreditProductPolicy').authorize('viewList')
    const table = TableState.from(ctx, {
      sorts: { name: 'name', type: 'type', reference: 'reference', price: 'unit_price_cents' },
      defaultSort: 'name',
      filters: ['type', 'status'],
    })
    const query = CreditProduct.query().preload('centres', (q) => q.orderBy('name'))
    table.applySearch(query, ['name', 'reference'])
    if ((CREDIT_TYPES as readonly string[]).includes(table.filters.type ?? ''))
      query.where('type', table.filters.type)
    if (['active', 'inactive'].includes(table.filters.status ?? ''))
      query.where('status', table.filters.status)
    const products = await table.paginate(table.applySort(query))
    return renderPage(ctx, 'orders::pages/products/index', 'orders::partials/products_table', {
      products,
      table,
      types: CREDIT_TYPES,
    })
  }

  async create({ view, bouncer }: HttpContext) {
    await bouncer.with('CreditProductPolicy').authorize('manage')
    return view.render('orders::pages/products/form', {
      product: null,
      types: CREDIT_TYPES,
      centres: await Centre.query().orderBy('name').select('id', 'name', 'code'),
    })
  }

  async edit({ params, view, bouncer }: HttpContext) {
    await bouncer.with('CreditProductPolicy').authorize('manage')
    const product = await CreditProduct.query()
      .where('id', Number(params.id) || 0)
      .preload('centres')
      .firstOrFail()
    return view.render('orders::pages/products/form', {
      product,
      types: CREDIT_TYPES,
      centres: await Centre.query().orderBy('name').select('id', 'name', 'code'),
    })
  }

  async store(ctx: HttpContext) {
    return this.save(ctx, null)
  }

  async update(ctx: HttpContext) {
    return this.save(ctx, await CreditProduct.findOrFail(Number(ctx.params.id) || 0))
  }

  protected async save(ctx: HttpContext, existing: CreditProduct | null) {
    const { request, response, auth, bouncer, session, i18n } = ctx
    await bouncer.with('CreditProductPolicy').authorize('manage')
    const data = await request.validateUsing(creditProductValidator)
    const taken = await CreditProduct.query()
      .where('reference', data.reference)
      .if(existing, (q) => q.whereNot('id', existing!.id))
      .first()
    if (taken)
      return refuseField(
        ctx,
        'reference',
        i18n.t('errors.credit_product_taken', { reference: data.reference })
      )
    const allCentres = !!data.all_centres
    const centreIds = allCentres ? [] : [...new Set(data.centres ?? [])]
    if (!allCentres) {
      const known = centreIds.length
        ? await Centre.query().whereIn('id', centreIds).select('id')
        : []
      if (known.length === 0 || known.length !== centreIds.length)
        return refuseField(ctx, 'centres', i18n.t('errors.credit_product_centres'))
    }
    const attributes = {
      name: data.name,
      type: data.type,
      reference: data.reference,
      unitPriceCents: toCents(data.unit_price),
      vatRateBp: toBasisPoints(data.vat_rate),
      validityMonths: data.validity_months,
      status: data.status,
      allCentres,
    }
    const actor = auth.getUserOrFail()
    const product = await db.transaction(async (trx) => {
      const before = existing?.serialize() ?? null
      const saved = existing ?? new CreditProduct()
      saved.useTransaction(trx).merge(attributes)
      await saved.save()
      await saved.related('centres').sync(centreIds)
      await AuditLog.record({
        actor,
        action: existing ? 'credit_product.update' : 'credit_product.create',
        entityType: 'credit_product',
        entityId: saved.id,
        before,
        after: { ...attributes, centres: centreIds },
        client: trx,
      })
      return saved
    })
    session.flash('success', i18n.t('orders.products.saved', { name: product.name }))
    return response.redirect().toRoute('credit_products.index')
  }
}
