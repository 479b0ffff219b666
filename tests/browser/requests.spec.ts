import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { Registration } from '#sessions'
import RegistrationRequest from '#sessions/models/registration_request'
import {
  CentreFactory,
  TEST_PASSWORD,
  makeCandidate,
  makeSession,
  makeUser,
} from '#database/factories/index'
import { logIn, newPerson } from '#tests/browser/helpers'
import { registerCandidates } from '#sessions/services/registrations'
import { PDF, fixture } from '#tests/helpers/files'

async function registeredCandidate() {
  const centre = await CentreFactory.create()
  const staff = await makeUser('centre_staff', [centre])
  const accountManager = await makeUser('account_manager', [centre])
  const session = await makeSession(centre)
  const candidate = await makeCandidate(centre, { lastName: 'Bouiri', firstName: 'Asmaa' })
  const [registration] = await registerCandidates(null, session.id, [
    { candidate, input: { tests: ['CE', 'CO', 'EO'], channel: 'on_site' } },
  ])
  return { centre, staff, accountManager, session, registration }
}

test.group('Browser | requests about registrations', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a centre asks for a tiers-temps, the account manager accepts, the centre sees the green label and the notice', async ({
    visit,
    browser,
    assert,
  }) => {
    const { staff, accountManager, session } = await registeredCandidate()
    const page = await visit('/login')
    await logIn(page, staff.email, TEST_PASSWORD)
    await page.getByTestId('current-user').waitFor()
    await page.goto(`/sessions/${session.id}`)
    await page.getByText('Demandes', { exact: true }).click()
    await page.getByRole('link', { name: 'Aménagement' }).click()
    await page.getByLabel('Type').selectOption({ label: 'Tiers-temps' })
    await page
      .getByLabel('Description de la demande')
      .fill('Candidate dyslexique, certificat médical joint.')
    await page.locator('#f-attachments').setInputFiles(await fixture('certificat.pdf', PDF))
    await page.getByRole('button', { name: 'Envoyer la demande' }).click()
    await page.assertTextContains('.flash-success', 'a été envoyée')
    await page.goto(`/sessions/${session.id}`)
    await page.assertTextContains('[data-testid=request-label]', 'Tiers-temps en cours')

    // The account manager, at another desk, finds it in Candidats › Aménagements.
    const desk = await newPerson(browser)
    await desk.goto('/login')
    await logIn(desk, accountManager.email, TEST_PASSWORD)
    await desk.getByTestId('current-user').waitFor()
    await desk.getByRole('link', { name: /demande d'aménagement à traiter/ }).click()
    await desk.getByTestId('request-row').getByRole('link').first().click()
    await desk.getByRole('link', { name: 'certificat.pdf' }).waitFor()
    await desk.getByRole('button', { name: 'Prendre en charge' }).click()
    await desk.getByRole('button', { name: 'Valider la demande' }).click()
    await desk.locator('.flash-success').waitFor()
    const request = await RegistrationRequest.firstOrFail()
    assert.equal(request.status, 'accepted')

    await page.goto(`/sessions/${session.id}`)
    await page.assertTextContains('[data-testid=request-label]', 'Tiers-temps validé')
    assert.include(
      (await page.locator('[data-testid=request-label] .badge').getAttribute('class')) ?? '',
      'badge-success'
    )
    await page.goto('/')
    await page.assertTextContains(
      'body',
      `Votre demande d'aménagement concernant la session ${session.number}`
    )
  })

  test('a postponement is accepted and the candidate re-registered into another session', async ({
    visit,
    browser,
    assert,
  }) => {
    const { centre, staff, accountManager, session, registration } = await registeredCandidate()
    const later = await makeSession(centre, { startsAt: DateTime.utc().plus({ days: 45 }) })
    const page = await visit('/login')
    await logIn(page, staff.email, TEST_PASSWORD)
    await page.getByTestId('current-user').waitFor()
    await page.goto(`/sessions/${session.id}`)
    await page.getByText('Demandes', { exact: true }).click()
    await page.getByRole('link', { name: 'Report' }).click()
    await page
      .getByLabel('Description de la demande')
      .fill('Le candidat est hospitalisé, bulletin joint.')
    await page.getByRole('button', { name: 'Envoyer la demande' }).click()
    await page.assertTextContains('.flash-success', 'a été envoyée')

    const desk = await newPerson(browser)
    await desk.goto('/login')
    await logIn(desk, accountManager.email, TEST_PASSWORD)
    await desk.getByTestId('current-user').waitFor()
    await desk.goto('/requests/postponements')
    await desk.getByTestId('request-row').getByRole('link').first().click()
    await desk.getByRole('button', { name: 'Valider la demande' }).click()
    await desk.getByLabel('Nouvelle session').selectOption({ index: 1 })
    await desk.getByRole('button', { name: 'Réinscrire le candidat' }).click()
    await desk.assertTextContains('.flash-success', `session ${later.number}`)
    await desk.assertTextContains('[data-testid=new-session]', String(later.number))

    await registration.refresh()
    assert.equal(registration.status, 'postponed')
    const moved = await Registration.findOrFail(registration.postponedToId)
    assert.equal(moved.sessionId, later.id)
    await page.goto(`/sessions/${later.id}`)
    await page.assertTextContains('[data-testid=registrations]', 'BOUIRI Asmaa')
    await page.goto(`/sessions/${session.id}`)
    await page.assertTextContains('[data-testid=request-label]', 'Rep validé')
  })
})
