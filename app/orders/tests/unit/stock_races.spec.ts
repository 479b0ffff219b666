import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { Candidate } from '#candidates'
import {
  assignCredit,
  changeAssignment,
  deliverOrder,
  markOrderPaid,
  placeOrder,
  removeAssignment,
  removeAssignments,
} from '#orders'
import CreditAssignment from '#orders/models/credit_assignment'
import { parseResultInput, recordResults } from '#orders/services/results'
import type { ResultInput } from '#orders/services/results'
import { lockCentreStock } from '#orders/services/stock'
import {
  CentreFactory,
  makeCandidate,
  makeCreditProduct,
  makeUser,
} from '#database/factories/index'

/**
 * Concurrent desks for real: each operation commits in its own transaction
 * (no global transaction), so that PostgreSQL's row and advisory locks
 * decide. Found by review: order statuses left wrong by sibling lines,
 * deadlocks between bulk removals, type swaps, and a result racing a desk.
 * The rows are removed afterwards.
 */
const created = { centres: [] as number[], users: [] as number[], products: [] as number[] }

async function setting() {
  const centre = await CentreFactory.create()
  const admin = await makeUser('network_admin')
  created.centres.push(centre.id)
  created.users.push(admin.id)
  return { centre, admin }
}

async function product(type: 'mock_remote' | 'demo') {
  const made = await makeCreditProduct({ type })
  created.products.push(made.id)
  return made
}

/** One delivered order with a mock_remote line and a demo line. */
async function twoLineOrder(admin: any, centreId: number, mock: number, demo: number) {
  const order = await placeOrder(
    admin,
    centreId,
    new Map([
      [(await product('mock_remote')).id, mock],
      [(await product('demo')).id, demo],
    ])
  )
  await markOrderPaid(admin, order.id)
  await deliverOrder(admin, order.id)
  return order
}

test.group('Orders · concurrent desks (committed transactions)', (group) => {
  group.each.teardown(async () => {
    for (const centreId of created.centres) {
      await db.from('credit_results').where('centre_id', centreId).delete()
      const lines = db.from('credit_order_lines').where('centre_id', centreId).select('id')
      await db.from('credit_movements').whereIn('order_line_id', lines).delete()
      await db.from('credit_assignments').where('centre_id', centreId).delete()
      await db.from('credit_order_lines').where('centre_id', centreId).delete()
      const orders = db.from('credit_orders').where('centre_id', centreId).select('id')
      await db
        .from('conversations')
        .where('subject_type', 'credit_order')
        .whereIn('subject_id', orders)
        .delete()
      await db.from('credit_orders').where('centre_id', centreId).delete()
      const candidates = db.from('candidates').where('centre_id', centreId).select('id')
      await db.from('candidate_exams').whereIn('candidate_id', candidates).delete()
      await db.from('candidates').where('centre_id', centreId).delete()
      await db.from('audit_logs').where('centre_id', centreId).delete()
      await db.from('conversations').where('centre_id', centreId).delete()
      await db.from('centres').where('id', centreId).delete()
    }
    await db.from('credit_products').whereIn('id', created.products).delete()
    await db.from('audit_logs').whereIn('actor_id', created.users).delete()
    await db.from('users').whereIn('id', created.users).delete()
    created.centres = []
    created.users = []
    created.products = []
  })

  test('the last credits of one order taken at once move it to the history', async ({ assert }) => {
    const { centre, admin } = await setting()
    let stuck = 0
    for (let round = 0; round < 10; round++) {
      const order = await twoLineOrder(admin, centre.id, 1, 1)
      const a = await makeCandidate(centre)
      const b = await makeCandidate(centre)
      await Promise.all([
        assignCredit(admin, a.id, { type: 'mock_remote' }),
        assignCredit(admin, b.id, { type: 'demo' }),
      ])
      const row = await db.from('credit_orders').where('id', order.id).first()
      if (row.status !== 'consumed') stuck++
    }
    assert.equal(stuck, 0)
  }).timeout(60_000)

  test('two bulk removals over the same lines in opposite orders do not deadlock', async ({
    assert,
  }) => {
    const { centre, admin } = await setting()
    await twoLineOrder(admin, centre.id, 20, 20)
    const first: number[] = []
    const second: number[] = []
    for (let i = 0; i < 10; i++) {
      const a = await makeCandidate(centre)
      const b = await makeCandidate(centre)
      await assignCredit(admin, a.id, { type: i % 2 ? 'demo' : 'mock_remote' })
      await assignCredit(admin, b.id, { type: i % 2 ? 'mock_remote' : 'demo' })
      first.push(a.id)
      second.push(b.id)
    }
    const outcomes = await Promise.allSettled([
      removeAssignments(admin, centre.id, first),
      removeAssignments(admin, centre.id, second),
    ])
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['fulfilled', 'fulfilled']
    )
  }).timeout(60_000)

  test('two desks swapping the types of two candidates at once both succeed', async ({
    assert,
  }) => {
    const { centre, admin } = await setting()
    await twoLineOrder(admin, centre.id, 10, 10)
    const failures: string[] = []
    for (let round = 0; round < 5; round++) {
      const a = await makeCandidate(centre)
      const b = await makeCandidate(centre)
      await assignCredit(admin, a.id, { type: 'mock_remote' })
      await assignCredit(admin, b.id, { type: 'demo' })
      const outcomes = await Promise.allSettled([
        changeAssignment(admin, a.id, { type: 'demo' }),
        changeAssignment(admin, b.id, { type: 'mock_remote' }),
      ])
      for (const o of outcomes) if (o.status === 'rejected') failures.push(String(o.reason))
      await removeAssignment(admin, a.id)
      await removeAssignment(admin, b.id)
    }
    assert.deepEqual(failures, [])
  }).timeout(60_000)

  test('the same result sent twice at once (a retry) is recorded once, both answers succeed', async ({
    assert,
  }) => {
    const { centre, admin } = await setting()
    const order = await placeOrder(
      admin,
      centre.id,
      new Map([[(await product('mock_remote')).id, 5]])
    )
    await markOrderPaid(admin, order.id)
    await deliverOrder(admin, order.id)
    const refused: string[] = []
    for (let round = 0; round < 5; round++) {
      const email = `retry${round}-${centre.id}@example.test`
      const candidate = await makeCandidate(centre, { email })
      await assignCredit(admin, candidate.id, { type: 'mock_remote' })
      const input = parseResultInput({
        result_id: `R-RETRY-${centre.id}-${round}`,
        email,
        exam_type: 'mock_remote',
        score: 640,
        passed_on: DateTime.utc().minus({ days: 1 }).toISODate(),
        validation: 'validated',
      }) as ResultInput
      const outcomes = await Promise.allSettled([
        recordResults([input], 'api', null),
        recordResults([input], 'api', null),
      ])
      for (const o of outcomes) {
        if (o.status === 'rejected') refused.push(String(o.reason))
        else if (o.value.problems.length) refused.push(JSON.stringify(o.value.problems))
      }
    }
    assert.deepEqual(refused, [])
    const [count] = await db.from('credit_results').where('centre_id', centre.id).count('* as n')
    assert.equal(Number(count.n), 5)
  }).timeout(60_000)

  test('a result arriving while a desk removes the same credit waits, no deadlock', async ({
    assert,
  }) => {
    const { centre, admin } = await setting()
    const order = await placeOrder(
      admin,
      centre.id,
      new Map([[(await product('mock_remote')).id, 1]])
    )
    await markOrderPaid(admin, order.id)
    await deliverOrder(admin, order.id)
    const email = `lockorder-${centre.id}@example.test`
    const candidate = await makeCandidate(centre, { email })
    await assignCredit(admin, candidate.id, { type: 'mock_remote' })
    // The desk's path: the centre's stock lock, the candidate, then its credit.
    const desk = await db.transaction()
    await lockCentreStock(desk, [centre.id])
    await Candidate.query({ client: desk }).where('id', candidate.id).forUpdate()
    const platform = recordResults(
      [
        parseResultInput({
          result_id: `R-LOCK-${centre.id}`,
          email,
          exam_type: 'mock_remote',
          score: 500,
          passed_on: DateTime.utc().minus({ days: 1 }).toISODate(),
          validation: 'validated',
        }) as ResultInput,
      ],
      'api',
      null
    )
    await new Promise((resolve) => setTimeout(resolve, 300))
    await CreditAssignment.query({ client: desk })
      .where('candidate_id', candidate.id)
      .where('status', 'planned')
      .forUpdate()
      .first()
    await desk.rollback()
    const outcome = await platform
    assert.deepEqual(outcome.problems, [])
    assert.deepEqual(outcome.outcomes, ['created'])
  }).timeout(30_000)
})
