import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import Framework from '#evaluations/models/framework'
import { frameworksOfClasses } from '#evaluations/services/class_frameworks'
import { applyFrameworkImport } from '#evaluations/services/framework_import'
import AuditLog from '#shared/audit/audit_log'
import { DEMO_FRAMEWORKS } from '#database/demo_frameworks'
import { CentreFactory, makeDivision, makeFramework, makeUser } from '#database/factories/index'
import { assertTextExcludes, expectStatus } from '#tests/helpers/http'

/** A centre with the BTS framework and the small second one, and a class. */
async function centreWithTwoFrameworks() {
  const centre = await CentreFactory.create()
  const admin = await makeUser('network_admin')
  const bts = await makeFramework([centre], admin)
  const small = DEMO_FRAMEWORKS[1]
  const { version } = await applyFrameworkImport(
    admin,
    { code: small.code, name: small.name, sourceName: 'test' },
    {
      rows: small.rows,
      errors: [],
      counts: {
        poles: new Set(small.rows.map((r) => r.poleCode)).size,
        classes: new Set(small.rows.map((r) => r.classCode)).size,
        situations: new Set(small.rows.map((r) => r.situationCode)).size,
        competences: new Set(small.rows.map((r) => r.competenceCode)).size,
      },
    }
  )
  await db.table('centre_frameworks').insert({
    centre_id: centre.id,
    framework_id: version.frameworkId,
    version_id: version.id,
    assigned_at: '2026-11-01 08:00:00',
  })
  const division = await makeDivision(centre, 'BTS COM 1')
  const manager = await makeUser('centre_manager', [centre])
  return {
    centre,
    admin,
    division,
    manager,
    bts: await Framework.findOrFail(bts.frameworkId),
    small: await Framework.findOrFail(version.frameworkId),
  }
}

test.group('Evaluations · frameworks of a class', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("the centre's manager picks the class's frameworks among the centre's; none means all", async ({
    client,
    assert,
  }) => {
    const { centre, division, manager, bts, small } = await centreWithTwoFrameworks()
    assert.sameMembers((await frameworksOfClasses(centre.id, [division.id])).get(division.id)!, [
      bts.id,
      small.id,
    ])
    const page = await client.get(`/classes/${division.id}/frameworks`).loginAs(manager)
    page.assertTextIncludes(bts.name)
    page.assertTextIncludes(small.name)
    page.assertTextIncludes('la classe travaille avec tous ceux du centre')
    const saved = await client
      .put(`/classes/${division.id}/frameworks`)
      .loginAs(manager)
      .form({ 'frameworks[]': String(bts.id) })
      .withCsrfToken()
      .redirects(0)
    saved.assertFlashMessage('success', 'La classe BTS COM 1 travaille avec 1 référentiel.')
    assert.deepEqual((await frameworksOfClasses(centre.id, [division.id])).get(division.id), [
      bts.id,
    ])
    const audit = await AuditLog.findByOrFail('action', 'division.frameworks_assigned')
    assert.deepEqual(audit.after, { frameworks: [bts.id] })

    // A framework the centre does not have is refused, and nothing changes.
    const foreign = await Framework.create({ code: 'AUTRE', name: 'Autre diplôme' })
    const refused = await client
      .put(`/classes/${division.id}/frameworks`)
      .loginAs(manager)
      .form({ 'frameworks[]': [String(small.id), String(foreign.id)] })
      .withCsrfToken()
      .redirects(0)
    refused.assertFlashMessage('error', "Ce référentiel n'est pas attribué au centre de la classe.")
    assert.deepEqual((await frameworksOfClasses(centre.id, [division.id])).get(division.id), [
      bts.id,
    ])

    // The teacher's evaluation form shows which frameworks each class works with.
    const teacher = await makeUser('teacher', [centre])
    const form = await client.get('/evaluations/create').loginAs(teacher)
    form.assertTextIncludes(
      `BTS COM 1</strong> <span class="muted">(aucun apprenant — ${bts.code})`
    )
    // A teacher reads them, without the form.
    const read = await client.get(`/classes/${division.id}/frameworks`).loginAs(teacher)
    read.assertTextIncludes(bts.name)
    assertTextExcludes(read, small.name)
    assertTextExcludes(read, 'name="frameworks[]"')
  })

  test('other centres, learners, staff and teachers cannot change them', async ({ client }) => {
    const { division, centre } = await centreWithTwoFrameworks()
    const elsewhere = await CentreFactory.create()
    const farManager = await makeUser('centre_manager', [elsewhere])
    const teacher = await makeUser('teacher', [await CentreFactory.create()])
    await expectStatus(client.get(`/classes/${division.id}/frameworks`).loginAs(farManager), 404)
    await expectStatus(client.get(`/classes/${division.id}/frameworks`).loginAs(teacher), 404)
    const learner = await makeUser('learner', [centre])
    const staff = await makeUser('centre_staff', [centre])
    const ownTeacher = await makeUser('teacher', [centre])
    await expectStatus(client.get(`/classes/${division.id}/frameworks`).loginAs(learner), 403)
    await expectStatus(client.get(`/classes/${division.id}/frameworks`).loginAs(staff), 403)
    for (const user of [farManager, learner, staff, ownTeacher]) {
      const response = await client
        .put(`/classes/${division.id}/frameworks`)
        .loginAs(user)
        .form({ 'frameworks[]': '1' })
        .withCsrfToken()
      response.assert!.oneOf(response.status(), [403, 404])
    }
  })
})
