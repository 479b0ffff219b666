import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import ProfessionalSituation from '#passports/models/professional_situation'
import {
  CentreFactory,
  frameworkNodeId,
  makeDivision,
  makeFramework,
  makeUser,
} from '#database/factories/index'
import { expectStatus } from '#tests/helpers/http'
import { pagesText } from '#tests/helpers/pdf'

/** Léa has an E4 situation (S211 / C21.1) and an E6 one (S111 / C11.1). */
async function school() {
  const centre = await CentreFactory.merge({ name: 'Lycée Jules-Verne' }).create()
  const version = await makeFramework([centre], await makeUser('network_admin'))
  const lea = await makeUser('learner', [centre], { firstName: 'Léa', lastName: 'Aubert' })
  const teacher = await makeUser('teacher', [centre])
  await makeDivision(centre, 'BTS COM 1', [teacher, lea])
  const id = (table: 'situations' | 'competences', code: string) =>
    frameworkNodeId(version.id, table, code)
  const situation = async (code: string, competence: string, title: string, description: string) =>
    ProfessionalSituation.create({
      userId: lea.id,
      centreId: centre.id,
      situationId: await id('situations', code),
      competenceId: await id('competences', competence),
      title,
      project: false,
      description,
      location: 'organisation',
      startsOn: DateTime.utc(2026, 10, 5),
      endsOn: DateTime.utc(2026, 10, 9),
      source: 'internship',
      kind: 'lived',
      tasks: 'Préparer les outils de prospection',
      actors: [{ name: 'M. Durand', role: 'Maître de stage' }],
      complexities: [],
      hazards: [],
      result: 'partial',
      appreciation: 'Outils pertinents.',
      evaluatedBy: teacher.id,
      evaluatedAt: DateTime.utc(),
    })
  await situation(
    'S211',
    'C21.1',
    'Outils PRECOM',
    'Commercialiser les pages Nouvel an du quotidien.'
  )
  await situation(
    'S111',
    'C11.1',
    'Brief Grassin',
    'Brief de la société Grassin pour ses cent ans.'
  )
  return { centre, lea, teacher, id }
}

test.group('Passports · the printable passport per exam unit', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the E4 passport holds the E4 situations with their four tabs and no E6 competence (read back with pdf.js)', async ({
    client,
    assert,
  }) => {
    const s = await school()
    const choose = await client.get('/my/passport/print?unit=E4').loginAs(s.lea)
    choose.assertTextIncludes('C21.1')
    choose.assertTextIncludes('C22.1')
    assert.notInclude(choose.text(), 'C11.1')
    // C32.x are assessed in E5: never printed.
    assert.notInclude(choose.text(), 'C32.1')

    const response = await client
      .get(`/my/passport/print.pdf?unit=E4&competences[]=${await s.id('competences', 'C21.1')}`)
      .loginAs(s.lea)
    response.assertHeader('content-type', 'application/pdf')
    const text = (await pagesText(response.body() as Buffer)).join(' ')
    assert.include(text, 'Passeport professionnel — E4')
    assert.include(text, 'AUBERT Léa')
    assert.include(text, 'Lycée Jules-Verne')
    assert.include(text, 'Commercialiser les pages Nouvel an du quotidien.')
    assert.include(text, 'Préparer les outils de prospection')
    assert.include(text, 'M. Durand — Maître de stage')
    assert.include(text, 'Réussite partielle')
    assert.notInclude(text, 'Brief Grassin')
    assert.notInclude(text, 'C11.1')
    // Only the competences chosen: C22.1 left out.
    assert.notInclude(text, 'C22.1')

    const e6 = (
      await pagesText(
        (await client.get('/my/passport/print.pdf?unit=E6').loginAs(s.lea)).body() as Buffer
      )
    ).join(' ')
    assert.include(e6, 'Brief Grassin')
    assert.notInclude(e6, 'Outils PRECOM')
  })

  test('a jury member (teacher of the class) reads the same per unit on screen; others are refused', async ({
    client,
    assert,
  }) => {
    const s = await school()
    const jury = await client
      .get(`/pro-passports/learners/${s.lea.id}/passport?unit=E6`)
      .loginAs(s.teacher)
    jury.assertTextIncludes('Brief Grassin')
    jury.assertTextIncludes('Brief de la société Grassin pour ses cent ans.')
    assert.notInclude(jury.text(), 'Outils PRECOM')
    const pdf = await client
      .get(`/pro-passports/learners/${s.lea.id}/passport.pdf?unit=E6`)
      .loginAs(s.teacher)
    pdf.assertHeader('content-type', 'application/pdf')

    const stranger = await makeUser('teacher', [await CentreFactory.create()])
    await expectStatus(
      client.get(`/pro-passports/learners/${s.lea.id}/passport`).loginAs(stranger),
      404
    )
    await expectStatus(
      client.get(`/pro-passports/learners/${s.lea.id}/passport.pdf`).loginAs(stranger),
      404
    )
    await expectStatus(
      client.get(`/pro-passports/learners/${s.lea.id}/passport`).loginAs(s.lea),
      403
    )
    await expectStatus(client.get('/my/passport/print.pdf').loginAs(s.teacher), 403)
    await expectStatus(client.get('/my/passport/print').redirects(0), 302)
    // Another learner prints its own passport, never Léa's.
    const hugo = await makeUser('learner', [s.centre])
    const other = (
      await pagesText(
        (await client.get('/my/passport/print.pdf?unit=E4').loginAs(hugo)).body() as Buffer
      )
    ).join(' ')
    assert.notInclude(other, 'Outils PRECOM')
  })
})
