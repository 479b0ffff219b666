import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import i18nManager from '@adonisjs/i18n/services/main'
import { DateTime } from 'luxon'
import { type Candidate } from '#candidates'
import {
  assignCredit,
  assignCredits,
  changeAssignment,
  expireAssignments,
  expireCredits,
  removeAssignment,
  removeAssignments,
  stockOf,
} from '#orders'
import {
  CentreFactory,
  makeCandidate,
  makeCreditProduct,
  makeCreditStock,
  makeUser,
} from '#database/factories/index'

/** Σ movements of each line of a centre = its remaining count (the ledger balances). */
async function assertLedgerBalances(assert: any, centreId: number) {
  const lines = await db.from('credit_order_lines').where('centre_id', centreId)
  for (const line of lines) {
    const [sum] = await db
      .from('credit_movements')
      .where('order_line_id', line.id)
      .sum('quantity as total')
    assert.equal(Number(sum.total ?? 0), Number(line.remaining), `line ${line.id}`)
    assert.isAtLeast(Number(line.remaining), 0)
  }
}

async function remaining(centreId: number) {
  const manager = await makeUser('network_admin')
  const stock = await stockOf(manager, { centreId })
  return stock.reduce((sum, row) => sum + row.remaining, 0)
}

test.group('Orders · stock and assignments', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('delivery puts the credits in stock with their expiry; the ledger records it', async ({
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const { order } = await makeCreditStock(
      centre,
      10,
      await makeCreditProduct({ validityMonths: 6 })
    )
    assert.equal(await remaining(centre.id), 10)
    await order.refresh()
    assert.equal(order.status, 'delivered')
    const [line] = await db.from('credit_order_lines').where('order_id', order.id)
    const expected = DateTime.now().setZone('Europe/Paris').plus({ months: 6 }).toISODate()
    assert.equal(
      String(
        line.expires_on instanceof Date
          ? DateTime.fromJSDate(line.expires_on).toISODate()
          : line.expires_on
      ).slice(0, 10),
      expected
    )
    await assertLedgerBalances(assert, centre.id)
  })

  test('an assignment takes the credit that expires first, and a removal gives it back', async ({
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const admin = await makeUser('network_admin')
    const product = await makeCreditProduct({ validityMonths: 12 })
    const early = await makeCreditProduct({ validityMonths: 2, type: 'mock_remote' })
    await makeCreditStock(centre, 3, product, admin)
    await makeCreditStock(centre, 2, early, admin)
    const candidate = await makeCandidate(centre)
    const assignment = await assignCredit(admin, candidate.id, { type: 'mock_remote' })
    const line = await db.from('credit_order_lines').where('id', assignment.orderLineId).first()
    assert.equal(line.name, early.name)
    assert.equal(await remaining(centre.id), 4)
    await candidate.refresh()
    assert.equal(candidate.examStatus, 'planned')
    assert.equal(candidate.examType, 'Examen blanc - à distance')

    const returned = await removeAssignment(admin, candidate.id)
    assert.isTrue(returned)
    assert.equal(await remaining(centre.id), 5)
    await candidate.refresh()
    assert.equal(candidate.examStatus, 'to_assign')
    await assertLedgerBalances(assert, centre.id)
  })

  test('a candidate with a pending exam gets no second credit', async ({ assert }) => {
    const centre = await CentreFactory.create()
    const admin = await makeUser('network_admin')
    await makeCreditStock(centre, 5, undefined, admin)
    const candidate = await makeCandidate(centre)
    await assignCredit(admin, candidate.id, { type: 'mock_remote' })
    await assert.rejects(
      () => assignCredit(admin, candidate.id, { type: 'mock_remote' }),
      /credit_candidate_pending/
    )
    assert.equal(await remaining(centre.id), 4)
  })

  test('an on-site exam needs a date, not in the past nor after the credit expires', async ({
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const admin = await makeUser('network_admin')
    const onSite = await makeCreditProduct({ type: 'official_approved', validityMonths: 1 })
    await makeCreditStock(centre, 2, onSite, admin)
    const candidate = await makeCandidate(centre)
    await assert.rejects(
      () => assignCredit(admin, candidate.id, { type: 'official_approved' }),
      /credit_exam_date_required/
    )
    await assert.rejects(
      () =>
        assignCredit(admin, candidate.id, {
          type: 'official_approved',
          examDate: DateTime.utc().minus({ days: 2 }),
        }),
      /credit_exam_date_past/
    )
    await assert.rejects(
      () =>
        assignCredit(admin, candidate.id, {
          type: 'official_approved',
          examDate: DateTime.utc().plus({ months: 3 }),
        }),
      /credit_none_valid_on_date/
    )
    assert.equal(await remaining(centre.id), 2)
    const assignment = await assignCredit(admin, candidate.id, {
      type: 'official_approved',
      examDate: DateTime.utc().plus({ days: 7 }),
    })
    assert.match(assignment.activationCode!, /^[A-Z2-9]{3}-[A-Z2-9]{3}-[A-Z2-9]{3}$/)
  })

  test('bulk assignment is all or none, within the stock', async ({ assert }) => {
    const centre = await CentreFactory.create()
    const admin = await makeUser('network_admin')
    await makeCreditStock(centre, 2, undefined, admin)
    const a = await makeCandidate(centre)
    const b = await makeCandidate(centre)
    const c = await makeCandidate(centre)
    await assert.rejects(
      () => assignCredits(admin, centre.id, [a.id, b.id, c.id], { type: 'mock_remote' }),
      /credit_out_of_stock/
    )
    assert.equal(await remaining(centre.id), 2)
    await assignCredits(admin, centre.id, [a.id, b.id], { type: 'mock_remote' })
    assert.equal(await remaining(centre.id), 0)
    await removeAssignments(admin, centre.id, [a.id, b.id])
    assert.equal(await remaining(centre.id), 2)
    await assertLedgerBalances(assert, centre.id)
  })

  test('a candidate of another centre cannot be part of a bulk action', async ({ assert }) => {
    const centre = await CentreFactory.create()
    const other = await CentreFactory.create()
    const admin = await makeUser('network_admin')
    await makeCreditStock(centre, 2, undefined, admin)
    const stranger = await makeCandidate(other)
    await assert.rejects(
      () => assignCredits(admin, centre.id, [stranger.id], { type: 'mock_remote' }),
      /candidate_not_found/
    )
  })

  test('changing the type returns the credit and takes one of the new type, atomically', async ({
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const admin = await makeUser('network_admin')
    await makeCreditStock(centre, 1, undefined, admin)
    const demo = await makeCreditProduct({ type: 'demo' })
    await makeCreditStock(centre, 1, demo, admin)
    const candidate = await makeCandidate(centre)
    await assignCredit(admin, candidate.id, { type: 'mock_remote' })
    await changeAssignment(admin, candidate.id, { type: 'demo' })
    const stock = await stockOf(admin, { centreId: centre.id })
    assert.deepEqual(
      stock.map((row) => [row.type, row.remaining]),
      [['mock_remote', 1]]
    )
    // No demo credit left: the change is refused and the current credit kept.
    const other = await makeCandidate(centre)
    await assignCredit(admin, other.id, { type: 'mock_remote' })
    await assert.rejects(
      () => changeAssignment(admin, other.id, { type: 'demo' }),
      /credit_out_of_stock/
    )
    await other.refresh()
    assert.equal(other.examStatus, 'planned')
    await assertLedgerBalances(assert, centre.id)
  })

  test('expired credits leave the stock, in the ledger; pending ones become expired', async ({
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const admin = await makeUser('network_admin')
    const { order } = await makeCreditStock(centre, 3, undefined, admin)
    const candidate = await makeCandidate(centre)
    await assignCredit(admin, candidate.id, { type: 'mock_remote' })
    await db
      .from('credit_order_lines')
      .where('order_id', order.id)
      .update({ expires_on: DateTime.utc().minus({ days: 1 }).toISODate() })
    const result = await expireCredits(expireAssignments)
    assert.equal(result.credits, 2)
    assert.equal(result.assignments, 1)
    assert.equal(await remaining(centre.id), 0)
    await candidate.refresh()
    assert.equal(candidate.examStatus, 'expired')
    await order.refresh()
    assert.equal(order.status, 'consumed')
    const kinds = await db
      .from('credit_movements')
      .join('credit_order_lines', 'credit_order_lines.id', 'credit_movements.order_line_id')
      .where('credit_order_lines.order_id', order.id)
      .orderBy('credit_movements.id')
      .select('credit_movements.kind', 'credit_movements.quantity')
    assert.deepEqual(
      kinds.map((k) => [k.kind, Number(k.quantity)]),
      [
        ['delivered', 3],
        ['assigned', -1],
        ['expired', -2],
      ]
    )
    await assertLedgerBalances(assert, centre.id)
    // Removing an expired assignment frees the candidate; nothing returns to stock.
    assert.isFalse(await removeAssignment(admin, candidate.id))
    assert.equal(await remaining(centre.id), 0)
    await candidate.refresh()
    assert.equal(candidate.examStatus, 'to_assign')
  })
})

/**
 * Real concurrency: 20 assignments at once on a stock of 5, each in its own
 * transaction (committed, then removed), so that the row locks decide.
 */
test.group('Orders · concurrent assignments', (group) => {
  let centreId: number | null = null
  let productId: number | null = null
  group.each.teardown(async () => {
    if (!centreId) return
    const lines = db.from('credit_order_lines').where('centre_id', centreId).select('id')
    await db.from('credit_movements').whereIn('order_line_id', lines).delete()
    await db.from('credit_assignments').where('centre_id', centreId).delete()
    await db.from('credit_order_lines').where('centre_id', centreId).delete()
    await db.from('credit_orders').where('centre_id', centreId).delete()
    if (productId) await db.from('credit_products').where('id', productId).delete()
    const candidates = db.from('candidates').where('centre_id', centreId).select('id')
    await db.from('candidate_exams').whereIn('candidate_id', candidates).delete()
    await db.from('candidates').where('centre_id', centreId).delete()
    await db.from('audit_logs').where('centre_id', centreId).delete()
    await db.from('centres').where('id', centreId).delete()
  })

  test('20 concurrent assignments at a stock of 5: 5 succeed, 15 are refused, the ledger balances', async ({
    assert,
  }) => {
    const centre = await CentreFactory.create()
    centreId = centre.id
    const admin = await makeUser('network_admin')
    const product = await makeCreditProduct()
    productId = product.id
    await makeCreditStock(centre, 5, product, admin)
    const candidates: Candidate[] = []
    for (let i = 0; i < 20; i++) candidates.push(await makeCandidate(centre))
    const results = await Promise.allSettled(
      candidates.map((candidate) => assignCredit(admin, candidate.id, { type: 'mock_remote' }))
    )
    const refused = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[]
    assert.equal(results.length - refused.length, 5)
    assert.lengthOf(refused, 15)
    const i18n = i18nManager.locale('fr')
    for (const failure of refused) {
      assert.equal(failure.reason.code, 'credit_out_of_stock')
      assert.include(
        i18n.t(`errors.${failure.reason.code}`, { type: 'x' }),
        'Plus aucune certification'
      )
    }
    assert.equal(await remaining(centre.id), 0)
    const planned = await db
      .from('credit_assignments')
      .where('centre_id', centre.id)
      .where('status', 'planned')
    assert.lengthOf(planned, 5)
    assert.lengthOf(new Set(planned.map((p) => p.candidate_id)), 5)
    await assertLedgerBalances(assert, centre.id)
    await db.from('users').where('id', admin.id).delete()
  })
})
