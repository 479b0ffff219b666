import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import { ExamSubject, GridCriterion, Product, Registration } from '#sessions'
import AuditLog from '#shared/audit/audit_log'
import { CentreFactory, makeSession, makeRegistration, makeUser } from '#database/factories/index'

const CEFR = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2']
let subjects = 0

/** Two registrations to a held TEF session, with a two-criterion grid and a subject for EO-A and EO-B. */
async function setup() {
  const centre = await CentreFactory.create()
  const session = await makeSession(centre)
  const registration = await makeRegistration(centre, session)
  const second = await makeRegistration(centre, session)
  await session
    .merge({ startsAt: DateTime.utc().minus({ hours: 1 }), status: 'registrations_closed' })
    .save()
  const evaluator = await makeUser('evaluator', [centre])
  const tef = await Product.findByOrFail('code', 'TEFCAN')
  const parts: Record<string, { subject: number; criteria: number[] }> = {}
  for (const part of ['EO-A', 'EO-B']) {
    const criteria = []
    for (const [index, label] of ['Lexique', 'Phonologie'].entries())
      criteria.push(
        await GridCriterion.create({
          productId: tef.id,
          part,
          label,
          levels: CEFR,
          position: index + 1,
          active: true,
        })
      )
    const subject = await ExamSubject.create({
      productId: tef.id,
      part,
      code: `S${++subjects}`,
      title: `Sujet ${part}`,
      instructions: null,
      active: true,
    })
    parts[part] = { subject: subject.id, criteria: criteria.map((c) => c.id) }
  }
  return { centre, registration, second, evaluator, parts }
}

type Setup = Awaited<ReturnType<typeof setup>>

async function resultsOf(registrationId: number) {
  const registration = await Registration.query()
    .where('id', registrationId)
    .preload('results')
    .firstOrFail()
  return registration.results
}

function grade(
  client: any,
  s: Setup,
  part: string,
  levels: [string, string],
  registrationId = s.registration.id
) {
  return client
    .put(`/passport/registrations/${registrationId}/parts/${part}`)
    .loginAs(s.evaluator)
    .header('Accept', 'application/json')
    .json({
      subjectId: s.parts[part].subject,
      grid: { [s.parts[part].criteria[0]]: levels[0], [s.parts[part].criteria[1]]: levels[1] },
    })
    .withCsrfToken()
}

test.group('Passports · the EO grids give the EO result', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('once both sections are graded, the EO score and level come from the grids; a new grading replaces them', async ({
    client,
    assert,
  }) => {
    const s = await setup()
    const first = await grade(client, s, 'EO-A', ['B1', 'B2'])
    first.assertStatus(200)
    assert.isNull(first.body().result)
    assert.lengthOf(await resultsOf(s.registration.id), 0)

    // (3 + 4 + 3 + 5) / 6 / 4 × 450 = 281.25; mean rank 2.75 → B1.
    const second = await grade(client, s, 'EO-B', ['B1', 'C1'])
    second.assertStatus(200)
    assert.deepEqual(second.body().result, { state: 'recorded', score: 281, level: 'B1' })
    const [result] = await resultsOf(s.registration.id)
    assert.deepInclude(result.serialize(), {
      testCode: 'EO',
      score: 281,
      level: 'B1',
      source: 'passport',
      enteredBy: s.evaluator.id,
    })

    const again = await grade(client, s, 'EO-B', ['C2', 'C2'])
    assert.deepEqual(again.body().result, { state: 'recorded', score: 356, level: 'B2' })
    const same = await grade(client, s, 'EO-B', ['C2', 'C2'])
    assert.equal(same.body().result.state, 'unchanged')
    assert.lengthOf(await resultsOf(s.registration.id), 1)
    const audits = await AuditLog.query()
      .where('action', 'registration.results_entered')
      .where('entity_id', String(s.registration.id))
      .orderBy('id')
    assert.deepEqual(
      audits.map((a) => [a.before, a.after]),
      [
        [{ EO: '' }, { EO: '281 B1', source: 'passport' }],
        [{ EO: '281 B1' }, { EO: '356 B2', source: 'passport' }],
      ]
    )
  })

  test('a result the network entered is kept; an exempted EO gets none', async ({
    client,
    assert,
  }) => {
    const s = await setup()
    await s.registration.related('results').create({
      testCode: 'EO',
      score: 400,
      level: 'C1',
      source: 'manual',
    })
    await grade(client, s, 'EO-A', ['A1', 'A1'])
    const kept = await grade(client, s, 'EO-B', ['A1', 'A1'])
    assert.deepEqual(kept.body().result, { state: 'kept' })
    const [result] = await resultsOf(s.registration.id)
    assert.equal(result.score, 400)
    assert.equal(result.source, 'manual')

    const other = s.second
    await other.load('tests')
    await other.tests
      .find((t) => t.testCode === 'EO')!
      .merge({ exempt: true })
      .save()
    await grade(client, s, 'EO-A', ['B1', 'B1'], other.id)
    const exempt = await grade(client, s, 'EO-B', ['B1', 'B1'], other.id)
    assert.deepEqual(exempt.body().result, { state: 'not_marked' })
    assert.lengthOf(await resultsOf(other.id), 0)
  })

  test('the results page tells the network which scores came from the passport', async ({
    client,
    assert,
  }) => {
    const s = await setup()
    await grade(client, s, 'EO-A', ['B2', 'B2'])
    await grade(client, s, 'EO-B', ['B2', 'B2'])
    const admin = await makeUser('network_admin')
    const page = await client.get(`/sessions/${s.registration.sessionId}/results`).loginAs(admin)
    page.assertStatus(200)
    const cell = page.text().match(/<td data-test="EO">([\s\S]*?)<\/td>/)?.[1] ?? ''
    assert.include(cell, '300 <strong>B2</strong>')
    assert.include(cell, 'data-testid="from-passport"')
    assert.notInclude(
      page.text().match(/<td data-test="CE">([\s\S]*?)<\/td>/)?.[1] ?? '',
      'from-passport'
    )
  })
})
