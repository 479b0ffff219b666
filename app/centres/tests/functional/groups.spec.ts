import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { Group } from '#centres'
import AuditLog from '#shared/audit/audit_log'
import { CentreFactory, makeUser } from '#database/factories/index'
import { assertTextExcludes, expectStatus } from '#tests/helpers/http'

test.group('Groups', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a centre creates, renames, hides, shows and deletes a group; all audited', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    await client
      .post('/groups')
      .loginAs(staff)
      .form({ name: 'BTS 1re année', category: 'class' })
      .withCsrfToken()
    const created = await Group.findByOrFail('name', 'BTS 1re année')
    assert.equal(created.centreId, centre.id)

    const duplicate = await client
      .post('/groups')
      .loginAs(staff)
      .form({ name: 'bts 1re ANNÉE'.toLowerCase(), category: 'other' })
      .withCsrfToken()
      .redirects(0)
    duplicate.assertFlashMessage('error', 'Un groupe « bts 1re année » existe déjà dans ce centre.')

    await client
      .put(`/groups/${created.id}`)
      .loginAs(staff)
      .form({ name: 'BTS 1A', category: 'class' })
      .withCsrfToken()
    await client.post(`/groups/${created.id}/hiding`).loginAs(staff).withCsrfToken()
    await created.refresh()
    assert.equal(created.name, 'BTS 1A')
    assert.isTrue(created.hidden)
    const list = await client.get('/groups').loginAs(staff)
    list.assertTextIncludes('Caché')
    await client.delete(`/groups/${created.id}/hiding`).loginAs(staff).withCsrfToken()
    await created.refresh()
    assert.isFalse(created.hidden)
    await client.delete(`/groups/${created.id}`).loginAs(staff).withCsrfToken()
    assert.isNull(await Group.find(created.id))
    const actions = (await AuditLog.query().where('entity_type', 'group').orderBy('id')).map(
      (e) => e.action
    )
    assert.deepEqual(actions, [
      'group.created',
      'group.updated',
      'group.hidden',
      'group.shown',
      'group.deleted',
    ])
  })

  test('the list filters by category and period and shows hidden groups last', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    await Group.create({ centreId: centre.id, name: 'Aaa caché', category: 'client', hidden: true })
    await Group.create({
      centreId: centre.id,
      name: 'Zzz client',
      category: 'client',
      hidden: false,
    })
    const old = await Group.create({
      centreId: centre.id,
      name: 'Ancienne session',
      category: 'exam_session',
      hidden: false,
    })
    old.createdAt = DateTime.fromISO('2020-05-01T10:00:00Z')
    await old.save()

    const clients = await client.get('/groups?category=client').loginAs(manager)
    const text = clients.text()
    assert.isBelow(text.indexOf('Zzz client'), text.indexOf('Aaa caché'))
    assertTextExcludes(clients, 'Ancienne session')
    const period = await client.get('/groups?from=2020-01-01&to=2020-12-31').loginAs(manager)
    period.assertTextIncludes('Ancienne session')
    assertTextExcludes(period, 'Zzz client')

    const csv = await client.get('/groups/export/csv?category=client').loginAs(manager)
    const lines = csv
      .text()
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    assert.equal(lines[0], 'Nom du groupe;Catégorie;Créé le;Statut')
    assert.sameMembers(
      lines.slice(1).map((l) => l.split(';')[0]),
      ['Aaa caché', 'Zzz client']
    )
    assert.include(csv.text(), ';Caché')
  })

  test("nobody reaches another centre's groups; evaluators and account managers cannot change them", async ({
    client,
  }) => {
    const centre = await CentreFactory.create()
    const other = await CentreFactory.create()
    const theirs = await Group.create({
      centreId: other.id,
      name: 'Leur groupe',
      category: 'other',
      hidden: false,
    })
    const manager = await makeUser('centre_manager', [centre])
    const list = await client.get('/groups').loginAs(manager)
    assertTextExcludes(list, 'Leur groupe')
    await expectStatus(client.get(`/groups/${theirs.id}/edit`).loginAs(manager), 404)
    await expectStatus(
      client
        .put(`/groups/${theirs.id}`)
        .loginAs(manager)
        .form({ name: 'x', category: 'other' })
        .withCsrfToken(),
      404
    )
    await expectStatus(client.delete(`/groups/${theirs.id}`).loginAs(manager).withCsrfToken(), 404)
    await expectStatus(
      client.post(`/groups/${theirs.id}/hiding`).loginAs(manager).withCsrfToken(),
      404
    )
    const evaluator = await makeUser('evaluator', [other])
    await expectStatus(client.get('/groups').loginAs(evaluator), 403)
    const accountManager = await makeUser('account_manager', [other])
    const seen = await client.get('/groups').loginAs(accountManager)
    seen.assertTextIncludes('Leur groupe')
    await expectStatus(
      client.delete(`/groups/${theirs.id}`).loginAs(accountManager).withCsrfToken(),
      403
    )
    await expectStatus(
      client
        .post('/groups')
        .loginAs(accountManager)
        .form({ name: 'x', category: 'other' })
        .withCsrfToken(),
      403
    )
  })
})
