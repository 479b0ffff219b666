import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import ExamPassport from '#passports/models/exam_passport'
import PassportMedia from '#passports/models/passport_media'
import { CentreFactory, makeRegistration, makeSession, makeUser } from '#database/factories/index'
import { assertTextExcludes, expectStatus } from '#tests/helpers/http'

/** A captured item, as if uploaded. */
async function captured(
  passport: ExamPassport,
  kind: 'photo' | 'signature' | 'clip',
  part?: string
) {
  return PassportMedia.create({
    passportId: passport.id,
    kind,
    part: part ?? null,
    clientId: `${kind}-${part ?? 'x'}-${Math.random().toString(36).slice(2, 10)}`,
    storageKey: `passports/${passport.id}/${kind}.bin`,
    mime: kind === 'clip' ? 'audio/webm' : 'image/jpeg',
    size: 100,
    sha256: 'a'.repeat(64),
    durationMs: null,
    capturedAt: DateTime.utc(),
    capturedBy: null,
    uploadedAt: DateTime.utc(),
    purgedAt: null,
  })
}

test.group('Passports · sessions in progress and their candidates', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("the examiner sees its centres' sessions of today and the last days, with each candidate's progress", async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const today = await makeSession(centre)
    const old = await makeSession(centre, {
      startsAt: DateTime.utc().minus({ days: 30 }),
      status: 'passed',
    })
    const ahead = await makeSession(centre, { startsAt: DateTime.utc().plus({ days: 10 }) })
    const elsewhere = await makeSession(await CentreFactory.create(), {
      startsAt: DateTime.utc().minus({ hours: 1 }),
      status: 'registrations_closed',
    })
    const done = await makeRegistration(centre, today)
    const started = await makeRegistration(centre, today)
    // Registered while open; the exam is today.
    today.merge({ startsAt: DateTime.utc().minus({ hours: 1 }), status: 'registrations_closed' })
    await today.save()
    const evaluator = await makeUser('evaluator', [centre])

    const passport = await ExamPassport.create({ registrationId: done.id, centreId: centre.id })
    await captured(passport, 'photo')
    await captured(passport, 'signature')
    await captured(passport, 'clip', 'EO-A')
    await captured(passport, 'clip', 'EO-A')
    await captured(passport, 'clip', 'EO-B')
    for (const part of ['EO-A', 'EO-B'])
      await db.table('passport_parts').insert({
        passport_id: passport.id,
        part,
        subject_id: null,
        grid: '{}',
        graded_at: DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss'),
        graded_by: evaluator.id,
      })
    const other = await ExamPassport.create({ registrationId: started.id, centreId: centre.id })
    await captured(other, 'photo')
    await captured(other, 'clip', 'EO-B')

    const list = await client.get('/passport').loginAs(evaluator)
    list.assertTextIncludes(String(today.number))
    list.assertTextIncludes('2 candidats')
    list.assertTextIncludes('1 sur 2 passeports complets')
    for (const hidden of [old, ahead, elsewhere]) assertTextExcludes(list, String(hidden.number))

    const page = await client.get(`/passport/sessions/${today.id}`).loginAs(evaluator)
    const rows = page.text().split('data-testid="passport-row"').slice(1)
    assert.lengthOf(rows, 2)
    const [first, second] = rows
    assert.include(first, 'Complet')
    assert.include(first, 'Section A : reçu (2 bandes son, grille validée)')
    assert.include(second, 'Photo : reçu')
    assert.include(second, 'Signature : manquant')
    assert.include(second, 'Section B : manquant (1 bande son, grille à remplir)')
    assert.include(second, 'Incomplet')
  })

  test('only the centre’s examiners, managers and staff open them', async ({ client }) => {
    const centre = await CentreFactory.create()
    const session = await makeSession(centre, {
      startsAt: DateTime.utc().minus({ hours: 1 }),
      status: 'registrations_closed',
    })
    for (const role of ['evaluator', 'centre_manager', 'centre_staff'] as const) {
      const user = await makeUser(role, [centre])
      await expectStatus(client.get('/passport').loginAs(user), 200)
      await expectStatus(client.get(`/passport/sessions/${session.id}`).loginAs(user), 200)
    }
    for (const role of ['teacher', 'learner', 'account_manager'] as const) {
      const user = await makeUser(role, [centre])
      await expectStatus(client.get('/passport').loginAs(user), 403)
    }
    const stranger = await makeUser('evaluator', [await CentreFactory.create()])
    await expectStatus(client.get(`/passport/sessions/${session.id}`).loginAs(stranger), 404)
  })
})
