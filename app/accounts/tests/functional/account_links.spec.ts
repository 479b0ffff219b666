import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import hash from '@adonisjs/core/services/hash'
import { DateTime } from 'luxon'
import { User } from '#accounts'
import UserToken from '#accounts/models/user_token'
import AuditLog from '#shared/audit/audit_log'
import { CentreFactory, makeUser } from '#database/factories/index'
import { linkInLastMailTo } from '#tests/helpers/mailbox'
import { assertRedirect, assertFieldError } from '#tests/helpers/http'

test.group('Password reset and invitations', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('forgot password sends a single-use link that sets a new password', async ({
    client,
    assert,
  }) => {
    const user = await makeUser('centre_staff')
    const asked = await client
      .post('/forgot-password')
      .form({ email: user.email })
      .withCsrfToken()
      .redirects(0)
    asked.assertFlashMessage(
      'success',
      "Si un compte actif correspond à cet email, un lien de réinitialisation vient d'être envoyé."
    )

    const { mail, url } = await linkInLastMailTo(user.email, '/reset-password')
    assert.equal(mail.subject, 'Réinitialisation de votre mot de passe Passerelle')

    const form = await client.get(url)
    form.assertStatus(200)
    form.assertTextIncludes('Nouveau mot de passe')

    const tooShort = await client
      .post(url)
      .form({ password: 'short', password_confirmation: 'short' })
      .withCsrfToken()
      .redirects(0)
    assertFieldError(tooShort, 'password', 'Saisissez au moins 10 caractères.')

    const done = await client
      .post(url)
      .form({ password: 'a-brand-new-password', password_confirmation: 'a-brand-new-password' })
      .withCsrfToken()
      .redirects(0)
    assertRedirect(done, '/login')
    await user.refresh()
    assert.isTrue(await hash.verify(user.password!, 'a-brand-new-password'))

    const again = await client.get(url)
    again.assertStatus(410)
    again.assertTextIncludes('Lien expiré ou déjà utilisé')
  })

  test('an unknown email gets the same answer and no mail', async ({ client, assert }) => {
    const response = await client
      .post('/forgot-password')
      .form({ email: 'nobody@example.test' })
      .withCsrfToken()
      .redirects(0)
    response.assertFlashMessage(
      'success',
      "Si un compte actif correspond à cet email, un lien de réinitialisation vient d'être envoyé."
    )
    assert.equal(
      await UserToken.query()
        .count('* as total')
        .then((r) => Number(r[0].$extras.total)),
      0
    )
  })

  test('an expired reset link is refused', async ({ client }) => {
    const user = await makeUser('centre_staff')
    const token = await UserToken.issue(user, 'password_reset')
    await UserToken.query()
      .where('user_id', user.id)
      .update({ expires_at: DateTime.utc().minus({ minutes: 1 }).toSQL({ includeOffset: false }) })
    const response = await client.get(`/reset-password/${token}`)
    response.assertStatus(410)
  })

  test('a network admin creates a user who accepts the invitation once', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const admin = await makeUser('network_admin')
    const created = await client
      .post('/users')
      .loginAs(admin)
      .form({
        first_name: 'Asmaa',
        last_name: 'Bouiri',
        email: 'asmaa.bouiri@example.test',
        role: 'evaluator',
        centre_ids: [centre.id],
      })
      .withCsrfToken()
      .redirects(0)
    const user = await User.findByOrFail('email', 'asmaa.bouiri@example.test')
    assertRedirect(created, `/users/${user.id}`)
    created.assertFlashMessage(
      'success',
      "Le compte de asmaa.bouiri@example.test a été créé et l'email de définition du mot de passe a été envoyé."
    )
    assert.equal(user.status, 'invited')
    assert.isNull(user.password)
    assert.deepEqual(await User.centreIdsOf(user.id), [centre.id])
    assert.exists(
      await AuditLog.query()
        .where('action', 'user.created')
        .where('entity_id', String(user.id))
        .first()
    )

    const { url } = await linkInLastMailTo(user.email, '/invitations')
    const page = await client.get(url)
    page.assertTextIncludes('Bonjour Asmaa, choisissez votre mot de passe')

    const accepted = await client
      .post(url)
      .form({ password: 'mon-mot-de-passe', password_confirmation: 'mon-mot-de-passe' })
      .withCsrfToken()
      .redirects(0)
    assertRedirect(accepted, '/')
    await user.refresh()
    assert.equal(user.status, 'active')

    const second = await client
      .post(url)
      .form({ password: 'another-password', password_confirmation: 'another-password' })
      .withCsrfToken()
      .redirects(0)
    second.assertStatus(410)
    await user.refresh()
    assert.isTrue(await hash.verify(user.password!, 'mon-mot-de-passe'))
  })

  test('a new link revokes the previous one', async ({ client }) => {
    const user = await makeUser('centre_staff')
    const first = await UserToken.issue(user, 'password_reset')
    await UserToken.issue(user, 'password_reset')
    const response = await client.get(`/reset-password/${first}`)
    response.assertStatus(410)
  })
})
