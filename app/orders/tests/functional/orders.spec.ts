import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type { User } from '#accounts'
import { CreditProduct } from '#orders'
import {
  CentreFactory,
  makeCreditProduct,
  makeCreditStock,
  makeUser,
} from '#database/factories/index'
import { assertFieldError } from '#tests/helpers/http'
import { cancelOrder, markOrderPaid, placeOrder } from '#orders/services/orders'
import { xlsxRows } from '#tests/helpers/files'
import { lastMailTo } from '#shared/mail/mailbox'

const nbsp = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ')

/** "Valider le panier" through HTTP, as the centre manager: quantities by product. */
function orderThroughCart(
  client: any,
  manager: User,
  centreId: number,
  quantities: [CreditProduct, number][]
) {
  return client
    .post('/orders')
    .withCsrfToken()
    .loginAs(manager)
    .form({
      centre_id: centreId,
      quantities: Object.fromEntries(
        quantities.map(([product, quantity]) => [`p${product.id}`, String(quantity)])
      ),
    })
}

test.group('Orders · credit products (network admin)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the network admin prices a product in euros, kept in cents', async ({ client, assert }) => {
    const admin = await makeUser('network_admin')
    const response = await client
      .post('/credit-products')
      .withCsrfToken()
      .loginAs(admin)
      .form({
        name: 'Partenaire - examen blanc',
        type: 'mock_remote',
        reference: 'part-blanc-examen',
        unit_price: '71,00',
        vat_rate: '20',
        validity_months: '12',
        status: 'active',
        all_centres: '1',
      })
      .redirects(0)
    response.assertStatus(302)
    const product = await CreditProduct.findByOrFail('reference', 'PART-BLANC-EXAMEN')
    assert.equal(product.unitPriceCents, 7100)
    assert.equal(product.vatRateBp, 2000)
    const list = await client.get('/credit-products').loginAs(admin)
    assert.include(nbsp(list.text()), '71,00 €')
    assert.include(list.text(), 'Examen blanc - à distance')
  })

  test('a reference already used and a product for no centre are refused', async ({ client }) => {
    const admin = await makeUser('network_admin')
    await makeCreditProduct({ reference: 'TAKEN' })
    const form = {
      name: 'Autre',
      type: 'demo',
      reference: 'TAKEN',
      unit_price: '10',
      vat_rate: '20',
      validity_months: '6',
      status: 'active',
    }
    const taken = await client
      .post('/credit-products')
      .withCsrfToken()
      .loginAs(admin)
      .form({ ...form, all_centres: '1' })
      .redirects(0)
    assertFieldError(
      taken,
      'reference',
      'La référence TAKEN est déjà utilisée par un autre produit.'
    )
    const none = await client
      .post('/credit-products')
      .withCsrfToken()
      .loginAs(admin)
      .form({ ...form, reference: 'FREE' })
      .redirects(0)
    assertFieldError(
      none,
      'centres',
      'Choisissez au moins un centre, ou proposez le produit à tous les centres.'
    )
  })

  test('only the network admin reaches the catalogue', async ({ client }) => {
    const centre = await CentreFactory.create()
    for (const role of ['account_manager', 'centre_manager', 'centre_staff'] as const) {
      const user = await makeUser(role, [centre])
      const response = await client.get('/credit-products').loginAs(user)
      response.assertStatus(403)
    }
  })
})

test.group('Orders · cart, validation and delivery', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the cart lists the products offered to the centre only', async ({ client, assert }) => {
    const centre = await CentreFactory.create()
    const other = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    await makeCreditProduct({ name: 'Pour tous' })
    const restricted = await makeCreditProduct({ name: 'Pour un autre', allCentres: false })
    await restricted.related('centres').attach([other.id])
    await makeCreditProduct({ name: 'Retiré', status: 'inactive' })
    const response = await client.get('/orders/new').loginAs(manager)
    response.assertStatus(200)
    assert.include(response.text(), 'Pour tous')
    assert.notInclude(response.text(), 'Pour un autre')
    assert.notInclude(response.text(), 'Retiré')
  })

  test('"Valider le panier" creates the order at once, to validate, with exact totals', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    const a = await makeCreditProduct({ unitPriceCents: 7100, vatRateBp: 2000 })
    const b = await makeCreditProduct({ unitPriceCents: 1999, vatRateBp: 550 })
    const response = await orderThroughCart(client, manager, centre.id, [
      [a, 4],
      [b, 3],
    ])
    response.assertStatus(200)
    const order = await db.from('credit_orders').where('centre_id', centre.id).firstOrFail()
    assert.equal(order.status, 'to_validate')
    // 4 × 71,00 = 284,00 + 56,80 VAT; 3 × 19,99 = 59,97 + 3,30 VAT.
    assert.equal(Number(order.total_ht_cents), 34397)
    assert.equal(Number(order.total_vat_cents), 6010)
    assert.equal(Number(order.total_ttc_cents), 40407)
    const text = nbsp(response.text())
    assert.include(text, '404,07 €')
    assert.include(text, 'Poursuivre ma commande')
    const payment = await client.get(`/orders/${order.id}/payment`).loginAs(manager)
    assert.include(payment.text(), order.number)
    assert.include(payment.text(), 'IBAN')
  })

  test('a bad quantity or an empty cart is refused and nothing is ordered', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    const product = await makeCreditProduct()
    for (const quantities of [
      { [`p${product.id}`]: '-2' },
      { [`p${product.id}`]: '2.5' },
      { [`p${product.id}`]: '0' },
    ]) {
      const response = await client
        .post('/orders')
        .withCsrfToken()
        .loginAs(manager)
        .form({ centre_id: centre.id, quantities })
        .redirects(0)
      response.assertStatus(302)
      const flashed = response.flashMessages()
      assert.match(String(flashed.error ?? flashed.errors ?? ''), /quantité|panier est vide/)
    }
    const [count] = await db.from('credit_orders').where('centre_id', centre.id).count('* as n')
    assert.equal(Number(count.n), 0)
  })

  test('a centre cannot order for another centre nor a product not offered to it', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const other = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    const product = await makeCreditProduct()
    const restricted = await makeCreditProduct({ allCentres: false })
    await restricted.related('centres').attach([other.id])
    const wrongCentre = await client
      .post('/orders')
      .withCsrfToken()
      .loginAs(manager)
      .header('Accept', 'application/json')
      .form({ centre_id: other.id, quantities: { [`p${product.id}`]: '1' } })
    wrongCentre.assertStatus(422)
    const wrongProduct = await client
      .post('/orders')
      .withCsrfToken()
      .loginAs(manager)
      .header('Accept', 'application/json')
      .form({ centre_id: centre.id, quantities: { [`p${restricted.id}`]: '1' } })
    wrongProduct.assertStatus(422)
    assert.equal(wrongProduct.body().error, 'order_product_unavailable')
    const [count] = await db.from('credit_orders').count('* as n')
    assert.equal(Number(count.n), 0)
  })

  test('the account manager validates then delivers: the credits enter the stock', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    const accountManager = await makeUser('account_manager', [centre])
    const stranger = await makeUser('account_manager', [await CentreFactory.create()])
    const product = await makeCreditProduct({ name: 'Blanc à distance' })
    await orderThroughCart(client, manager, centre.id, [[product, 10]])
    const order = await db.from('credit_orders').where('centre_id', centre.id).firstOrFail()

    // Another portfolio does not even see it; the centre cannot validate its own order.
    const foreign = await client
      .post(`/orders/${order.id}/payment`)
      .withCsrfToken()
      .loginAs(stranger)
    foreign.assertStatus(404)
    const own = await client.post(`/orders/${order.id}/payment`).withCsrfToken().loginAs(manager)
    own.assertStatus(403)
    // Delivery before payment is refused.
    const early = await client
      .post(`/orders/${order.id}/delivery`)
      .withCsrfToken()
      .loginAs(accountManager)
      .header('Accept', 'application/json')
    early.assertStatus(409)

    const list = await client.get('/orders').loginAs(accountManager)
    assert.include(list.text(), order.number)
    assert.include(list.text(), 'Valider (paiement reçu)')

    await client.post(`/orders/${order.id}/payment`).withCsrfToken().loginAs(accountManager)
    await client.post(`/orders/${order.id}/delivery`).withCsrfToken().loginAs(accountManager)
    const delivered = await db.from('credit_orders').where('id', order.id).first()
    assert.equal(delivered.status, 'delivered')

    const page = await client.get('/orders').loginAs(manager)
    const text = page.text()
    assert.match(text, /data-testid="stock-mock_remote"><strong>10<\/strong>/)
    assert.include(text, '10 restantes')
    // The order's thread tells its story, and the account manager was told of it.
    const conversation = await db
      .from('conversations')
      .where('subject_type', 'credit_order')
      .where('subject_id', order.id)
      .firstOrFail()
    const thread = await client.get(`/messages/${conversation.id}`).loginAs(manager)
    assert.include(thread.text(), `Nouvelle commande ${order.number}`)
    assert.include(thread.text(), `Paiement reçu : la commande ${order.number} est validée.`)
    assert.include(thread.text(), `Commande ${order.number} livrée`)
    assert.include(thread.text(), 'Voir la commande')
    const told = await lastMailTo(accountManager.email)
    assert.isNotNull(told)
    // The order moved from "À valider" to "À consommer".
    const toConsume = text.split('data-testid="section-to_consume"')[1].split('</tbody>')[0]
    assert.include(toConsume, order.number)
  })

  test('filters, search and the export as shown', async ({ client, assert }) => {
    const centre = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    const demo = await makeCreditProduct({ type: 'demo', name: 'Démo' })
    const { order: delivered } = await makeCreditStock(centre, 5, demo)
    const mock = await makeCreditProduct({ type: 'mock_remote', name: 'Blanc' })
    await orderThroughCart(client, manager, centre.id, [[mock, 2]])
    const pending = await db
      .from('credit_orders')
      .where('centre_id', centre.id)
      .where('status', 'to_validate')
      .firstOrFail()

    const filtered = await client.get('/orders?type=demo').loginAs(manager)
    assert.include(filtered.text(), delivered.number!)
    assert.notInclude(filtered.text(), pending.number)

    const searched = await client.get(`/orders?q=${pending.number}`).loginAs(manager)
    assert.include(searched.text(), pending.number)
    assert.notInclude(searched.text(), delivered.number!)

    const csv = await client.get('/orders/export/csv?type=demo').loginAs(manager)
    csv.assertStatus(200)
    assert.include(csv.text(), delivered.number!)
    assert.notInclude(csv.text(), pending.number)

    const xlsx = await client.get('/orders/export/xlsx').loginAs(manager)
    const rows = await xlsxRows(xlsx.body())
    assert.equal(rows[0][1], 'N° commande')
    const numbers = rows.slice(1).map((row) => row[1])
    assert.includeMembers(numbers, [delivered.number, pending.number])
    // À valider first, then À consommer.
    assert.equal(rows[1][0], 'À valider')
    assert.equal(rows[1][5], 'Blanc')
    assert.equal(rows[2][0], 'À consommer')
    assert.equal(rows[2][8], 5)
  })

  test('a centre manager cancels an order not yet delivered; a delivered one stays', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    const product = await makeCreditProduct()
    await orderThroughCart(client, manager, centre.id, [[product, 1]])
    const order = await db.from('credit_orders').where('centre_id', centre.id).firstOrFail()
    await client.delete(`/orders/${order.id}`).withCsrfToken().loginAs(manager)
    assert.equal((await db.from('credit_orders').where('id', order.id).first()).status, 'cancelled')

    // Once paid, cancelling is the network's (a refund is its matter).
    await orderThroughCart(client, manager, centre.id, [[product, 1]])
    const paid = await db
      .from('credit_orders')
      .where('centre_id', centre.id)
      .where('status', 'to_validate')
      .firstOrFail()
    const admin = await makeUser('network_admin')
    await client.post(`/orders/${paid.id}/payment`).withCsrfToken().loginAs(admin)
    const late = await client.delete(`/orders/${paid.id}`).withCsrfToken().loginAs(manager)
    late.assertStatus(403)

    const { order: delivered } = await makeCreditStock(centre, 1, product)
    const refused = await client.delete(`/orders/${delivered.id}`).withCsrfToken().loginAs(manager)
    refused.assertStatus(403)
  })
})

test.group('Orders · long open sections', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an open section shows its 25 most recent orders and links to all of them, paged', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    const product = await makeCreditProduct({ name: 'Blanc à distance' })
    for (let i = 0; i < 27; i++) await orderThroughCart(client, manager, centre.id, [[product, 1]])
    const numbers = (
      await db
        .from('credit_orders')
        .where('centre_id', centre.id)
        .orderBy('ordered_at', 'desc')
        .orderBy('id', 'desc')
        .select('number')
    ).map((row) => row.number as string)
    assert.lengthOf(numbers, 27)
    const section = (html: string) =>
      html.split('data-testid="section-to_validate"')[1].split('</tbody>')[0]

    const page = await client.get('/orders').loginAs(manager)
    const open = section(page.text())
    assert.include(open, '(27)')
    for (const number of numbers.slice(0, 25)) assert.include(open, number)
    for (const number of numbers.slice(25)) assert.notInclude(open, number)
    assert.include(open, 'Les 25 commandes les plus récentes sur 27 sont affichées.')
    const link = /href="([^"]+)" data-testid="section-all"/.exec(open)
    assert.include(link?.[1] ?? '', 'section=to_validate')

    // The section on its own is paged like the history: the two oldest on page 2.
    const all = await client.get(link![1].replaceAll('&amp;', '&')).loginAs(manager)
    const first = section(all.text())
    assert.notInclude(first, 'data-testid="section-capped"')
    assert.include(first, numbers[0])
    const second = await client.get('/orders?section=to_validate&page=2').loginAs(manager)
    const rest = section(second.text())
    for (const number of numbers.slice(25)) assert.include(rest, number)
    assert.notInclude(rest, numbers[0])
  })
})

test.group('Orders · the rows of the table', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  /** The order's row and its lines' rows, as one piece of HTML. */
  const rowOf = (html: string, number: string) => {
    const start = html.indexOf(`data-testid="order-${number}"`)
    if (start === -1) return ''
    const next = html.indexOf('class="order-row"', start)
    const end = html.indexOf('</tbody>', start)
    return nbsp(html.slice(start, next !== -1 && next < end ? next : end))
  }

  test('each row shows its order, its lines and the buttons its role and status allow', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.merge({ name: 'Centre Hélios' }).create()
    const admin = await makeUser('network_admin')
    const manager = await makeUser('centre_manager', [centre])
    const accountManager = await makeUser('account_manager', [centre])
    const product = await makeCreditProduct({ name: 'Blanc à distance', type: 'mock_remote' })
    const waiting = await placeOrder(manager, centre.id, new Map([[product.id, 2]]))
    const paid = await placeOrder(manager, centre.id, new Map([[product.id, 3]]))
    await markOrderPaid(admin, paid.id)
    const { order: delivered } = await makeCreditStock(centre, 4, product, admin)
    const withdrawn = await placeOrder(manager, centre.id, new Map([[product.id, 1]]))
    await cancelOrder(manager, withdrawn.id)
    await db
      .from('credit_orders')
      .where('id', delivered.id)
      .update({ ordered_at: '2026-03-04 23:30:00' })

    const asManager = (await client.get('/orders').loginAs(manager)).text()
    const waitingRow = rowOf(asManager, waiting.number!)
    assert.include(waitingRow, `href="/orders/${waiting.id}/payment">Régler</a>`)
    assert.notInclude(waitingRow, 'action=')
    assert.include(waitingRow, 'Blanc à distance')
    assert.include(waitingRow, '142,00 €')
    assert.notInclude(rowOf(asManager, paid.number!), 'btn')
    const deliveredRow = rowOf(asManager, delivered.number!)
    // Ordered at 23:30 UTC on the 4th: the 5th in Paris. Its line: 4 credits, 4 left, an expiry.
    assert.include(deliveredRow, '05/03/2026')
    assert.include(deliveredRow, '4 restantes')
    assert.match(deliveredRow, /<td>\d{2}\/\d{2}\/\d{4}<\/td>/)
    assert.notInclude(deliveredRow, 'btn')
    // The history is a page of its own: its rows are read the same way.
    const historyRow = rowOf(asManager, withdrawn.number!)
    assert.include(
      asManager.split('data-testid="section-history"')[1] ?? '',
      `data-testid="order-${withdrawn.number}"`
    )
    assert.include(historyRow, 'Annulée')
    assert.include(historyRow, 'Blanc à distance')
    assert.include(historyRow, '85,20 €')
    assert.notInclude(historyRow, 'btn')
    // A centre's own table has no centre column.
    assert.notInclude(asManager, 'Centre Hélios</td>')

    const asAccountManager = (await client.get('/orders').loginAs(accountManager)).text()
    const toValidate = rowOf(asAccountManager, waiting.number!)
    assert.include(toValidate, `action="/orders/${waiting.id}/payment"`)
    assert.notInclude(toValidate, 'Régler')
    assert.include(rowOf(asAccountManager, paid.number!), `action="/orders/${paid.id}/delivery"`)
    assert.notInclude(rowOf(asAccountManager, delivered.number!), 'action=')
    assert.include(rowOf(asAccountManager, waiting.number!), 'Centre Hélios</td>')

    // Searched, the rows stay the same (read by id among the matches).
    const searched = (await client.get(`/orders?q=${paid.number}`).loginAs(admin)).text()
    const searchedRow = rowOf(searched, paid.number!)
    assert.include(searchedRow, 'Centre Hélios</td>')
    assert.include(searchedRow, `action="/orders/${paid.id}/delivery"`)
    assert.equal(rowOf(searched, waiting.number!), '')
    // By a line's product or reference, and (for the network) by the centre's name.
    const other = await makeCreditProduct({ name: 'Démo', reference: 'REF-DEMO-9', type: 'demo' })
    const demo = await placeOrder(manager, centre.id, new Map([[other.id, 1]]))
    const byProduct = (await client.get('/orders?q=DISTANCE').loginAs(manager)).text()
    assert.include(byProduct, `data-testid="order-${paid.number}"`)
    assert.notInclude(byProduct, `data-testid="order-${demo.number}"`)
    const byReference = (await client.get('/orders?q=ref-demo').loginAs(manager)).text()
    assert.include(byReference, `data-testid="order-${demo.number}"`)
    assert.notInclude(byReference, `data-testid="order-${paid.number}"`)
    const byCentre = (await client.get('/orders?q=h%C3%A9lios').loginAs(admin)).text()
    for (const order of [waiting, paid, delivered, demo])
      assert.include(byCentre, `data-testid="order-${order.number}"`)
    // A centre's own search leaves the centre's name aside.
    const ownCentre = (await client.get('/orders?q=h%C3%A9lios').loginAs(manager)).text()
    assert.notInclude(ownCentre, 'data-testid="order-')
  })
})
