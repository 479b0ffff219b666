import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type { ApiResponse } from '@japa/api-client'
import type { Role } from '#shared/roles'
import { CentreFactory, makeSession, makeUser } from '#database/factories/index'
import { authorisationTests, usersOf } from '#tests/helpers/authorization'
import { ROUTES } from './dashboard_authorization.table.js'

/*
 * The dashboard module's authorisation table (dashboard_authorization.table.ts),
 * then what another centre's dashboard never shows of the first one.
 */

test.group('Dashboard · authorisation, route by route', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  authorisationTests({
    routes: ROUTES,
    makeWorld: async () => ({ centre: await CentreFactory.create() }),
    outsidersTitle: 'another centre, another portfolio: as the table says',
  })
})

test.group('Dashboard · what another centre never sees', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("the home page shows its own centres' sessions, requests and decisions only", async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.merge({ name: 'Centre Vermillon' }).create()
    const other = await CentreFactory.merge({ name: 'Centre Outremer' }).create()
    const session = await makeSession(centre)
    const manager = await makeUser('centre_manager', [centre])
    // One staff account asked for and refused, one still to decide.
    for (const lastName of ['Vermillonrefuse', 'Vermillonattente']) {
      const asked = await client
        .post('/account-requests')
        .loginAs(manager)
        .form({
          first_name: 'Paul',
          last_name: lastName,
          email: `${lastName.toLowerCase()}@example.test`,
          role: 'centre_staff',
          centre_id: centre.id,
        })
        .withCsrfToken()
      assert.equal(asked.status(), 200, lastName)
    }
    const refused = await db.from('account_requests').where('last_name', 'Vermillonrefuse').first()
    await client
      .post(`/account-requests/${refused.id}/refusal`)
      .loginAs(await makeUser('network_admin'))
      .form({ reason: 'Déjà une personne à ce poste.' })
      .withCsrfToken()

    const roles: Role[] = ['account_manager', 'centre_manager', 'centre_staff']
    // What of the centre each role's home shows: its next session, a decision, a request to decide.
    const secrets: { secret: string; roles: readonly Role[] }[] = [
      {
        secret: String(session.number),
        roles,
      },
      { secret: 'VERMILLONREFUSE', roles: ['centre_manager', 'centre_staff'] },
      { secret: 'type=account_request', roles: ['account_manager'] },
    ]
    const text = (response: ApiResponse) => response.text()
    for (const [users, inside] of [
      [await usersOf(roles, [centre]), true],
      [await usersOf(roles, [other]), false],
    ] as const) {
      for (const user of users) {
        const home = await client.get('/').loginAs(user)
        assert.equal(home.status(), 200, user.role)
        for (const { secret } of secrets.filter((s) => s.roles.includes(user.role))) {
          if (inside) assert.include(text(home), secret, `${user.role}: ${secret}`)
          else assert.notInclude(text(home), secret, `other ${user.role}: ${secret}`)
        }
      }
    }
  })
})
