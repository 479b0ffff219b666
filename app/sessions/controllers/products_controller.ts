import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import AuditLog from '#shared/audit/audit_log'
import { DomainError } from '#shared/errors'
import { refuseField } from '#shared/ui/forms'
import { TableState, renderPage } from '#shared/ui/table'
import Product, { RANGES } from '#sessions/models/product'
import ProductTest from '#sessions/models/product_test'
import { productValidator } from '#sessions/validators/session'
import { checkUpload, storeUpload, streamStored } from '#shared/uploads/uploads'
import drive from '@adonisjs/drive/services/main'

interface TestLine {
  code: string
  name: string
  sections: string[]
}

/** "CE | Compréhension écrite" or "EO | Expression orale | A,B", one per line. */
function parseTests(text: string): TestLine[] | null {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
  const tests: TestLine[] = []
  for (const line of lines) {
    const [code, name, sections] = line.split('|').map((p) => p.trim())
    if (!code || !/^[A-Z]{2,8}$/.test(code.toUpperCase()) || !name) return null
    tests.push({
      code: code.toUpperCase(),
      name,
      sections: sections
        ? sections
            .split(',')
            .map((s) => s.trim().toUpperCase())
            .filter(Boolean)
        : [],
    })
  }
  const codes = new Set(tests.map((t) => t.code))
  return tests.length && codes.size === tests.length ? tests : null
}

/** The product catalogue (seed 001 part 3): the network admin manages it. */
export default class ProductsController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.with('ProductPolicy').authorize('viewList')
    const table = TableState.from(ctx, {
      sorts: { number: 'number', name: 'name', range: 'range', status: 'status' },
      defaultSort: 'number',
      filters: ['range', 'modular', 'status'],
    })
    const query = Product.query().preload('tests')
    table.applySearch(query, ['name', 'code'])
    if ((RANGES as readonly string[]).includes(table.filters.range ?? ''))
      query.where('range', table.filters.range)
    if (table.filters.modular === 'yes') query.where('modular', true)
    if (table.filters.modular === 'no') query.where('modular', false)
    if (['active', 'inactive'].includes(table.filters.status ?? ''))
      query.where('status', table.filters.status)
    const products = await table.paginate(table.applySort(query))
    return renderPage(ctx, 'sessions::pages/products/index', 'sessions::partials/products_table', {
      products,
      table,
      ranges: RANGES,
    })
  }

  async create({ view, bouncer }: HttpContext) {
    await bouncer.with('ProductPolicy').authorize('manage')
    return view.render('sessions::pages/products/form', { product: null, ranges: RANGES })
  }

  async edit({ params, view, bouncer }: HttpContext) {
    await bouncer.with('ProductPolicy').authorize('manage')
    const product = await Product.query().where('id', params.id).preload('tests').firstOrFail()
    return view.render('sessions::pages/products/form', { product, ranges: RANGES })
  }

  async store(ctx: HttpContext) {
    return this.save(ctx, null)
  }

  async update(ctx: HttpContext) {
    const product = await Product.findOrFail(ctx.params.id)
    return this.save(ctx, product)
  }

  protected async save(ctx: HttpContext, existing: Product | null) {
    const { request, response, auth, bouncer, session, i18n } = ctx
    await bouncer.with('ProductPolicy').authorize('manage')
    const data = await request.validateUsing(productValidator)
    const tests = parseTests(data.tests)
    if (!tests) return refuseField(ctx, 'tests', i18n.t('errors.product_tests_format'))
    const previousKey = existing?.documentKey ?? null
    // The product's document (a PDF presentation), optional.
    const file = request.file('document')
    let documentKey: string | undefined
    if (file) {
      const checked = await checkUpload(file, { kinds: ['pdf'], maxBytes: 10 * 1024 * 1024 })
      if (!checked.ok) return refuseField(ctx, 'document', i18n.t('errors.product_document'))
      documentKey = await storeUpload(file, 'products', 'pdf')
    }
    const taken = await Product.query()
      .where((q) => q.where('code', data.code).orWhere('number', data.number))
      .if(existing, (q) => q.whereNot('id', existing!.id))
      .first()
    if (taken) throw new DomainError('product_taken', { code: data.code, number: data.number })
    const attributes = {
      number: data.number,
      range: data.range,
      code: data.code,
      name: data.name,
      description: data.description ?? null,
      modular: !!data.modular,
      status: data.status,
      validFrom: data.valid_from
        ? DateTime.fromJSDate(data.valid_from).setZone('utc', { keepLocalTime: true })
        : null,
      ...(documentKey ? { documentKey } : {}),
      validTo: data.valid_to
        ? DateTime.fromJSDate(data.valid_to).setZone('utc', { keepLocalTime: true })
        : null,
    }
    const product = await db.transaction(async (trx) => {
      const row = existing ?? new Product()
      row.useTransaction(trx)
      const before = existing ? { ...existing.serialize(), tests: undefined } : null
      row.merge(attributes)
      await row.save()
      const current = await ProductTest.query({ client: trx }).where('product_id', row.id)
      const kept = new Set(tests.map((t) => t.code))
      const removed = current.filter((t) => !kept.has(t.code)).map((t) => t.code)
      if (removed.length) {
        // A test that sessions offer cannot leave the product.
        const used = await trx
          .from('session_tests')
          .join('exam_sessions', 'exam_sessions.id', 'session_tests.session_id')
          .where('exam_sessions.product_id', row.id)
          .whereIn('session_tests.test_code', removed)
          .first()
        if (used) throw new DomainError('product_test_in_use', { code: used.test_code })
        await trx
          .from('product_tests')
          .where('product_id', row.id)
          .whereIn('code', removed)
          .delete()
      }
      for (const [index, test] of tests.entries()) {
        await ProductTest.updateOrCreate(
          { productId: row.id, code: test.code },
          { name: test.name, position: index + 1, sections: test.sections },
          { client: trx }
        )
      }
      await AuditLog.record({
        actor: auth.getUserOrFail(),
        action: existing ? 'product.updated' : 'product.created',
        entityType: 'product',
        entityId: row.id,
        before,
        after: { ...row.serialize(), tests: tests.map((t) => t.code) },
        client: trx,
      })
      return row
    })
    if (documentKey && previousKey && previousKey !== documentKey)
      await drive
        .use()
        .delete(previousKey)
        .catch(() => undefined)
    session.flash('success', i18n.t('sessions.product_saved', { name: product.name }))
    return response.redirect().toRoute('products.index')
  }

  /** The product's document, for everyone who may read the catalogue. */
  async document({ params, response, bouncer }: HttpContext) {
    await bouncer.with('ProductPolicy').authorize('viewList')
    const product = await Product.findOrFail(params.id)
    if (!product.documentKey) return response.notFound()
    return streamStored(response, product.documentKey, {
      filename: `${product.code}.pdf`,
      mime: 'application/pdf',
    })
  }
}
