import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { Division } from '#centres'
import { lastMailTo } from '#shared/mail/mailbox'
import { CentreFactory, makeUser } from '#database/factories/index'
import { assertTextExcludes, expectStatus } from '#tests/helpers/http'

async function trainingCentre() {
  const centre = await CentreFactory.merge({ kind: 'training', name: 'Lycée Jules-Verne' }).create()
  const division = await Division.create({ centreId: centre.id, name: 'BTS COM 1' })
  const zoe = await makeUser('learner', [centre], { firstName: 'Zoé', lastName: 'Lefèvre' })
  const noe = await makeUser('learner', [centre], { firstName: 'Noé', lastName: 'Abadie' })
  const teacher = await makeUser('teacher', [centre])
  await division.related('members').attach([zoe.id, noe.id, teacher.id])
  return { centre, division, zoe, noe, teacher }
}

test.group('Classes and learner access', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("a manager sees a class's learners, exports the list and sends links to the checked ones", async ({
    client,
    assert,
  }) => {
    const { centre, division, zoe, noe } = await trainingCentre()
    const manager = await makeUser('centre_manager', [centre])
    const page = await client.get(`/classes?division=${division.id}`).loginAs(manager)
    page.assertTextIncludes('LEFÈVRE Zoé')
    page.assertTextIncludes('ABADIE Noé')

    const csv = await client.get(`/classes/${division.id}/export/csv`).loginAs(manager)
    const lines = csv
      .text()
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    assert.deepEqual(
      lines.slice(1).map((l) => l.split(';')[0]),
      ['ABADIE', 'LEFÈVRE']
    )

    const stranger = await makeUser('learner', [await CentreFactory.create()])
    await client
      .post(`/classes/${division.id}/reset-links`)
      .loginAs(manager)
      .form({ user_ids: [zoe.id, stranger.id] })
      .withCsrfToken()
    assert.equal(
      (await lastMailTo(zoe.email))?.subject,
      'Réinitialisation de votre mot de passe Passerelle'
    )
    assert.isUndefined(await lastMailTo(noe.email))
    assert.isUndefined(await lastMailTo(stranger.email))
  })

  test('a manager creates classes with unique names', async ({ client, assert }) => {
    const { centre } = await trainingCentre()
    const manager = await makeUser('centre_manager', [centre])
    await client.post('/classes').loginAs(manager).form({ name: 'BTS COM 2' }).withCsrfToken()
    assert.exists(
      await Division.query().where('centre_id', centre.id).where('name', 'BTS COM 2').first()
    )
    const again = await client
      .post('/classes')
      .loginAs(manager)
      .form({ name: 'bts com 2' })
      .withCsrfToken()
      .redirects(0)
    again.assertFlashMessage('error', 'Une classe « bts com 2 » existe déjà dans ce centre.')
  })

  test('teachers consult but cannot send links; other centres and roles are refused', async ({
    client,
  }) => {
    const { centre, division, zoe, teacher } = await trainingCentre()
    const page = await client.get('/classes').loginAs(teacher)
    page.assertTextIncludes('LEFÈVRE Zoé')
    assertTextExcludes(page, 'Envoyer un lien de mot de passe')
    await expectStatus(
      client
        .post(`/classes/${division.id}/reset-links`)
        .loginAs(teacher)
        .form({ user_ids: [zoe.id] })
        .withCsrfToken(),
      403
    )
    const outsider = await makeUser('centre_manager', [await CentreFactory.create()])
    await expectStatus(client.get(`/classes/${division.id}/export/csv`).loginAs(outsider), 404)
    await expectStatus(
      client
        .post(`/classes/${division.id}/reset-links`)
        .loginAs(outsider)
        .form({ user_ids: [zoe.id] })
        .withCsrfToken(),
      404
    )
    const list = await client.get('/classes').loginAs(outsider)
    assertTextExcludes(list, 'BTS COM 1')
    for (const role of ['centre_staff', 'learner', 'evaluator'] as const) {
      await expectStatus(client.get('/classes').loginAs(await makeUser(role, [centre])), 403)
    }
  })
})
