import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { CentreFactory, TEST_PASSWORD, makeUser } from '#database/factories/index'
import { logIn } from '#tests/browser/helpers'
import { linkInLastMailTo } from '#tests/helpers/mailbox'

test.group('Browser | account links', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('forgot password: the emailed link resets it and the new password logs in', async ({
    visit,
  }) => {
    const user = await makeUser('centre_manager', [], { firstName: 'Françoise' })
    const page = await visit('/login')
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click()
    await page.getByLabel('Email').fill(user.email)
    await page.getByRole('button', { name: 'Envoyer le lien' }).click()
    await page.assertTextContains('.flash-success', 'un lien de réinitialisation vient')

    const { url } = await linkInLastMailTo(user.email, '/reset-password')
    await page.goto(url)
    await page.getByLabel('Nouveau mot de passe').fill('un-nouveau-secret')
    await page.getByLabel('Confirmez le mot de passe').fill('un-nouveau-secret')
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click()
    await page.assertTextContains('.flash-success', 'Votre mot de passe a été modifié')

    await logIn(page, user.email, 'un-nouveau-secret')
    await page.assertTextContains('[data-testid="welcome"]', 'Bonjour Françoise')
  })

  test('an invitation link sets a password once and is refused the second time', async ({
    visit,
    browserContext,
  }) => {
    const centre = await CentreFactory.create()
    const admin = await makeUser('network_admin')
    const page = await visit('/login')
    await logIn(page, admin.email, TEST_PASSWORD)
    await page.getByTestId('current-user').waitFor()
    await page.goto('/users/create')
    await page.getByRole('textbox', { name: 'Nom', exact: true }).fill('Bouiri')
    await page.getByLabel('Prénom').fill('Asmaa')
    await page.getByLabel('Email').fill('asmaa.b@example.test')
    await page.getByLabel('Rôle').selectOption('evaluator')
    await page.getByLabel(`${centre.code} – ${centre.name}`).check()
    await page.getByRole('button', { name: 'Enregistrer' }).click()
    await page.assertTextContains(
      '.flash-success',
      "l'email de définition du mot de passe a été envoyé"
    )
    await page.assertTextContains('.badge', 'Invité')

    const { url } = await linkInLastMailTo('asmaa.b@example.test', '/invitations')
    await browserContext.clearCookies()
    await page.goto(url)
    await page.assertTextContains('main', 'Bonjour Asmaa')
    await page.getByLabel('Nouveau mot de passe').fill('mon-secret-evaluatrice')
    await page.getByLabel('Confirmez le mot de passe').fill('mon-secret-evaluatrice')
    await page.getByRole('button', { name: 'Activer mon compte' }).click()
    await page.assertTextContains('.flash-success', 'Bienvenue Asmaa')
    await page.assertTextContains('[data-testid="main-menu"]', 'Passeport')

    await browserContext.clearCookies()
    await page.goto(url)
    await page.assertTextContains('h1', 'Lien expiré ou déjà utilisé')
  })
})
