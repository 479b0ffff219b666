import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import CompetenceLock from '#passports/models/competence_lock'
import ProfessionalSituation from '#passports/models/professional_situation'
import AuditLog from '#shared/audit/audit_log'
import {
  CentreFactory,
  frameworkNodeId,
  makeDivision,
  makeFramework,
  makeUser,
} from '#database/factories/index'
import { assertFieldError, assertRedirect, expectStatus } from '#tests/helpers/http'

/** A class with a teacher and Léa, who wrote one situation on S112 / C11.1; another class elsewhere. */
async function school(client: any) {
  const centre = await CentreFactory.create()
  const admin = await makeUser('network_admin')
  const version = await makeFramework([centre], admin)
  const lea = await makeUser('learner', [centre], { firstName: 'Léa', lastName: 'Aubert' })
  const teacher = await makeUser('teacher', [centre], { firstName: 'Anne', lastName: 'Prof' })
  const colleague = await makeUser('teacher', [centre])
  await makeDivision(centre, 'BTS COM 1', [teacher, lea])
  await makeDivision(centre, 'BTS COM 2', [colleague])
  const id = (table: 'situations' | 'competences', code: string) =>
    frameworkNodeId(version.id, table, code)
  const c111 = await id('competences', 'C11.1')
  await client
    .post('/my/passport/situations')
    .loginAs(lea)
    .fields({
      'title': 'Brief Grassin',
      'situation_id': String(await id('situations', 'S112')),
      'description': 'Brief de la société Grassin pour son anniversaire.',
      'location': 'organisation',
      'starts_on': '2026-10-05',
      'ends_on': '2026-10-09',
      'source': 'internship',
      'kind': 'lived',
      'competence_id': String(c111),
      'complexities[]': 'Budget contraint',
    })
    .withCsrfToken()
  const situation = await ProfessionalSituation.query().where('user_id', lea.id).firstOrFail()
  return { centre, lea, teacher, colleague, id, c111, situation, version }
}

test.group('Passports · teachers review their classes’ passports', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('class, then learner, then situation: the teacher evaluates it and adjusts its complexities and hazards', async ({
    client,
    assert,
  }) => {
    const s = await school(client)
    const index = await client.get('/pro-passports').loginAs(s.teacher)
    index.assertTextIncludes('BTS COM 1')
    index.assertTextIncludes(`href="/pro-passports/learners/${s.lea.id}"`)
    const learner = await client.get(`/pro-passports/learners/${s.lea.id}`).loginAs(s.teacher)
    learner.assertTextIncludes('Brief Grassin')
    learner.assertTextIncludes('non évaluée')
    // The teacher filters the learner's situations too.
    const none = await client
      .get(`/pro-passports/learners/${s.lea.id}?q=inexistant`)
      .loginAs(s.teacher)
    none.assertTextIncludes('Aucune situation ne correspond à ces filtres')
    const byCompetence = await client
      .get(`/pro-passports/learners/${s.lea.id}?competence=C11.1`)
      .loginAs(s.teacher)
    byCompetence.assertTextIncludes('Brief Grassin')
    const page = await client.get(`/pro-passports/situations/${s.situation.id}`).loginAs(s.teacher)
    page.assertTextIncludes('Brief de la société Grassin')
    page.assertTextIncludes('S112')
    page.assertTextIncludes('C11.1')
    page.assertTextIncludes('/scenarios/create?centre=' + s.centre.id)
    page.assertTextIncludes('competence=' + s.c111)

    const saved = await client
      .put(`/pro-passports/situations/${s.situation.id}/evaluation`)
      .loginAs(s.teacher)
      .form({
        'result': 'partial',
        'appreciation': 'Bonne synthèse, à approfondir.',
        'complexities[]': ['Budget contraint', 'Annonceur multi-sites', 'Inventée'],
        'hazards[]': 'Brief incomplet',
      })
      .withCsrfToken()
      .redirects(0)
    assertRedirect(saved, `/pro-passports/situations/${s.situation.id}`)
    await s.situation.refresh()
    assert.equal(s.situation.result, 'partial')
    assert.equal(s.situation.appreciation, 'Bonne synthèse, à approfondir.')
    assert.sameMembers(s.situation.complexities, ['Budget contraint', 'Annonceur multi-sites'])
    assert.deepEqual(s.situation.hazards, ['Brief incomplet'])
    assert.equal(s.situation.evaluatedBy, s.teacher.id)
    assert.exists(await AuditLog.findBy('action', 'pro_situation.evaluated'))
    // The learner sees the result in its list.
    const mine = await client.get('/my/passport').loginAs(s.lea)
    mine.assertTextIncludes('Réussite partielle')

    const wrong = await client
      .put(`/pro-passports/situations/${s.situation.id}/evaluation`)
      .loginAs(s.teacher)
      .header('Referer', `/pro-passports/situations/${s.situation.id}`)
      .form({ result: 'excellent' })
      .withCsrfToken()
      .redirects(0)
    wrong.assertFlashMessage('error', "Choisissez un résultat de l'échelle.")
    await s.situation.refresh()
    assert.equal(s.situation.result, 'partial')
  })

  test('the teacher locks a competence: the learner can no longer choose it; unlocking gives it back', async ({
    client,
    assert,
  }) => {
    const s = await school(client)
    await client
      .post(`/pro-passports/learners/${s.lea.id}/locks`)
      .loginAs(s.teacher)
      .header('Referer', `/pro-passports/situations/${s.situation.id}`)
      .form({ competence_id: String(s.c111), locked: '1' })
      .withCsrfToken()
    assert.exists(await CompetenceLock.findBy('user_id', s.lea.id))
    const list = await client.get(`/pro-passports/learners/${s.lea.id}`).loginAs(s.teacher)
    list.assertTextIncludes('class="row-locked"')
    const refused = await client
      .post('/my/passport/situations')
      .loginAs(s.lea)
      .header('Referer', '/my/passport/situations/create')
      .fields({
        title: 'Autre brief',
        situation_id: String(await s.id('situations', 'S111')),
        description: 'Un autre brief.',
        location: 'organisation',
        starts_on: '2026-11-05',
        ends_on: '2026-11-06',
        source: 'course',
        kind: 'simulated',
        competence_id: String(s.c111),
      })
      .withCsrfToken()
      .redirects(0)
    assertFieldError(
      refused,
      'competence_id',
      'Cette compétence a été bloquée par un enseignant : vous ne pouvez plus la choisir.'
    )
    // Her existing situation on it can still be edited.
    const edit = await client.get(`/my/passport/situations/${s.situation.id}/edit`).loginAs(s.lea)
    edit.assertStatus(200)

    await client
      .post(`/pro-passports/learners/${s.lea.id}/locks`)
      .loginAs(s.teacher)
      .header('Referer', `/pro-passports/learners/${s.lea.id}`)
      .form({ competence_id: String(s.c111), locked: '0' })
      .withCsrfToken()
    assert.isNull(await CompetenceLock.findBy('user_id', s.lea.id))
    assert.lengthOf(
      await AuditLog.query().whereIn('action', [
        'pro_competence.locked',
        'pro_competence.unlocked',
      ]),
      2
    )
  })

  test('only teachers of the learner’s class: a colleague of another class, another centre and other roles are refused', async ({
    client,
    assert,
  }) => {
    const s = await school(client)
    const paths = [
      `/pro-passports/learners/${s.lea.id}`,
      `/pro-passports/situations/${s.situation.id}`,
    ]
    const stranger = await makeUser('teacher', [await CentreFactory.create()])
    for (const path of paths) {
      await expectStatus(client.get(path).loginAs(s.colleague), 404)
      await expectStatus(client.get(path).loginAs(stranger), 404)
    }
    await expectStatus(
      client
        .put(`/pro-passports/situations/${s.situation.id}/evaluation`)
        .loginAs(s.colleague)
        .header('Accept', 'application/json')
        .form({ result: 'total' })
        .withCsrfToken(),
      404
    )
    await expectStatus(
      client
        .post(`/pro-passports/learners/${s.lea.id}/locks`)
        .loginAs(stranger)
        .header('Accept', 'application/json')
        .form({ competence_id: String(s.c111), locked: '1' })
        .withCsrfToken(),
      404
    )
    for (const role of ['learner', 'centre_manager', 'evaluator'] as const) {
      const user = await makeUser(role, [s.centre])
      await expectStatus(client.get('/pro-passports').loginAs(user), 403)
      await expectStatus(client.get(paths[1]).loginAs(user), 403)
    }
    await expectStatus(client.get('/pro-passports').redirects(0), 302)
    await s.situation.refresh()
    assert.isNull(s.situation.result)
    assert.isNull(await CompetenceLock.findBy('user_id', s.lea.id))
  })

  test('"Créer un scénario" opens the scenario form filled from the situation', async ({
    client,
  }) => {
    const s = await school(client)
    const page = await client
      .get(
        `/scenarios/create?competence=${s.c111}&title=Brief%20Grassin&context=Le%20brief&complexities[]=Budget%20contraint`
      )
      .loginAs(s.teacher)
    page.assertStatus(200)
    page.assertTextIncludes('value="Brief Grassin"')
    page.assertTextIncludes('>Le brief</textarea>')
    page.assertTextIncludes(`value="${s.c111}" `)
  })
})
