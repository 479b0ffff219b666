import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import CompetenceFilter from '#passports/models/competence_filter'
import ProfessionalSituation from '#passports/models/professional_situation'
import {
  CentreFactory,
  frameworkNodeId,
  makeDivision,
  makeFramework,
  makeUser,
} from '#database/factories/index'
import { assertFieldError, expectStatus } from '#tests/helpers/http'

const NOW = '2026-11-10 10:00:00'

/**
 * Léa's results, computed by hand:
 * - C11.1: her situation evaluated "total" with one complexity (weight 2, worth 3), an
 *   evaluation grade "errors" with one hazard (weight 2, worth 0) and one "absent"
 *   (left out): (2 × 3 + 2 × 0) / (3 × 4) = 50 %.
 * - C13.1: one grade "partial" (weight 1, worth 2): 2 / 3 = 67 %.
 * - every other competence: no result.
 */
async function school() {
  const centre = await CentreFactory.create()
  const admin = await makeUser('network_admin')
  const version = await makeFramework([centre], admin)
  const lea = await makeUser('learner', [centre], { firstName: 'Léa', lastName: 'Aubert' })
  const hugo = await makeUser('learner', [centre], { firstName: 'Hugo', lastName: 'Bernard' })
  const teacher = await makeUser('teacher', [centre], { firstName: 'Anne', lastName: 'Prof' })
  const colleague = await makeUser('teacher', [centre])
  const division = await makeDivision(centre, 'BTS COM 1', [teacher, lea, hugo])
  await makeDivision(centre, 'BTS COM 2', [colleague])
  const id = (table: 'situations' | 'competences', code: string) =>
    frameworkNodeId(version.id, table, code)
  const c111 = await id('competences', 'C11.1')
  const c131 = await id('competences', 'C13.1')
  const grade = async (competenceId: number, hazards: string[], level: string, title: string) => {
    const [evaluation] = await db
      .table('evaluations')
      .insert({
        centre_id: centre.id,
        author_id: teacher.id,
        title,
        evaluated_on: '2026-11-01',
        visible: true,
        created_at: NOW,
        updated_at: NOW,
      })
      .returning('id')
    const evaluationId = Number(typeof evaluation === 'object' ? evaluation.id : evaluation)
    await db.table('evaluation_competences').insert({
      evaluation_id: evaluationId,
      competence_id: competenceId,
      position: 1,
      complexities: '[]',
      hazards: JSON.stringify(hazards),
    })
    await db.table('evaluation_grades').insert({
      evaluation_id: evaluationId,
      user_id: lea.id,
      competence_id: competenceId,
      level,
      updated_at: NOW,
    })
  }
  await grade(c111, ['Brief incomplet'], 'errors', 'Éval 1')
  await grade(c111, [], 'absent', 'Éval 2')
  await grade(c131, [], 'partial', 'Éval 3')
  await ProfessionalSituation.create({
    userId: lea.id,
    centreId: centre.id,
    situationId: await id('situations', 'S111'),
    competenceId: c111,
    title: 'Brief Grassin',
    project: false,
    description: 'Brief de la société Grassin.',
    location: 'organisation',
    startsOn: DateTime.utc(2026, 10, 5),
    endsOn: DateTime.utc(2026, 10, 9),
    source: 'internship',
    kind: 'lived',
    actors: [],
    complexities: ['Budget contraint'],
    hazards: [],
    result: 'total',
    evaluatedBy: teacher.id,
    evaluatedAt: DateTime.utc(),
  })
  return { centre, lea, hugo, teacher, colleague, division, c111, c131 }
}

/** The mastery shown per competence code on a dashboard page. */
function bars(html: string) {
  const out: Record<string, string> = {}
  for (const match of html.matchAll(
    /data-testid="board-row" data-code="([^"]+)"[\s\S]*?data-testid="mastery" data-value="([^"]*)"/g
  ))
    out[match[1]] = match[2]
  return out
}

test.group('Passports · mastery dashboards', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the learner sees a bar per competence with the weighted mastery, its situations and a view per unit', async ({
    client,
    assert,
  }) => {
    const s = await school()
    const page = await client.get('/my/passport/dashboard').loginAs(s.lea)
    page.assertStatus(200)
    const shown = bars(page.text())
    assert.equal(shown['C11.1'], '50')
    assert.equal(shown['C13.1'], '67')
    assert.equal(shown['C22.1'], '')
    page.assertTextIncludes('<title>Maîtrise 50 % (2 résultats)</title>')
    page.assertTextIncludes('Brief Grassin')
    const e4 = bars((await client.get('/my/passport/dashboard?unit=E4').loginAs(s.lea)).text())
    assert.sameMembers(Object.keys(e4), ['C21.1', 'C22.1', 'C22.2'])
  })

  test('criteria filters combine with AND or OR, and reset', async ({ client, assert }) => {
    const s = await school()
    const codes = async (query: string) =>
      Object.keys(bars((await client.get(`/my/passport/dashboard?${query}`).loginAs(s.lea)).text()))
    assert.deepEqual(await codes('f[0][op]=gt&f[0][value]=60'), ['C13.1'])
    assert.deepEqual(
      await codes('f[0][op]=gte&f[0][value]=50&f[1][op]=lte&f[1][value]=50&join=and'),
      ['C11.1']
    )
    assert.sameMembers(
      await codes('f[0][op]=gt&f[0][value]=60&f[1][op]=lte&f[1][value]=50&join=or'),
      ['C11.1', 'C13.1']
    )
    assert.lengthOf(await codes('f[0][op]=none'), 7)
    // A criterion out of range is ignored, not an error.
    assert.lengthOf(await codes('f[0][op]=gt&f[0][value]=500'), 9)
  })

  test('teachers: a learner’s dashboard with a saved competence filter, and the class heat map', async ({
    client,
    assert,
  }) => {
    const s = await school()
    const board = await client
      .get(`/pro-passports/learners/${s.lea.id}/dashboard`)
      .loginAs(s.teacher)
    assert.equal(bars(board.text())['C11.1'], '50')

    const created = await client
      .post('/pro-passports/filters')
      .loginAs(s.teacher)
      .form({ 'name': 'Relation annonceur', 'competences[]': [String(s.c111), String(s.c131)] })
      .withCsrfToken()
      .redirects(0)
    created.assertFlashMessage('success', 'Filtre « Relation annonceur » enregistré.')
    const filter = await CompetenceFilter.findByOrFail('name', 'Relation annonceur')
    const filtered = await client
      .get(`/pro-passports/learners/${s.lea.id}/dashboard?filter=${filter.id}`)
      .loginAs(s.teacher)
    assert.sameMembers(Object.keys(bars(filtered.text())), ['C11.1', 'C13.1'])

    const heat = await client
      .get(`/pro-passports/classes/${s.division.id}/heatmap?filter=${filter.id}`)
      .loginAs(s.teacher)
    heat.assertStatus(200)
    heat.assertTextIncludes('title="C11.1 — 50 %">50</td>')
    heat.assertTextIncludes('title="C13.1 — 67 %">67</td>')
    heat.assertTextIncludes('AUBERT Léa')
    heat.assertTextIncludes('BERNARD Hugo')
  })

  test('saved filters: a clear error for no competence or a name taken; edit, delete; each teacher’s own', async ({
    client,
    assert,
  }) => {
    const s = await school()
    const save = (
      form: Record<string, unknown>,
      path = '/pro-passports/filters',
      user = s.teacher
    ) =>
      client
        .post(path)
        .loginAs(user)
        .header('Referer', '/pro-passports/filters')
        .form(form)
        .withCsrfToken()
        .redirects(0)
    assertFieldError(
      await save({ name: 'Vide' }),
      'competences',
      'Choisissez au moins une compétence de vos classes.'
    )
    await save({ 'name': 'Annonceur', 'competences[]': String(s.c111) })
    assertFieldError(
      await save({ 'name': 'Annonceur', 'competences[]': String(s.c131) }),
      'name',
      'Vous avez déjà un filtre de ce nom.'
    )
    const filter = await CompetenceFilter.findByOrFail('name', 'Annonceur')
    await client
      .put(`/pro-passports/filters/${filter.id}`)
      .loginAs(s.teacher)
      .form({ 'name': 'Annonceur et messages', 'competences[]': [String(s.c111), String(s.c131)] })
      .withCsrfToken()
    await filter.refresh()
    assert.equal(filter.name, 'Annonceur et messages')
    assert.sameMembers(filter.competenceIds, [s.c111, s.c131])
    await expectStatus(
      client.get(`/pro-passports/filters/${filter.id}/edit`).loginAs(s.colleague),
      404
    )
    await expectStatus(
      client.delete(`/pro-passports/filters/${filter.id}`).loginAs(s.colleague).withCsrfToken(),
      404
    )
    await client.delete(`/pro-passports/filters/${filter.id}`).loginAs(s.teacher).withCsrfToken()
    assert.isNull(await CompetenceFilter.find(filter.id))
  })

  test('dashboards are refused to other roles, other classes and other centres', async ({
    client,
  }) => {
    const s = await school()
    await expectStatus(
      client.get(`/pro-passports/learners/${s.lea.id}/dashboard`).loginAs(s.colleague),
      404
    )
    await expectStatus(
      client.get(`/pro-passports/classes/${s.division.id}/heatmap`).loginAs(s.colleague),
      404
    )
    const stranger = await makeUser('teacher', [await CentreFactory.create()])
    await expectStatus(
      client.get(`/pro-passports/classes/${s.division.id}/heatmap`).loginAs(stranger),
      404
    )
    for (const path of [
      `/pro-passports/learners/${s.lea.id}/dashboard`,
      `/pro-passports/classes/${s.division.id}/heatmap`,
      '/pro-passports/filters',
    ])
      await expectStatus(client.get(path).loginAs(s.lea), 403)
    for (const role of ['teacher', 'centre_manager'] as const)
      await expectStatus(
        client.get('/my/passport/dashboard').loginAs(await makeUser(role, [s.centre])),
        403
      )
    await expectStatus(client.get('/my/passport/dashboard').redirects(0), 302)
  })
})
