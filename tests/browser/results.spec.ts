import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import ExcelJS from 'exceljs'
import { readFile } from 'node:fs/promises'
import Attestation from '#sessions/models/attestation'
import RegistrationResult from '#sessions/models/registration_result'
import {
  CentreFactory,
  TEST_PASSWORD,
  makeCandidate,
  makeSession,
  makeUser,
} from '#database/factories/index'
import { logIn, newPerson } from '#tests/browser/helpers'
import { registerCandidates } from '#sessions/services/registrations'
import { publishResults } from '#sessions/services/results'
import { fixture } from '#tests/helpers/files'
import { pagesText } from '#tests/helpers/pdf'

async function sessionInCorrection() {
  const centre = await CentreFactory.create()
  const staff = await makeUser('centre_staff', [centre])
  const accountManager = await makeUser('account_manager', [centre])
  const admin = await makeUser('network_admin')
  const session = await makeSession(centre)
  const candidate = await makeCandidate(centre, { lastName: 'Bouiri', firstName: 'Asmaa' })
  const [registration] = await registerCandidates(null, session.id, [
    { candidate, input: { tests: ['CE', 'CO'], channel: 'on_site' } },
  ])
  await session.merge({ status: 'in_correction' }).save()
  return { centre, staff, accountManager, admin, session, registration }
}

test.group('Browser | results and attestations', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.timeout(90000)

  test('results imported, published, the attestation downloaded and its code verified', async ({
    visit,
    browser,
    assert,
  }) => {
    const { staff, accountManager, admin, session } = await sessionInCorrection()

    // The account manager fills the session's template and uploads it.
    const desk = await visit('/login')
    await logIn(desk, accountManager.email, TEST_PASSWORD)
    await desk.getByTestId('current-user').waitFor()
    await desk.goto(`/sessions/${session.id}`)
    await desk.getByRole('link', { name: 'Tableau de résultats' }).click()
    const [templateDownload] = await Promise.all([
      desk.waitForEvent('download'),
      desk.getByRole('link', { name: 'Télécharger le modèle de la session (xlsx)' }).click(),
    ])
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await readFile((await templateDownload.path())!)) as any)
    const sheet = workbook.getWorksheet('Résultats')!
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[]
    const cell = (name: string) => sheet.getRow(2).getCell(header.indexOf(name) + 1)
    cell('CE score /300').value = 250
    cell('CE niveau').value = 'B2'
    cell('CO score /360').value = 301
    cell('CO niveau').value = 'C1'
    const filled = await fixture(
      'results-browser.xlsx',
      Buffer.from(await workbook.xlsx.writeBuffer())
    )
    await desk.locator('#f-file').setInputFiles(filled)
    await desk.getByRole('button', { name: 'Importer', exact: true }).click()
    await desk.assertTextContains('.flash-success', 'Fichier importé')
    await desk.assertTextContains('[data-testid=results-state]', 'Tous les résultats sont saisis')

    // The network admin publishes.
    const adminPage = await newPerson(browser)
    await adminPage.goto('/login')
    await logIn(adminPage, admin.email, TEST_PASSWORD)
    await adminPage.getByTestId('current-user').waitFor()
    await adminPage.goto(`/sessions/${session.id}/results`)
    await adminPage.getByRole('button', { name: 'Publier les résultats' }).click()
    await adminPage.assertTextContains('.flash-success', 'sont publiés')

    // The centre downloads the attestation, then all of them through the background job.
    const page = await newPerson(browser)
    await page.goto('/login')
    await logIn(page, staff.email, TEST_PASSWORD)
    await page.getByTestId('current-user').waitFor()
    await page.goto(`/sessions/${session.id}/results`)
    await page.assertTextContains('[data-testid=result-row] [data-test=CO]', '301')
    const [pdfDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Télécharger' }).first().click(),
    ])
    const [text] = await pagesText(await readFile((await pdfDownload.path())!))
    const attestation = await Attestation.firstOrFail()
    assert.include(text, 'BOUIRI Asmaa')
    assert.include(text, attestation.code)
    await page.getByRole('button', { name: 'Télécharger toutes les attestations (PDF)' }).click()
    await page.getByTestId('job-download').waitFor({ timeout: 30000 })
    await page.assertTextContains('[data-testid=job]', '1 attestation prête.')

    // Anyone checks the code on the public page, typed as printed.
    const stranger = await newPerson(browser)
    await stranger.goto('/verify')
    await stranger.getByLabel('Code de vérification').fill(attestation.code.toLowerCase())
    await stranger.getByRole('button', { name: 'Vérifier' }).click()
    await stranger.assertTextContains('[data-testid=verify-result]', 'Attestation valide')
    await stranger.assertTextContains('[data-testid=verify-result]', '301 / 360')
  })

  test('an appeal changes a score and the old code shows superseded', async ({
    visit,
    browser,
    assert,
  }) => {
    const { staff, accountManager, admin, session, registration } = await sessionInCorrection()
    await RegistrationResult.createMany([
      {
        registrationId: registration.id,
        testCode: 'CE',
        score: 250,
        level: 'B2',
        source: 'manual',
      },
      {
        registrationId: registration.id,
        testCode: 'CO',
        score: 301,
        level: 'C1',
        source: 'manual',
      },
    ])
    await publishResults(admin, session.id, null)
    const old = await Attestation.firstOrFail()

    const page = await visit('/login')
    await logIn(page, staff.email, TEST_PASSWORD)
    await page.getByTestId('current-user').waitFor()
    await page.goto(`/sessions/${session.id}`)
    await page.getByText('Demandes', { exact: true }).click()
    await page.getByRole('link', { name: 'Recours' }).click()
    await page.getByLabel('Description de la demande').fill('La candidate conteste sa note de CO.')
    await page.getByRole('button', { name: 'Envoyer la demande' }).click()
    await page.assertTextContains('.flash-success', 'a été envoyée')

    const desk = await newPerson(browser)
    await desk.goto('/login')
    await logIn(desk, accountManager.email, TEST_PASSWORD)
    await desk.getByTestId('current-user').waitFor()
    await desk.goto('/requests/appeals')
    await desk.getByTestId('request-row').getByRole('link').first().click()
    await desk.getByRole('button', { name: 'Valider la demande' }).click()
    await desk.goto(`/sessions/${session.id}/results`)
    await desk.locator(`#s-${registration.id}-CO`).fill('320')
    await desk.getByLabel('Motif de la recorrection').fill('Recorrection après recours')
    await desk.getByRole('button', { name: 'Enregistrer les résultats' }).click()
    await desk.assertTextContains('.flash-success', 'Résultats enregistrés pour 1 candidat')

    await old.refresh()
    assert.equal(old.status, 'superseded')
    const stranger = await newPerson(browser)
    await stranger.goto(`/verify/${old.code}`)
    await stranger.assertTextContains('[data-testid=verify-result]', 'Attestation remplacée')
    await stranger.getByRole('link', { name: /[0-9A-Z]{4}-/ }).click()
    await stranger.assertTextContains('[data-testid=verify-result]', 'Attestation valide')
    await stranger.assertTextContains('[data-testid=verify-result]', '320 / 360')
  })
})
