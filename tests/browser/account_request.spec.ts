import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { CentreFactory, TEST_PASSWORD, makeUser } from '#database/factories/index'
import { logIn, newPerson } from '#tests/browser/helpers'
import { linkInLastMailTo } from '#tests/helpers/mailbox'

test.group('Browser | account request', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a centre manager asks for an evaluator account; the network accepts; the evaluator logs in', async ({
    browser,
  }) => {
    const centre = await CentreFactory.merge({ name: 'Alliance Lyon' }).create()
    const manager = await makeUser('centre_manager', [centre])
    const admin = await makeUser('network_admin')

    const centreSide = await newPerson(browser)
    await centreSide.goto('/login')
    await logIn(centreSide, manager.email, TEST_PASSWORD)
    await centreSide.getByText('Mon centre').click()
    await centreSide.getByRole('link', { name: 'Mes utilisateurs' }).click()
    await centreSide.getByRole('link', { name: 'Demander un compte' }).click()
    await centreSide.getByRole('textbox', { name: 'Nom', exact: true }).fill('Bouiri')
    await centreSide.getByRole('textbox', { name: 'Prénom' }).fill('Asmaa')
    await centreSide.getByRole('textbox', { name: 'Email' }).fill('asmaa.eval@example.test')
    await centreSide.getByRole('combobox', { name: 'Rôle' }).selectOption('evaluator')
    await centreSide.getByRole('button', { name: 'Envoyer la demande' }).click()
    await centreSide.getByText('Votre demande a été envoyée au service pédagogique.').waitFor()

    const networkSide = await newPerson(browser)
    await networkSide.goto('/login')
    await logIn(networkSide, admin.email, TEST_PASSWORD)
    await networkSide.getByRole('link', { name: /Messagerie/ }).click()
    await networkSide.getByRole('link', { name: 'Asmaa BOUIRI' }).click()
    await networkSide.getByRole('button', { name: 'Accepter et créer le compte' }).click()
    await networkSide
      .getByText("l'email de définition du mot de passe a été envoyé")
      .first()
      .waitFor()

    const { url } = await linkInLastMailTo('asmaa.eval@example.test', '/invitations')
    const evaluator = await newPerson(browser)
    await evaluator.goto(url)
    await evaluator.getByLabel('Nouveau mot de passe').fill('secret-evaluatrice')
    await evaluator.getByLabel('Confirmez le mot de passe').fill('secret-evaluatrice')
    await evaluator.getByRole('button', { name: 'Activer mon compte' }).click()
    await evaluator.getByText('Bienvenue Asmaa').waitFor()
    await evaluator.getByRole('button', { name: 'Se déconnecter' }).click()
    await logIn(evaluator, 'asmaa.eval@example.test', 'secret-evaluatrice')
    await evaluator.getByTestId('main-menu').getByText('Passeport – sessions en cours').waitFor()
  })
})
