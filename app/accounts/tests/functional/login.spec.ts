import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import AuditLog from '#shared/audit/audit_log'
import { CentreFactory, TEST_PASSWORD, makeUser } from '#database/factories/index'
import { assertRedirect } from '#tests/helpers/http'

test.group('Login', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the login page is in French and shows the app version', async ({ client }) => {
    const response = await client.get('/login')
    response.assertStatus(200)
    response.assertTextIncludes('Connexion')
    response.assertTextIncludes('Mot de passe oublié ?')
    response.assertTextIncludes('Version 0.1.0')
  })

  test('a user logs in with the right password and the login is audited', async ({
    client,
    assert,
  }) => {
    const user = await makeUser('centre_manager', [await CentreFactory.create()])
    const response = await client
      .post('/login')
      .form({ email: user.email.toUpperCase(), password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    assertRedirect(response, '/')
    const entry = await AuditLog.query()
      .where('action', 'auth.login')
      .where('entity_id', String(user.id))
      .first()
    assert.exists(entry)
    await user.refresh()
    assert.isNotNull(user.lastLoginAt)
  })

  test('an imported user logs in with its login as well as its email', async ({ client }) => {
    await makeUser('learner', [], { login: 'jf.bernard' })
    const response = await client
      .post('/login')
      .form({ email: 'JF.Bernard', password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    assertRedirect(response, '/')
  })

  test('a wrong password is refused with a clear message and audited', async ({
    client,
    assert,
  }) => {
    const user = await makeUser('centre_staff')
    const response = await client
      .post('/login')
      .form({ email: user.email, password: 'not-the-password' })
      .withCsrfToken()
      .redirects(0)
    assertRedirect(response, '/login')
    response.assertFlashMessage('error', 'Email ou mot de passe incorrect.')
    const entry = await AuditLog.query().where('action', 'auth.login_failed').firstOrFail()
    assert.equal(entry.after?.email, user.email)
  })

  test('invited and disabled accounts cannot log in', async ({ client }) => {
    const invited = await makeUser('centre_staff', [], { status: 'invited' })
    const disabled = await makeUser('centre_staff', [], { status: 'disabled' })
    for (const user of [invited, disabled]) {
      const response = await client
        .post('/login')
        .form({ email: user.email, password: TEST_PASSWORD })
        .withCsrfToken()
        .redirects(0)
      response.assertFlashMessage('error', 'Email ou mot de passe incorrect.')
    }
  })

  test('the 6th failed attempt for an email is throttled, even with the right password', async ({
    client,
  }) => {
    const user = await makeUser('centre_staff')
    for (let i = 0; i < 5; i++) {
      const response = await client
        .post('/login')
        .form({ email: user.email, password: 'wrong-password' })
        .withCsrfToken()
        .redirects(0)
      response.assertFlashMessage('error', 'Email ou mot de passe incorrect.')
    }
    const sixth = await client
      .post('/login')
      .form({ email: user.email, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    assertRedirect(sixth, '/login')
    sixth.assertFlashMessage(
      'error',
      'Trop de tentatives de connexion. Réessayez dans 15 minute(s).'
    )
  })

  test('a login form posted without its CSRF token is refused', async ({ client, assert }) => {
    const user = await makeUser('centre_staff')
    const response = await client
      .post('/login')
      .form({ email: user.email, password: TEST_PASSWORD })
      .redirects(0)
    response.assertFlashMessage(
      'error',
      "Votre session a expiré ou le formulaire n'est plus valable. Rechargez la page et réessayez."
    )
    assert.notExists(await AuditLog.query().where('action', 'auth.login').first())
  })

  test('guests are sent to the login page; logging out ends the session', async ({ client }) => {
    const guest = await client.get('/users').redirects(0)
    assertRedirect(guest, '/login')
    const user = await makeUser('centre_manager')
    const out = await client.post('/logout').loginAs(user).withCsrfToken().redirects(0)
    assertRedirect(out, '/login')
  })
})
