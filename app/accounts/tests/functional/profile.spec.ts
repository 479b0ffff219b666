import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import hash from '@adonisjs/core/services/hash'
import { makeUser, TEST_PASSWORD } from '#database/factories/index'
import { assertRedirect, assertFieldError } from '#tests/helpers/http'

test.group('Profile and language', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a user edits its name and language; the page then speaks English', async ({
    client,
    assert,
  }) => {
    const user = await makeUser('teacher')
    const response = await client
      .put('/profile')
      .loginAs(user)
      .form({ first_name: 'Éloïse', last_name: "N'Diaye", locale: 'en' })
      .withCsrfToken()
      .redirects(0)
    assertRedirect(response, '/profile')
    await user.refresh()
    assert.equal(user.firstName, 'Éloïse')
    const page = await client.get('/profile').loginAs(user)
    page.assertTextIncludes('My profile')
  })

  test('changing the password needs the current one', async ({ client, assert }) => {
    const user = await makeUser('teacher')
    const wrong = await client
      .put('/profile/password')
      .loginAs(user)
      .form({
        current_password: 'nope-nope-nope',
        password: 'new-password-123',
        password_confirmation: 'new-password-123',
      })
      .withCsrfToken()
      .redirects(0)
    assertFieldError(wrong, 'current_password', 'Le mot de passe actuel est incorrect.')
    await client
      .put('/profile/password')
      .loginAs(user)
      .form({
        current_password: TEST_PASSWORD,
        password: 'new-password-123',
        password_confirmation: 'new-password-123',
      })
      .withCsrfToken()
    await user.refresh()
    assert.isTrue(await hash.verify(user.password!, 'new-password-123'))
  })

  test('guests switch language with a cookie; Accept-Language is the default', async ({
    client,
  }) => {
    const english = await client.get('/login').header('Accept-Language', 'en-GB,en;q=0.9')
    english.assertTextIncludes('Log in')
    const switched = await client
      .post('/locale')
      .form({ locale: 'en' })
      .withCsrfToken()
      .redirects(0)
    switched.assertCookie('locale')
    const french = await client.get('/login')
    french.assertTextIncludes('Connexion')
  })
})
