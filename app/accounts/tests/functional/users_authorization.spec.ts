import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { CentreFactory, makeUser } from '#database/factories/index'
import type { Role } from '#shared/roles'
import { assertTextExcludes, expectStatus } from '#tests/helpers/http'

/**
 * Every users route, for every role: what each may reach, and that records of
 * another centre do not exist for it (404, nothing leaks).
 */
async function network() {
  const paris = await CentreFactory.merge({ name: 'Paris' }).create()
  const montreal = await CentreFactory.merge({ name: 'Montréal' }).create()
  const parisManager = await makeUser('centre_manager', [paris])
  const montrealManager = await makeUser('centre_manager', [montreal])
  const parisStaff = await makeUser('centre_staff', [paris])
  const accountManager = await makeUser('account_manager', [paris])
  const admin = await makeUser('network_admin')
  return { paris, montreal, parisManager, montrealManager, parisStaff, accountManager, admin }
}

test.group('Users | authorisation', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the users list is for network roles and centre managers only', async ({ client }) => {
    const { paris } = await network()
    const allowed: Role[] = ['network_admin', 'account_manager', 'centre_manager']
    const refused: Role[] = ['centre_staff', 'evaluator', 'teacher', 'learner']
    for (const role of allowed) {
      const response = await client.get('/users').loginAs(await makeUser(role, [paris]))
      response.assertStatus(200)
    }
    for (const role of refused) {
      const response = await client.get('/users').loginAs(await makeUser(role, [paris]))
      response.assertStatus(403)
      response.assertTextIncludes('Accès refusé')
    }
  })

  test("a centre manager does not see another centre's users, in the list or by id", async ({
    client,
  }) => {
    const { parisManager, montrealManager, parisStaff } = await network()
    const list = await client.get('/users').loginAs(parisManager)
    list.assertTextIncludes(parisStaff.email)
    assertTextExcludes(list, montrealManager.email)

    const other = await client.get(`/users/${montrealManager.id}`).loginAs(parisManager)
    other.assertStatus(404)
    const own = await client.get(`/users/${parisStaff.id}`).loginAs(parisManager)
    own.assertStatus(200)
    own.assertTextIncludes(parisStaff.email)
  })

  test("an account manager only reaches its portfolio's users", async ({ client }) => {
    const { accountManager, parisStaff, montrealManager } = await network()
    await expectStatus(client.get(`/users/${parisStaff.id}`).loginAs(accountManager), 200)
    await expectStatus(client.get(`/users/${montrealManager.id}`).loginAs(accountManager), 404)
    await expectStatus(client.get(`/users/${montrealManager.id}/edit`).loginAs(accountManager), 404)
    const update = await client
      .put(`/users/${montrealManager.id}`)
      .loginAs(accountManager)
      .form({ first_name: 'X', last_name: 'Y', email: montrealManager.email, role: 'centre_staff' })
      .withCsrfToken()
    update.assertStatus(404)
  })

  test('only network roles create users; an account manager cannot create network roles', async ({
    client,
  }) => {
    const { parisManager, accountManager, paris } = await network()
    await expectStatus(client.get('/users/create').loginAs(parisManager), 403)
    const byManager = await client
      .post('/users')
      .loginAs(parisManager)
      .form({
        first_name: 'A',
        last_name: 'B',
        email: 'a.b@example.test',
        role: 'centre_staff',
        centre_ids: [paris.id],
      })
      .withCsrfToken()
    byManager.assertStatus(403)
    const escalation = await client
      .post('/users')
      .loginAs(accountManager)
      .form({ first_name: 'A', last_name: 'B', email: 'a.b@example.test', role: 'network_admin' })
      .withCsrfToken()
    escalation.assertStatus(403)
  })

  test('a centre manager cannot edit, disable or send links to users', async ({ client }) => {
    const { parisManager, parisStaff } = await network()
    await expectStatus(client.get(`/users/${parisStaff.id}/edit`).loginAs(parisManager), 403)
    await expectStatus(
      client.post(`/users/${parisStaff.id}/disablement`).loginAs(parisManager).withCsrfToken(),
      403
    )
    await expectStatus(
      client.post(`/users/${parisStaff.id}/links`).loginAs(parisManager).withCsrfToken(),
      403
    )
  })

  test('the audit log is for network admins only', async ({ client }) => {
    const { admin, accountManager, parisManager } = await network()
    await expectStatus(client.get('/admin/audit').loginAs(admin), 200)
    await expectStatus(client.get('/admin/audit').loginAs(accountManager), 403)
    await expectStatus(client.get('/admin/audit').loginAs(parisManager), 403)
  })

  test('an unknown user id is a 404 page, not an error', async ({ client }) => {
    const { admin } = await network()
    const response = await client.get('/users/999999').loginAs(admin)
    response.assertStatus(404)
    response.assertTextIncludes('Page introuvable')
  })
})
