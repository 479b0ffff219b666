import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import app from '@adonisjs/core/services/app'
import drive from '@adonisjs/drive/services/main'
import { mkdir, writeFile } from 'node:fs/promises'
import { DateTime } from 'luxon'
import { PDFDocument } from 'pdf-lib'
import AuditLog from '#shared/audit/audit_log'
import PurchaseOrder from '#sessions/models/purchase_order'
import { orderLines } from '#sessions/services/purchase_orders'
import { registerCandidates } from '#sessions/services/registrations'
import { CentreFactory, makeCandidate, makeSession, makeUser } from '#database/factories/index'
import { assertFieldError, assertRedirect } from '#tests/helpers/http'

/** A tiny real PNG (a drawn signature as the browser sends it). */
const SIGNATURE =
  'data:image/png;base64,' +
  'iVBORw0KGgoAAAANSUhEUgAAAEAAAAAYCAYAAABKtPtEAAAAtklEQVR4nOWWSxKAIAxDOYRrD+H971bX4gcoaVKHRZYmL2EGKdt+lJUlB1BLDqAWO9AqLTNAXTzLEJahvGoEYwzQKqkawRgDjBRjDnDhylCeOcKNK0t5xgiPXJFB7PFcvgUchoCPGOHVDwWN9KF6/fLUkB6osKjLK/w+QYTRb27kd7Nhkn83kmsmjPmE7c0aZmqZpHy/Iw+kJ+xLrPJhXDNh7PI9XMN+nkBV8dYILi91EbnkAGqdpmMXbteV/FcAAAAASUVORK5CYII='

async function session(productCode = 'TEFCAN') {
  const centre = await CentreFactory.create()
  const manager = await makeUser('centre_manager', [centre])
  const staff = await makeUser('centre_staff', [centre])
  const exam = await makeSession(centre, { productCode })
  const a = await makeCandidate(centre)
  const b = await makeCandidate(centre)
  await registerCandidates(null, exam.id, [
    { candidate: a, input: { tests: ['CE', 'CO', 'EO'], channel: 'on_site' } },
    { candidate: b, input: { tests: ['CE'], channel: 'on_site' } },
  ])
  return { centre, manager, staff, exam }
}

test.group('Sessions · purchase order', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('lines per test for a modular product, per candidate otherwise; VAT on the total', async ({
    assert,
  }) => {
    const { exam } = await session('TEFCAN')
    const order = await orderLines(exam)
    // Factory prices: 50.00 € per test; 20 % VAT.
    assert.deepEqual(
      order.lines.map((l) => [l.label.split(' — ')[1], l.quantity, l.totalHt]),
      [
        ['CE Compréhension écrite', 2, 10000],
        ['CO Compréhension orale', 1, 5000],
        ['EO Expression orale', 1, 5000],
      ]
    )
    assert.equal(order.totalHt, 20000)
    assert.equal(order.totalVat, 4000)
    assert.equal(order.totalTtc, 24000)
    const single = await session('TEFIRN')
    const irn = await orderLines(single.exam)
    assert.deepEqual(
      irn.lines.map((l) => [l.quantity, l.unitHt]),
      [[2, 18000]]
    )
    assert.equal(irn.totalTtc, 43200)
  })

  test('the centre manager signs it online; it is locked and its signed PDF is served', async ({
    client,
    assert,
  }) => {
    const { manager, staff, exam } = await session()
    const quote = await client.get(`/sessions/${exam.id}/purchase-order`).loginAs(staff)
    quote.assertHeader('content-type', 'application/pdf')
    assert.isAtLeast((await PDFDocument.load(quote.body() as Buffer)).getPageCount(), 1)

    assert.equal(
      (await client.get(`/sessions/${exam.id}/purchase-order/sign`).loginAs(staff)).status(),
      403
    )
    const noSignature = await client
      .post(`/sessions/${exam.id}/purchase-order/sign`)
      .loginAs(manager)
      .form({ name: 'Sophie Durand', signature: '', consent: '1' })
      .withCsrfToken()
      .redirects(0)
    assert.property((noSignature.flashMessages() as any).inputErrorsBag, 'signature')
    const fake = await client
      .post(`/sessions/${exam.id}/purchase-order/sign`)
      .loginAs(manager)
      .form({
        name: 'Sophie Durand',
        signature:
          'data:image/png;base64,' +
          Buffer.from('not a png at all, just text pretending '.repeat(5)).toString('base64'),
        consent: '1',
      })
      .withCsrfToken()
      .redirects(0)
    assertFieldError(fake, 'signature', 'Signez dans le cadre avant de valider.')

    const signed = await client
      .post(`/sessions/${exam.id}/purchase-order/sign`)
      .loginAs(manager)
      .form({ name: 'Sophie Durand', signature: SIGNATURE, consent: '1' })
      .withCsrfToken()
      .redirects(0)
    assertRedirect(signed, `/sessions/${exam.id}`)
    const order = await PurchaseOrder.findByOrFail('session_id', exam.id)
    assert.equal(order.signedName, 'Sophie Durand')
    assert.equal(order.totalTtc, 24000)
    assert.equal(order.signedOn.toISODate(), DateTime.now().setZone('Europe/Paris').toISODate())
    assert.isTrue(await drive.use().exists(order.pdfKey))
    assert.exists(await AuditLog.findBy('action', 'purchase_order.signed'))

    const page = await client.get(`/sessions/${exam.id}`).loginAs(staff)
    page.assertTextIncludes('Signé')
    const pdf = await client.get(`/sessions/${exam.id}/purchase-order`).loginAs(staff)
    const stored = await drive.use().getBytes(order.pdfKey)
    assert.isTrue(
      Buffer.from(stored).equals(pdf.body() as Buffer),
      'the signed PDF is served as stored'
    )

    const again = await client
      .post(`/sessions/${exam.id}/purchase-order/sign`)
      .loginAs(manager)
      .form({ name: 'Quelqu’un', signature: SIGNATURE, consent: '1' })
      .withCsrfToken()
      .redirects(0)
    again.assertFlashMessage(
      'error',
      'Ce bon de commande est déjà signé : il ne peut plus être modifié.'
    )
    const other = await makeUser('centre_manager', [await CentreFactory.create()])
    assert.equal(
      (await client.get(`/sessions/${exam.id}/purchase-order`).loginAs(other)).status(),
      404
    )
  })
})

test.group('Sessions · documents', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('EO subjects: the manager and evaluators read them from the session day only; staff never', async ({
    client,
    assert,
  }) => {
    const { centre, manager, staff, exam } = await session()
    const evaluator = await makeUser('evaluator', [centre])
    await mkdir(app.tmpPath('test-fixtures'), { recursive: true })
    const pdf = app.tmpPath('test-fixtures', 'sujets-eo.pdf')
    const doc = await PDFDocument.create()
    doc.addPage()
    await writeFile(pdf, await doc.save())
    const text = app.tmpPath('test-fixtures', 'not-a-pdf.pdf')
    await writeFile(text, 'hello')

    const wrong = await client
      .post(`/sessions/${exam.id}/documents`)
      .loginAs(manager)
      .field('type', 'other')
      .file('file', text)
      .withCsrfToken()
      .redirects(0)
    assertFieldError(wrong, 'file', 'Le fichier doit être un pdf, un zip, une image jpeg ou png.')
    assert.equal(
      (
        await client
          .post(`/sessions/${exam.id}/documents`)
          .loginAs(staff)
          .field('type', 'eo_subject')
          .file('file', pdf)
          .withCsrfToken()
      ).status(),
      403
    )
    await client
      .post(`/sessions/${exam.id}/documents`)
      .loginAs(manager)
      .field('type', 'eo_subject')
      .file('file', pdf)
      .withCsrfToken()
    const { default: SessionDocument } = await import('#sessions/models/session_document')
    const document = await SessionDocument.findByOrFail('session_id', exam.id)
    const path = `/sessions/${exam.id}/documents/${document.id}`
    // Before the session day.
    assert.equal((await client.get(path).loginAs(manager)).status(), 403)
    assert.equal((await client.get(path).loginAs(evaluator)).status(), 403)
    const listing = await client.get(`/sessions/${exam.id}`).loginAs(staff)
    assert.notInclude(listing.text(), 'sujets-eo.pdf')
    // On the session day (now: an hour later may already be tomorrow in Paris).
    await exam.merge({ startsAt: DateTime.utc() }).save()
    const read = await client.get(path).loginAs(manager)
    read.assertStatus(200)
    read.assertHeader('content-type', 'application/pdf')
    assert.equal((await client.get(path).loginAs(evaluator)).status(), 200)
    assert.equal((await client.get(path).loginAs(staff)).status(), 403)
    const outsider = await makeUser('evaluator', [await CentreFactory.create()])
    assert.equal((await client.get(path).loginAs(outsider)).status(), 404)
  })
})
