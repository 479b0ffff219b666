import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import AuditLog from '#shared/audit/audit_log'
import { Centre } from '#centres'
import Product from '#sessions/models/product'
import Tariff from '#sessions/models/tariff'
import { toBasisPoints, toCents } from '#shared/money'

const tariffValidator = vine.create({
  centre_id: vine.number().withoutDecimals().range([1, 2147483647]),
  product_id: vine.number().withoutDecimals().range([1, 2147483647]),
  prices: vine.record(
    vine
      .string()
      .trim()
      .regex(/^\d{1,6}([.,]\d{1,2})?$/)
      .nullable()
  ),
  vat_rate: vine
    .string()
    .trim()
    .regex(/^\d{1,2}([.,]\d{1,2})?$/),
})

/**
 * "Mon centre › Tarifs" (seed 001 part 3, step 4): per product a single price
 * (TEF IRN) or a price per test, HT, with the VAT rate; proposed again at the
 * next session creation.
 */
export default class TariffsController {
  async index({ view, auth, bouncer, request }: HttpContext) {
    await bouncer.with('ProductPolicy').authorize('viewTariffs')
    const actor = auth.getUserOrFail()
    const centres = await Centre.visibleTo(Centre.query(), actor).orderBy('name')
    const centre = centres.find((c) => c.id === Number(request.input('centre'))) ?? centres[0]
    const products = await Product.query()
      .where('status', 'active')
      .preload('tests')
      .orderBy('number')
    const rows = centre ? await Tariff.query().where('centre_id', centre.id) : []
    const tariffs: Record<number, { prices: Record<string, number>; vatRate: number }> = {}
    for (const row of rows) {
      tariffs[row.productId] ??= { prices: {}, vatRate: row.vatRate }
      tariffs[row.productId].prices[row.testCode] = row.priceHt
    }
    return view.render('sessions::pages/tariffs', { centres, centre, products, tariffs })
  }

  async update({ request, response, auth, bouncer, session, i18n }: HttpContext) {
    await bouncer.with('ProductPolicy').authorize('editTariffs')
    const actor = auth.getUserOrFail()
    const data = await request.validateUsing(tariffValidator)
    const centre = await Centre.findVisibleOrFail(actor, data.centre_id)
    const product = await Product.query()
      .where('id', data.product_id)
      .preload('tests')
      .firstOrFail()
    const codes = product.modular ? product.tests.map((t) => t.code) : ['']
    const vatRate = toBasisPoints(data.vat_rate)
    const now = DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss')
    const saved: Record<string, number> = {}
    await db.transaction(async (trx) => {
      for (const code of codes) {
        const value = data.prices[code || 'single']
        if (!value) {
          await trx
            .from('tariffs')
            .where({ centre_id: centre.id, product_id: product.id, test_code: code })
            .delete()
          continue
        }
        saved[code || 'single'] = toCents(value)
        await trx
          .table('tariffs')
          .insert({
            centre_id: centre.id,
            product_id: product.id,
            test_code: code,
            price_ht: toCents(value),
            vat_rate: vatRate,
            updated_at: now,
          })
          .onConflict(['centre_id', 'product_id', 'test_code'])
          .merge({ price_ht: toCents(value), vat_rate: vatRate, updated_at: now })
      }
      await AuditLog.record({
        actor,
        action: 'tariff.updated',
        entityType: 'tariff',
        entityId: product.id,
        centreId: centre.id,
        after: { product: product.code, prices: saved, vatRate },
        client: trx,
      })
    })
    session.flash('success', i18n.t('sessions.tariff_saved', { name: product.name }))
    return response.redirect().toPath(`/tariffs?centre=${centre.id}#product-${product.id}`)
  }
}
