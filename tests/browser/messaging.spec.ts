import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { CentreFactory, TEST_PASSWORD, makeUser } from '#database/factories/index'
import { logIn, newPerson } from '#tests/browser/helpers'

test.group('Browser | messaging', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a centre manager writes to its account manager, who replies; unread badges follow', async ({
    browser,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre], { firstName: 'Sophie' })
    const accountManager = await makeUser('account_manager', [centre], { firstName: 'Claire' })

    const centreSide = await newPerson(browser)
    await centreSide.goto('/login')
    await logIn(centreSide, manager.email, TEST_PASSWORD)
    await centreSide.getByRole('link', { name: 'Messagerie' }).click()
    await centreSide.getByRole('link', { name: 'Contacter le réseau' }).click()
    await centreSide.getByRole('textbox', { name: 'Titre' }).fill('Session de décembre')
    await centreSide
      .getByRole('textbox', { name: 'Message' })
      .fill('Pouvons-nous ajouter 5 places ?')
    await centreSide.getByRole('button', { name: 'Envoyer' }).click()
    await centreSide.getByText('Votre message a été envoyé.').waitFor()

    const networkSide = await newPerson(browser)
    await networkSide.goto('/login')
    await logIn(networkSide, accountManager.email, TEST_PASSWORD)
    await networkSide.getByTestId('unread-badge').waitFor()
    assert.equal(await networkSide.getByTestId('unread-badge').innerText(), '1')
    await networkSide.getByRole('link', { name: 'Messagerie' }).click()
    await networkSide.getByRole('link', { name: 'Session de décembre' }).click()
    await networkSide.getByText('Pouvons-nous ajouter 5 places ?').waitFor()
    assert.equal(await networkSide.getByTestId('unread-badge').count(), 0)
    await networkSide.getByRole('textbox', { name: 'Message' }).fill('Oui, c’est fait.')
    await networkSide.getByRole('button', { name: 'Envoyer' }).click()
    await networkSide.getByText('Votre message a été envoyé.').waitFor()

    await centreSide.goto('/')
    await centreSide.getByTestId('unread-badge').waitFor()
    await centreSide.getByRole('link', { name: /Messagerie/ }).click()
    await centreSide.getByRole('link', { name: 'Session de décembre' }).click()
    await centreSide.getByText('Oui, c’est fait.').waitFor()
    assert.equal(await centreSide.getByTestId('unread-badge').count(), 0)
  })
})
