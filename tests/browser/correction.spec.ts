import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import {
  CentreFactory,
  TEST_PASSWORD,
  makeCandidate,
  makeSession,
  makeUser,
} from '#database/factories/index'
import { logIn, newPerson } from '#tests/browser/helpers'
import { registerCandidates } from '#sessions/services/registrations'

test.group('Browser | mise en correction', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a session with an anomaly goes through the sheet to in_correction', async ({
    visit,
    browser,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    const accountManager = await makeUser('account_manager', [centre])
    const session = await makeSession(centre)
    const candidate = await makeCandidate(centre, { lastName: 'Poste', firstName: 'Quatre' })
    await registerCandidates(null, session.id, [
      { candidate, input: { tests: ['CE'], channel: 'on_site' } },
    ])
    await session.merge({ status: 'passed' }).save()

    const page = await visit('/login')
    await logIn(page, manager.email, TEST_PASSWORD)
    await page.getByTestId('current-user').waitFor()
    await page.goto(`/sessions/${session.id}`)
    await page.getByRole('link', { name: 'Mettre en correction avec anomalies' }).click()
    await page.getByLabel('Candidat').selectOption({ index: 1 })
    await page
      .getByLabel("Type d'anomalie")
      .selectOption({ label: "Utilisation d'un candidat virtuel" })
    await page.locator('#f-description').fill('Virtuel utilisé pour tester le poste 4 avant la CE.')
    await page.getByRole('button', { name: 'Ajouter à la feuille' }).click()
    await page.assertTextContains('[data-testid=anomaly-row]', 'POSTE Quatre')
    await page
      .getByRole('button', { name: 'Envoyer la feuille et demander la mise en correction' })
      .click()
    await page.locator('dialog[open]').getByTestId('confirm').click()
    await page.assertTextContains('[data-testid=correction-waiting]', '1 anomalie en attente')

    const desk = await newPerson(browser)
    await desk.goto('/login')
    await logIn(desk, accountManager.email, TEST_PASSWORD)
    await desk.getByTestId('current-user').waitFor()
    await desk.getByRole('link', { name: '1 anomalie à traiter' }).click()
    await desk.getByTestId('anomaly-row').getByRole('link').first().click()
    await desk.getByPlaceholder('Note de traitement').fill('Justification acceptée.')
    await desk.getByRole('button', { name: /^Traiter/ }).click()
    await desk.assertTextContains('.flash-success', 'est en correction')

    await page.reload()
    await page.assertTextContains('.page-head .badge', 'En correction')
    await session.refresh()
    assert.equal(session.status, 'in_correction')
  })
})
