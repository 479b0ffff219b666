import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import hash from '@adonisjs/core/services/hash'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createHash } from 'node:crypto'
import DemoBig from '#commands/demo_big'
import { DEMO_PASSWORD } from '#database/demo'
import { SHOWCASE_SESSION_SIZE, targetsFor } from '#database/demo_big/plan'

/** 4 centres, 20 users, 1,200 candidates, 80 sessions, 4,000 registrations, 800 credits. */
const SCALE = 0.004
const TODAY = '2026-03-02'

/**
 * The command runs inside each test's global transaction (`--append`: next
 * to whatever the suite left, no migration, no small demo), so everything it
 * writes is rolled back and the other groups never see it.
 */
async function demoBig(seed: number) {
  const command = await ace.create(DemoBig, [
    '--seed',
    String(seed),
    '--scale',
    String(SCALE),
    '--today',
    TODAY,
    '--append',
  ])
  command.ui.switchMode('raw')
  await command.exec()
  command.assertSucceeded()
  return command
}

/** The generated network's centres (contact@<code>.demo-big.test), the first one's id. */
async function generatedCentres() {
  const rows = await db
    .from('centres')
    .whereLike('contact_email', '%.demo-big.test')
    .orderBy('id')
    .select('id')
  return rows.map((row) => Number(row.id))
}

async function count(query: any) {
  const row = await query.count('* as total').first()
  return Number(row?.total ?? 0)
}

const day = (value: unknown) =>
  value instanceof Date
    ? `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`
    : String(value ?? '').slice(0, 10)

/**
 * A fingerprint of what was generated, with ids taken relative to the
 * first one (another run, another database: other ids, same data).
 */
async function fingerprint(centres: number[]) {
  const digest = createHash('sha256')
  const candidates = await db
    .from('candidates')
    .whereIn('centre_id', centres)
    .orderBy('id')
    .select('id', 'first_name', 'last_name', 'birth_date', 'exam_status', 'exam_score', 'email')
  const first = Number(candidates[0].id)
  for (const c of candidates)
    digest.update(
      [
        Number(c.id) - first,
        c.first_name,
        c.last_name,
        day(c.birth_date),
        c.exam_status,
        c.exam_score,
        c.email,
      ].join('|')
    )
  const registrations = await db
    .from('registrations')
    .join('exam_sessions', 'exam_sessions.id', 'registrations.session_id')
    .whereIn('exam_sessions.centre_id', centres)
    .orderBy('registrations.id')
    .select(
      'registrations.candidate_id',
      'registrations.number',
      'registrations.access_code',
      'registrations.status',
      'registrations.created_at'
    )
  for (const r of registrations)
    digest.update(
      [
        Number(r.candidate_id) - first,
        r.number,
        r.access_code,
        r.status,
        String(r.created_at),
      ].join('|')
    )
  const lines = await db
    .from('credit_order_lines')
    .whereIn('centre_id', centres)
    .orderBy('id')
    .select('type', 'quantity', 'remaining', 'expires_on')
  for (const l of lines)
    digest.update([l.type, l.quantity, l.remaining, day(l.expires_on)].join('|'))
  return {
    digest: digest.digest('hex'),
    firstNames: candidates.slice(0, 5).map((c) => `${c.first_name} ${c.last_name}`),
  }
}

let firstRun: Awaited<ReturnType<typeof fingerprint>> | null = null

test.group('demo:big', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.timeout(120_000)

  test('a small network in proportion to --scale, its data consistent', async ({ assert }) => {
    await demoBig(7)
    const targets = targetsFor(SCALE)
    const centres = await generatedCentres()
    assert.lengthOf(centres, targets.centres)
    const ours = (table: string, column = 'centre_id') => db.from(table).whereIn(column, centres)

    // Counts.
    assert.equal(await count(db.from('users').whereLike('email', '%@demo-big.test')), targets.users)
    assert.equal(await count(ours('candidates')), targets.candidates)
    assert.equal(await count(ours('exam_sessions')), targets.sessions)
    const registrations = () =>
      db
        .from('registrations')
        .join('exam_sessions', 'exam_sessions.id', 'registrations.session_id')
        .whereIn('exam_sessions.centre_id', centres)
    assert.equal(await count(registrations()), targets.registrations)
    const credits = await count(ours('credit_assignments'))
    assert.isAtMost(credits, targets.credits)
    assert.isAtLeast(credits, targets.credits * 0.95)
    assert.equal(
      await count(
        db
          .from('evaluation_grades')
          .join('evaluations', 'evaluations.id', 'evaluation_grades.evaluation_id')
          .whereIn('evaluations.centre_id', centres)
      ),
      targets.grades
    )
    // The heavy session page exists; every user logs in with the demo password.
    const sizes = await registrations()
      .groupBy('registrations.session_id')
      .select('registrations.session_id')
      .count('* as total')
    assert.include(
      sizes.map((s) => Number(s.total)),
      SHOWCASE_SESSION_SIZE
    )
    const admin = await db.from('users').where('email', 'admin@demo-big.test').first()
    assert.isTrue(await hash.verify(admin.password, DEMO_PASSWORD))

    // Registrations: to a session of the candidate's own centre, within its seats.
    assert.equal(
      await count(
        registrations()
          .join('candidates', 'candidates.id', 'registrations.candidate_id')
          .whereColumn('candidates.centre_id', '<>', 'exam_sessions.centre_id')
      ),
      0
    )
    const overbooked = await ours('exam_sessions').whereRaw(
      "seats < (select count(*) from registrations r where r.session_id = exam_sessions.id and r.status <> 'cancelled')"
    )
    assert.lengthOf(overbooked, 0)
    assert.equal(
      await count(
        registrations().whereNotExists((q) =>
          q
            .from('registration_tests')
            .whereColumn('registration_tests.registration_id', 'registrations.id')
        )
      ),
      0
    )
    // Results only once a session is corrected; attestations only for published ones.
    assert.equal(
      await count(
        registrations()
          .join('registration_results', 'registration_results.registration_id', 'registrations.id')
          .whereNotIn('exam_sessions.status', ['in_correction', 'results_published'])
      ),
      0
    )
    assert.equal(
      await count(
        registrations()
          .join('attestations', 'attestations.registration_id', 'registrations.id')
          .whereNot('exam_sessions.status', 'results_published')
      ),
      0
    )
    assert.isAbove(await count(ours('attestations')), 0)

    // The credit ledger: Σ movements of a line = what it holds, never below zero.
    const ledger = await ours('credit_order_lines').whereRaw(
      'remaining <> coalesce((select sum(m.quantity) from credit_movements m where m.order_line_id = credit_order_lines.id), 0) or remaining < 0'
    )
    assert.lengthOf(ledger, 0)
    assert.equal(
      await count(
        ours('credit_order_lines').where('remaining', '>', 0).where('expires_on', '<', TODAY)
      ),
      0
    )
    // A consumed order holds nothing; a delivered one still does.
    const orders = await ours('credit_orders')
      .whereIn('status', ['delivered', 'consumed'])
      .select('status')
      .select(
        db.raw(
          '(select count(*) from credit_order_lines l where l.order_id = credit_orders.id and l.remaining > 0) as holding'
        )
      )
    assert.isAbove(orders.length, 0)
    for (const order of orders)
      assert.equal(order.status, Number(order.holding) > 0 ? 'delivered' : 'consumed')

    // A candidate's summary is its latest exam that was not cancelled.
    const summaries = await ours('candidates').whereRaw(
      "exam_status <> coalesce((select e.status from candidate_exams e where e.candidate_id = candidates.id and e.status <> 'cancelled' order by e.id desc limit 1), 'to_assign')"
    )
    assert.lengthOf(summaries, 0)
    const statuses = new Set(
      (await ours('candidates').distinct('exam_status')).map((row) => row.exam_status)
    )
    for (const status of ['to_assign', 'planned', 'passed']) assert.isTrue(statuses.has(status))

    firstRun = await fingerprint(centres)
  })

  test('the same seed and day give the same network', async ({ assert }) => {
    await demoBig(7)
    const again = await fingerprint(await generatedCentres())
    assert.isNotNull(firstRun)
    assert.deepEqual(again.firstNames, firstRun!.firstNames)
    assert.equal(again.digest, firstRun!.digest)
  })

  test('another seed gives another network', async ({ assert }) => {
    await demoBig(8)
    const other = await fingerprint(await generatedCentres())
    assert.notEqual(other.digest, firstRun!.digest)
  })

  test('refuses a database that holds data, unless --fresh or --append', async ({ assert }) => {
    await db.table('users').insert({
      first_name: 'Déjà',
      last_name: 'Là',
      email: 'deja.la@example.test',
      role: 'network_admin',
      status: 'active',
      locale: 'fr',
      created_at: '2026-01-01 00:00:00',
      updated_at: '2026-01-01 00:00:00',
    })
    const command = await ace.create(DemoBig, ['--scale', String(SCALE)])
    command.ui.switchMode('raw')
    await command.exec()
    assert.equal(command.exitCode, 1)
    assert.isTrue(
      command.ui.logger.getLogs().some((log) => log.message.includes('already holds data'))
    )
    assert.lengthOf(await generatedCentres(), 0)
  })
})
