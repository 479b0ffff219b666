import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type { Role } from '#shared/roles'
import { CentreFactory, makeUser } from '#database/factories/index'
import { expectStatus } from '#tests/helpers/http'
import {
  type LeakPage,
  assertNoLeak,
  authorisationTests,
  mutatesAs,
  usersOf,
} from '#tests/helpers/authorization'
import { ROUTES, USER_READERS, type World } from './accounts_authorization.table.js'

/*
 * The accounts module's authorisation table (accounts_authorization.table.ts),
 * run as every role of the centre and as the users of another centre; then
 * what another centre never sees, and the refusals the table cannot express
 * (a role given beyond one's own).
 */

/** A centre named Vermillon and three of its staff. */
async function makeWorld(): Promise<World> {
  const centre = await CentreFactory.merge({ name: 'Centre Vermillon' }).create()
  const staff = (lastName: string, status: 'active' | 'disabled' = 'active') =>
    makeUser('centre_staff', [centre], { lastName, status })
  return {
    centre,
    staff: {
      edited: await staff('Vermillonpersonnel'),
      toDisable: await staff('Vermillonadesactiver'),
      disabled: await staff('Vermillondesactive', 'disabled'),
    },
  }
}

/**
 * The centre's users as they are (the acting user aside: its own profile is
 * its to change), their links and the centre's members.
 */
async function snapshot(world: World, actorId: number) {
  const members = db.from('centre_memberships').where('centre_id', world.centre.id)
  const ids = (await members.clone().select('user_id')).map((row) => row.user_id as number)
  const others = ids.filter((id) => id !== actorId)
  return {
    members: ids.sort((a, b) => a - b),
    users: await db
      .from('users')
      .whereIn('id', others)
      .orderBy('id')
      .select('id', 'first_name', 'last_name', 'email', 'role', 'status', 'password'),
    tokens: await db.from('user_tokens').whereIn('user_id', others).orderBy('id').select('id'),
    created: await db.from('users').where('email', 'nouvelle.recrue@example.test').select('id'),
  }
}

test.group('Accounts · authorisation, route by route', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  authorisationTests({
    routes: ROUTES,
    makeWorld,
    snapshot: (world, user) => snapshot(world, user?.id ?? 0),
    // Roles that may change the centre's users (not only their own account).
    mutates: (role) =>
      mutatesAs(
        ROUTES.filter((r) => r.elsewhere !== 'network'),
        role
      ),
    // The account manager of another portfolio is sent back to the form (none of its
    // centres chosen): no user is created.
    outsidersTitle: 'another centre, another portfolio: users are not found, nothing changes',
  })

  test('refused pages say so', async ({ client }) => {
    const centre = await CentreFactory.create()
    const response = await client.get('/users').loginAs(await makeUser('centre_staff', [centre]))
    response.assertStatus(403)
    response.assertTextIncludes('Accès refusé')
  })

  test('an account manager cannot give a network role, nor a centre outside its portfolio', async ({
    client,
    assert,
  }) => {
    const paris = await CentreFactory.create()
    const montreal = await CentreFactory.create()
    const accountManager = await makeUser('account_manager', [paris])
    const staff = await makeUser('centre_staff', [paris])
    for (const role of ['network_admin', 'account_manager']) {
      const escalation = await client
        .post('/users')
        .loginAs(accountManager)
        .form({ first_name: 'A', last_name: 'B', email: `${role}@example.test`, role })
        .withCsrfToken()
      escalation.assertStatus(403)
      const promotion = await client
        .put(`/users/${staff.id}`)
        .loginAs(accountManager)
        .form({
          first_name: staff.firstName,
          last_name: staff.lastName,
          email: staff.email,
          role,
          centre_ids: [paris.id],
        })
        .withCsrfToken()
      promotion.assertStatus(403)
    }
    await client
      .put(`/users/${staff.id}`)
      .loginAs(accountManager)
      .form({
        first_name: staff.firstName,
        last_name: staff.lastName,
        email: staff.email,
        role: 'centre_staff',
        centre_ids: [paris.id, montreal.id],
      })
      .withCsrfToken()
    await staff.refresh()
    assert.equal(staff.role, 'centre_staff')
    assert.deepEqual(await staff.loadScope().then((u) => u.centreIds), [paris.id])
  })

  test('an unknown user id is a 404 page, not an error', async ({ client }) => {
    const response = await client.get('/users/999999').loginAs(await makeUser('network_admin'))
    response.assertStatus(404)
    response.assertTextIncludes('Page introuvable')
  })
})

test.group('Accounts · what another centre never sees', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the users list, its search, its export and the user forms leave the other centre out', async ({
    client,
    assert,
  }) => {
    const world = await makeWorld()
    const other = await CentreFactory.merge({ name: 'Centre Outremer' }).create()
    const roles: Role[] = ['account_manager', 'centre_manager']
    const insiders = await usersOf(roles, [world.centre])
    const outsiders = await usersOf(roles, [other])
    const pages: LeakPage[] = [
      { path: '/users', secret: 'Vermillonpersonnel', roles: USER_READERS },
      { path: '/users?q=Vermillon', secret: 'Vermillonpersonnel', roles: USER_READERS },
      { path: '/users?status=disabled', secret: 'Vermillondesactive', roles: USER_READERS },
      { path: '/users/export/csv', secret: world.staff.edited.email, roles: USER_READERS },
      { path: '/users/create', secret: 'Centre Vermillon', roles: ['account_manager'] },
    ]
    await assertNoLeak({ client, assert }, pages, insiders, outsiders)
    // The other centre's own page of a user: its centres, not the first one's.
    const own = await expectStatus(
      client.get(`/users/${outsiders[1].id}/edit`).loginAs(outsiders[0]),
      200
    )
    assert.notInclude(own.text().toLowerCase(), 'centre vermillon')
  })
})

test.group('Accounts · a user of two centres', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('its page shows a manager or an account manager only their own centres, the admin all', async ({
    client,
    assert,
  }) => {
    const paris = await CentreFactory.merge({ name: 'Centre Azur' }).create()
    const montreal = await CentreFactory.merge({ name: 'Centre Outremer' }).create()
    const staff = await makeUser('centre_staff', [paris, montreal])
    for (const role of ['centre_manager', 'account_manager'] as const) {
      const page = await expectStatus(
        client.get(`/users/${staff.id}`).loginAs(await makeUser(role, [paris])),
        200
      )
      assert.include(page.text(), 'Centre Azur', role)
      assert.notInclude(page.text(), 'Centre Outremer', role)
      assert.notInclude(page.text(), montreal.code, role)
    }
    const own = await expectStatus(client.get(`/users/${staff.id}`).loginAs(staff), 200)
    assert.include(own.text(), 'Centre Outremer')
    const admin = await expectStatus(
      client.get(`/users/${staff.id}`).loginAs(await makeUser('network_admin')),
      200
    )
    assert.include(admin.text(), 'Centre Azur')
    assert.include(admin.text(), 'Centre Outremer')
  })
})
