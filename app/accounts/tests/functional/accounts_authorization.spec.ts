import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type { ApiResponse } from '@japa/api-client'
import type { Role } from '#shared/roles'
import { CentreFactory, makeUser } from '#database/factories/index'
import { expectStatus } from '#tests/helpers/http'
import {
  OUTSIDERS,
  ROLES,
  runTableAs,
  runTableAsOutsiders,
  userOf,
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

/** Roles that may change the centre's users (not only their own account). */
const mutates = (role: Role) =>
  ROUTES.some((r) => r.method !== 'get' && r.elsewhere !== 'network' && r.allowed.includes(role))

test.group('Accounts · authorisation, route by route', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('{$self}: each route passes or is refused as the table says')
    .with([...ROLES])
    .run(async ({ client, assert }, role) => {
      const world = await makeWorld()
      const user = await userOf(role, [world.centre])
      const before = await snapshot(world, user.id)
      await runTableAs({ client, assert }, ROUTES, world, user)
      if (!mutates(role)) assert.deepEqual(await snapshot(world, user.id), before)
    })

  test('another centre, another portfolio: users are not found, nothing changes', async ({
    client,
    assert,
  }) => {
    const world = await makeWorld()
    const other = await CentreFactory.create()
    const before = await snapshot(world, 0)
    const cases = await runTableAsOutsiders({ client, assert }, ROUTES, world, other)
    const after = await snapshot(world, 0)
    // The account manager of another portfolio is sent back to the form (none of its
    // centres chosen): no user is created.
    assert.deepEqual(after, before)
    assert.equal(cases, OUTSIDERS.length * ROUTES.length)
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
    const usersOf = (centre: typeof other) =>
      Promise.all(
        (['account_manager', 'centre_manager'] as Role[]).map((role) => makeUser(role, [centre]))
      )
    const insiders = await usersOf(world.centre)
    const outsiders = await usersOf(other)
    const pages: { path: string; secret: string; roles: readonly Role[] }[] = [
      { path: '/users', secret: 'Vermillonpersonnel', roles: USER_READERS },
      { path: '/users?q=Vermillon', secret: 'Vermillonpersonnel', roles: USER_READERS },
      { path: '/users?status=disabled', secret: 'Vermillondesactive', roles: USER_READERS },
      { path: '/users/export/csv', secret: world.staff.edited.email, roles: USER_READERS },
      { path: '/users/create', secret: 'Centre Vermillon', roles: ['account_manager'] },
    ]
    const text = (response: ApiResponse) => response.text().toLowerCase()
    for (const page of pages) {
      for (const user of insiders.filter((u) => page.roles.includes(u.role))) {
        const seen = await client.get(page.path).loginAs(user)
        assert.equal(seen.status(), 200, `${user.role} ${page.path}`)
        assert.include(text(seen), page.secret.toLowerCase(), `${user.role} ${page.path}`)
      }
      for (const user of outsiders.filter((u) => page.roles.includes(u.role))) {
        const seen = await client.get(page.path).loginAs(user)
        assert.equal(seen.status(), 200, `other ${user.role} ${page.path}`)
        assert.notInclude(text(seen), page.secret.toLowerCase(), `other ${user.role} ${page.path}`)
      }
    }
    // The other centre's own page of a user: its centres, not the first one's.
    const own = await expectStatus(
      client.get(`/users/${outsiders[1].id}/edit`).loginAs(outsiders[0]),
      200
    )
    assert.notInclude(text(own), 'centre vermillon')
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
