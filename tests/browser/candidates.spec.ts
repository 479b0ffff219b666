import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import ExcelJS from 'exceljs'
import { DateTime } from 'luxon'
import { Group } from '#centres'
import { Candidate } from '#candidates'
import { CentreFactory, TEST_PASSWORD, makeCandidate, makeUser } from '#database/factories/index'
import { logIn } from '#tests/browser/helpers'

test.group('Browser | candidates', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('create through the five steps, edit, find, group, hide a group, export', async ({
    visit,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    const september = await Group.create({
      centreId: centre.id,
      name: 'Session de septembre',
      category: 'exam_session',
      hidden: false,
    })
    await Group.create({
      centreId: centre.id,
      name: 'Client Renault',
      category: 'client',
      hidden: false,
    })
    await makeCandidate(centre, { lastName: 'Autre', firstName: 'Personne' })

    const page = await visit('/login')
    await logIn(page, staff.email, TEST_PASSWORD)
    await page.getByTestId('current-user').waitFor()
    await page.goto('/candidates')
    await page.getByRole('link', { name: 'Créer un candidat' }).click()

    // Step 1, with an error fixed on the spot.
    await page.getByLabel('Madame').check()
    await page.locator('#f-last_name').fill('Lefèvre')
    await page.getByLabel('Prénom').fill('Sarah')
    await page.getByLabel('Courriel').fill('pas-un-courriel')
    await page.getByLabel('Date de naissance').fill('1996-02-29')
    await page.getByRole('button', { name: 'Étape suivante' }).click()
    await page.assertTextContains('.field.has-error', 'Saisissez une adresse email valide.')
    await page.assertInputValue('#f-last_name', 'Lefèvre')
    await page.getByLabel('Courriel').fill('sarah.lefevre@example.test')
    await page.getByRole('button', { name: 'Étape suivante' }).click()

    // Step 2: invitation by email. Going back keeps step 1.
    await page.waitForURL(/\/create\/account$/)
    await page.getByRole('link', { name: 'Étape précédente' }).click()
    await page.assertInputValue('#f-first_name', 'Sarah')
    await page.getByRole('button', { name: 'Étape suivante' }).click()
    await page.getByLabel('Créer son compte et lui envoyer une invitation par courriel').check()
    await page.getByRole('button', { name: 'Étape suivante' }).click()

    // Step 3: the file exists after it.
    await page.getByLabel('Statut').selectOption('job_seeker')
    await page.getByLabel('Mode de financement').selectOption('cpf')
    await page.getByRole('button', { name: 'Créer le dossier' }).click()
    await page.assertTextContains('h1', 'Dossier créé')
    const candidate = await Candidate.findByOrFail('email', 'sarah.lefevre@example.test')

    // Steps 4 and 5, optional.
    await page.getByRole('link', { name: 'Continuer' }).click()
    await page.getByLabel('Commune').fill('Lille')
    await page.getByRole('button', { name: 'Étape suivante' }).click()
    await page.getByLabel("Niveau d'études").selectOption('bac5')
    await page.getByRole('button', { name: 'Terminer' }).click()
    await page.waitForURL(new RegExp(`/candidates/${candidate.id}`))
    await page.assertTextContains('main', 'Lille')
    await page.assertTextContains('main', 'Bac + 5')

    // Edit a page of the file.
    await page.getByRole('link', { name: 'Modifier — Coordonnées' }).click()
    await page.getByLabel('Commune').fill('Roubaix')
    await page.getByRole('button', { name: 'Enregistrer' }).click()
    await page.assertTextContains('.flash-success', 'Les modifications sont enregistrées.')
    await page.assertTextContains('main', 'Roubaix')

    // Into two groups.
    await page.getByLabel('Groupe').selectOption(String(september.id))
    await page.getByRole('button', { name: 'Ajouter au groupe' }).click()
    await page.assertTextContains('.flash-success', 'Session de septembre')
    await page.getByLabel('Groupe').selectOption({ label: 'Client Renault' })
    await page.getByRole('button', { name: 'Ajouter au groupe' }).click()
    await page.assertTextContains('[data-testid=candidate-groups]', 'Client Renault')
    await page.assertTextContains('[data-testid=candidate-groups]', 'Session de septembre')

    // Find it with search and filters.
    await page.goto('/candidates')
    await page.getByLabel('Recherche').fill('lefèvre')
    await page.waitForURL(/q=/)
    await page.assertTextContains('#candidates-table', 'LEFÈVRE Sarah')
    await page.assertNotExists('#candidates-table >> text=AUTRE Personne')
    await page.assertTextContains('#candidates-table', 'Client Renault')
    await page.assertExists('#candidates-table [data-envelope=invited]')
    await page.getByLabel('Recherche').fill('')
    await page.getByLabel('Statut').selectOption('to_assign')
    await page.waitForURL(/status=to_assign/)
    await page.assertTextContains('#candidates-table', 'LEFÈVRE Sarah')

    // Export the table as shown and read the file back.
    await page.goto('/candidates?q=sarah')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Exporter (xlsx)' }).click(),
    ])
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile((await download.path())!)
    const sheet = workbook.worksheets[0]
    assert.equal(sheet.rowCount, 2)
    assert.equal(sheet.getRow(2).getCell(1).value, 'LEFÈVRE Sarah')
    assert.equal(sheet.getRow(2).getCell(3).value, 'Client Renault, Session de septembre')

    // Hide a group: its candidates leave the table.
    await page.goto('/groups')
    await page
      .getByTestId('group-row')
      .filter({ hasText: 'Client Renault' })
      .getByRole('button', { name: 'Masquer' })
      .click()
    await page.goto('/candidates')
    await page.assertNotExists('#candidates-table >> text=LEFÈVRE Sarah')
    await page.assertTextContains('#candidates-table', 'AUTRE Personne')
  })

  test('a same name and birth date is flagged with a link to the existing file', async ({
    visit,
  }) => {
    const centre = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    const existing = await makeCandidate(centre, {
      lastName: 'Martin',
      firstName: 'Louis',
      birthDate: DateTime.utc(1985, 10, 3),
    })
    const page = await visit('/login')
    await logIn(page, staff.email, TEST_PASSWORD)
    await page.getByTestId('current-user').waitFor()
    await page.goto('/candidates/create')
    await page.getByLabel('Monsieur').check()
    await page.locator('#f-last_name').fill('MARTIN')
    await page.getByLabel('Prénom').fill('louis')
    await page.getByLabel('Courriel').fill('louis.martin2@example.test')
    await page.getByLabel('Date de naissance').fill('1985-10-03')
    await page.getByRole('button', { name: 'Étape suivante' }).click()
    await page.assertTextContains('[data-testid=duplicates]', 'Doublon possible')
    await page.assertExists(`[data-testid=duplicates] a[href="/candidates/${existing.id}"]`)
    await page.getByLabel("Je confirme qu'il s'agit d'une autre personne").check()
    await page.getByRole('button', { name: 'Étape suivante' }).click()
    await page.waitForURL(/\/create\/account$/)
  })
})
