import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { makeUser } from '#database/factories/index'
import { expectStatus } from '#tests/helpers/http'

test.group('Dashboard and coming-soon pages', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the dashboard greets the user by name', async ({ client }) => {
    const user = await makeUser('centre_manager', [], { firstName: 'Sophie' })
    const response = await client.get('/').loginAs(user)
    response.assertTextIncludes('Bonjour Sophie')
  })

  test('a menu entry not built yet has its page; entries of other roles do not', async ({
    client,
  }) => {
    const manager = await makeUser('centre_manager')
    const page = await expectStatus(client.get('/soon/tariffs').loginAs(manager), 200)
    page.assertTextIncludes('Bientôt disponible')
    await expectStatus(client.get('/soon/audit').loginAs(manager), 404)
    await expectStatus(client.get('/soon/tariffs').redirects(0), 302)
  })
})
