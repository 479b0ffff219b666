import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { makeUser } from '#database/factories/index'
import { assertTextExcludes, expectStatus } from '#tests/helpers/http'

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

test.group('Dashboard boxes', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the network sees what to process; the centre sees the outcome in Informations', async ({
    client,
  }) => {
    const { CentreFactory } = await import('#database/factories/index')
    const { submitAccountRequest, acceptAccountRequest } =
      await import('#messaging/services/account_requests')
    const centre = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    const accountManager = await makeUser('account_manager', [centre])
    const admin = await makeUser('network_admin')
    const request = await submitAccountRequest(manager, {
      centreId: centre.id,
      firstName: 'Lucas',
      lastName: 'Moreau',
      email: 'lucas.moreau@example.test',
      role: 'centre_staff',
    })

    const todo = await client.get('/').loginAs(accountManager)
    todo.assertTextIncludes('1 demande de compte à traiter')
    todo.assertTextIncludes('1 conversation non lue')
    const empty = await client.get('/').loginAs(manager)
    empty.assertTextIncludes('Aucune information récente.')

    await acceptAccountRequest(admin, request)
    const outcome = await client.get('/').loginAs(manager)
    outcome.assertTextIncludes('Votre demande de compte pour Lucas MOREAU a été validée.')
    const done = await client.get('/').loginAs(accountManager)
    assertTextExcludes(done, 'demande de compte à traiter')
  })

  test("another centre's outcomes never show", async ({ client }) => {
    const { CentreFactory } = await import('#database/factories/index')
    const { submitAccountRequest, refuseAccountRequest } =
      await import('#messaging/services/account_requests')
    const centre = await CentreFactory.create()
    const other = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    const outsider = await makeUser('centre_manager', [other])
    const request = await submitAccountRequest(manager, {
      centreId: centre.id,
      firstName: 'Anne',
      lastName: 'Secret',
      email: 'anne.secret@example.test',
      role: 'evaluator',
    })
    await refuseAccountRequest(await makeUser('network_admin'), request, 'Non')
    const page = await client.get('/').loginAs(outsider)
    assertTextExcludes(page, 'SECRET')
  })
})

test.group('Evaluators and the portal', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an evaluator is sent to the exam passport and refused every portal page', async ({
    client,
    assert,
  }) => {
    const { CentreFactory } = await import('#database/factories/index')
    const centre = await CentreFactory.create()
    const evaluator = await makeUser('evaluator', [centre])
    const home = await client.get('/').loginAs(evaluator).redirects(0)
    assert.equal(home.header('location'), '/passport')
    const passport = await client.get('/').loginAs(evaluator)
    passport.assertTextIncludes('Passeport – sessions en cours')
    for (const url of [
      '/users',
      '/messages',
      '/messages/new',
      '/centres',
      '/groups',
      '/my-centre',
      '/account-requests/new',
      '/admin/audit',
    ]) {
      await expectStatus(client.get(url).loginAs(evaluator), 403)
    }
  })
})

test.group('Health page', () => {
  test('answers a static page to anyone, in French or English, with the security headers', async ({
    client,
    assert,
  }) => {
    const page = await client.get('/health')
    page.assertStatus(200)
    page.assertTextIncludes('Le service fonctionne.')
    assert.include(page.header('content-security-policy') ?? '', "default-src 'self'")
    const english = await client.get('/health').header('Accept-Language', 'en')
    english.assertTextIncludes('The service is running.')
  })
})
