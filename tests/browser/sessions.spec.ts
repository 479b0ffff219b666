import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { mkdir, readFile } from 'node:fs/promises'
import { PDFDocument } from 'pdf-lib'
import PurchaseOrder from '#sessions/models/purchase_order'
import ExcelJS from 'exceljs'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { ExamSession, Registration } from '#sessions'
import {
  CentreFactory,
  TEST_PASSWORD,
  makeCandidate,
  makeSession,
  makeUser,
} from '#database/factories/index'
import { logIn, newPerson } from '#tests/browser/helpers'
import { registerCandidates } from '#sessions/services/registrations'

test.group('Browser | sessions', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a centre manager creates a session with the wizard and opens its registrations', async ({
    visit,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    const page = await visit('/login')
    await logIn(page, manager.email, TEST_PASSWORD)
    await page.getByTestId('current-user').waitFor()
    await page.goto('/sessions')
    await page.getByRole('link', { name: 'Créer une session' }).first().click()

    await page.getByLabel('Produit').selectOption({ label: 'TEF Canada (CE, CO, EE, EO)' })
    await page.getByRole('button', { name: 'Étape suivante' }).click()
    const date = DateTime.utc().plus({ days: 30 }).toISODate()!
    await page.getByLabel('Date').fill(date)
    await page.getByLabel('Heure de début').fill('09:30')
    await page.getByLabel('Lieu de passation').fill('Salle Voltaire')
    await page.getByLabel('Nombre de places disponibles').fill('15')
    await page.getByRole('button', { name: 'Étape suivante' }).click()
    await page.getByLabel('EE — Expression écrite').uncheck()
    await page.getByRole('button', { name: 'Étape suivante' }).click()
    await page.getByLabel("Tarif HT de l'épreuve CE (€)").fill('45')
    await page.getByLabel("Tarif HT de l'épreuve CO (€)").fill('45')
    await page.getByLabel("Tarif HT de l'épreuve EO (€)").fill('95')
    await page.getByRole('button', { name: 'Étape suivante' }).click()
    await page.getByLabel('Apparaître sur le site et afficher les sessions prévues').check()
    await page.getByRole('button', { name: 'Étape suivante' }).click()
    await page.assertTextContains('[data-testid=summary]', 'CE, CO, EO')
    await page.assertTextContains('[data-testid=summary]', 'Salle Voltaire')
    await page.getByRole('button', { name: 'Créer la session' }).click()

    await page.assertTextContains('.flash-success', 'a été créée')
    const session = await ExamSession.query().where('centre_id', centre.id).firstOrFail()
    await page.assertTextContains('h1', String(session.number))
    await page.getByRole('button', { name: 'Ouvrir les inscriptions' }).click()
    await page.assertTextContains('.flash-success', 'Inscriptions ouvertes')
    await session.refresh()
    assert.equal(session.status, 'registrations_open')
  })

  test('centre staff register a candidate on site and see the access code', async ({
    visit,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    const session = await makeSession(centre)
    const candidate = await makeCandidate(centre, { lastName: 'Mercier', firstName: 'Jeanne' })
    const page = await visit('/login')
    await logIn(page, staff.email, TEST_PASSWORD)
    await page.getByTestId('current-user').waitFor()
    await page.goto(`/sessions/${session.id}`)
    await page.getByRole('link', { name: 'Inscrire un candidat' }).click()
    await page.getByLabel('Rechercher un candidat').fill('merc')
    await page.getByRole('button', { name: 'Recherche' }).click()
    await page.locator('#f-candidate_id').selectOption(String(candidate.id))
    await page.getByLabel('EE — Expression écrite').uncheck()
    await page.getByLabel('Motivation').selectOption('immigration_canada')
    await page.getByRole('button', { name: 'Inscrire' }).click()
    const registration = await Registration.findByOrFail('candidate_id', candidate.id)
    await page.assertTextContains('.flash-success', registration.accessCode)
    await page.assertTextContains('[data-testid=registrations]', 'MERCIER Jeanne')
    await page.assertTextContains('[data-testid=seats]', '1 / 10')
    await registration.load('tests')
    assert.sameMembers(
      registration.tests.map((t) => t.testCode),
      ['CE', 'CO', 'EO']
    )
  })

  test('a long session lists its candidates 50 a page, searched as one types', async ({
    visit,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    const session = await makeSession(centre, { seats: 60 })
    const candidates = []
    for (let i = 1; i <= 53; i++)
      candidates.push(
        await makeCandidate(centre, {
          lastName: `Nom${String(i).padStart(2, '0')}`,
          firstName: i === 42 ? 'Gaëlle' : 'Paul',
        })
      )
    await registerCandidates(
      null,
      session.id,
      candidates.map((candidate) => ({
        candidate,
        input: { tests: ['CE'], channel: 'on_site' as const },
      }))
    )
    const page = await visit('/login')
    await logIn(page, staff.email, TEST_PASSWORD)
    await page.getByTestId('current-user').waitFor()
    await page.goto(`/sessions/${session.id}`)
    assert.equal(await page.getByTestId('registration-row').count(), 50)
    await page.assertTextContains('[data-testid=seats]', '53 / 60')

    await page.getByLabel('Recherche').fill('gaëlle')
    await page.waitForURL(/q=/)
    await page.assertTextContains('#registrations-table', 'NOM42 Gaëlle')
    assert.equal(await page.getByTestId('registration-row').count(), 1)
    // The rest of the page stays: only the table was swapped.
    await page.assertTextContains('[data-testid=seats]', '53 / 60')

    await page.getByLabel('Recherche').fill('')
    await page.waitForURL(
      (url) => !url.search.includes('q=gaëlle') && !url.search.includes('q=ga%C3%ABlle')
    )
    await page
      .locator('#registrations-table nav')
      .getByRole('link', { name: '2', exact: true })
      .click()
    await page.waitForURL(/page=2/)
    await page.assertTextContains('#registrations-table', 'NOM53 Paul')
    assert.equal(await page.getByTestId('registration-row').count(), 3)
  })

  test('an absence is declared for one test of a registered candidate', async ({
    visit,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    const session = await makeSession(centre)
    const candidate = await makeCandidate(centre, { lastName: 'Garnier', firstName: 'Paul' })
    const [registration] = await registerCandidates(null, session.id, [
      { candidate, input: { tests: ['CE', 'EO'], channel: 'on_site' } },
    ])
    await session.merge({ status: 'registrations_closed' }).save()
    const page = await visit('/login')
    await logIn(page, staff.email, TEST_PASSWORD)
    await page.getByTestId('current-user').waitFor()
    await page.goto(`/sessions/${session.id}`)
    await page.getByRole('link', { name: "Gérer l'absence — GARNIER Paul" }).click()
    await page.getByLabel('EO').check()
    await page.getByRole('button', { name: 'Enregistrer' }).click()
    await page.assertTextContains('.flash-success', 'GARNIER Paul')
    await page.assertTextContains('[data-testid=registration-row] [data-test=EO]', 'abs.')
    await registration.load('tests')
    assert.isTrue(registration.tests.find((t) => t.testCode === 'EO')!.absent)
  })

  test('download the template, upload a file with errors, then a good one', async ({
    visit,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    const session = await makeSession(centre)
    const page = await visit('/login')
    await logIn(page, staff.email, TEST_PASSWORD)
    await page.getByTestId('current-user').waitFor()
    await page.goto(`/sessions/${session.id}`)
    await page.getByRole('link', { name: 'Importer des candidats' }).click()
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Télécharger le modèle (xlsx)' }).click(),
    ])
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile((await download.path())!)
    const sheet = workbook.getWorksheet('Candidats')!
    const fill = (rows: unknown[][]) => {
      rows.forEach((values, index) => {
        values.forEach(
          (value, column) => (sheet.getCell(index + 2, column + 1).value = value as any)
        )
      })
    }
    fill([
      [
        'Leroy',
        'Nina',
        '03/04/1999',
        'F',
        'FRA_français',
        'nina@example.test',
        'FR_France',
        'ETU_Études',
        'X1',
        'O',
        'O',
        'O',
        'O',
      ],
      [
        'Morel',
        'Tom',
        '99/99/1999',
        'H',
        'ENG_anglais',
        'tom@example.test',
        'FR_France',
        'EMP_Emploi',
        'X2',
        'O',
        'N',
        'N',
        'N',
      ],
    ])
    await mkdir(app.tmpPath('test-fixtures'), { recursive: true })
    const bad = app.tmpPath('test-fixtures', 'browser-bad.xlsx')
    await workbook.xlsx.writeFile(bad)
    await page.getByLabel('Fichier').setInputFiles(bad)
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click()
    await page.assertTextContains('[data-testid=import-errors]', 'Rien n')
    await page.assertTextContains('[data-testid=import-error]', 'Date invalide')
    assert.lengthOf(await Registration.query().where('session_id', session.id), 0)

    sheet.getCell('C3').value = '09/09/1999'
    const good = app.tmpPath('test-fixtures', 'browser-good.xlsx')
    await workbook.xlsx.writeFile(good)
    await page.getByRole('link', { name: 'Envoyer un fichier corrigé' }).click()
    await page.getByLabel('Fichier').setInputFiles(good)
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click()
    await page.assertTextContains('[data-testid=import-plan]', '2 candidats seront inscrits')
    await page
      .getByTestId('import-plan')
      .getByRole('button', { name: 'Importer', exact: true })
      .click()
    await page.assertTextContains('.flash-success', '2 inscription(s)')
    await page.assertTextContains('[data-testid=registrations]', 'LEROY Nina')
    await page.assertTextContains('[data-testid=registrations]', 'MOREL Tom')
    assert.lengthOf(await Registration.query().where('session_id', session.id), 2)
  })

  test('a guest pre-registers on the public page and the centre transfers it', async ({
    visit,
    browser,
    assert,
  }) => {
    const centre = await CentreFactory.merge({ onlineVisibility: 'with_sessions' }).create()
    const staff = await makeUser('centre_staff', [centre])
    const session = await makeSession(centre)
    await session.merge({ visibility: 'with_sessions' }).save()

    const guest = await visit(`/inscription/${centre.code}`)
    await guest.assertTextContains('[data-testid=public-sessions]', 'TEF Canada')
    await guest.locator('#f-session_id').selectOption(String(session.id))
    await guest.getByLabel('CO', { exact: true }).check()
    await guest.getByLabel('Madame').check()
    await guest.locator('#f-last_name').fill('Fontaine')
    await guest.locator('#f-first_name').fill('Inès')
    await guest.locator('#f-email').fill('ines.fontaine@example.test')
    await guest.locator('#f-birth_date').fill('1998-08-08')
    await guest.getByLabel("J'accepte que mes données").check()
    await guest.getByRole('button', { name: 'Envoyer ma pré-inscription' }).click()
    await guest.assertTextContains('.flash-success', 'Merci')

    const page = await newPerson(browser)
    await page.goto('/login')
    await logIn(page, staff.email, TEST_PASSWORD)
    await page.getByTestId('current-user').waitFor()
    await page.getByRole('link', { name: '1 pré-inscription à traiter' }).click()
    await page.getByRole('link', { name: 'Transférer' }).click()
    await page.getByRole('button', { name: 'Inscrire dans cette session' }).click()
    await page.assertTextContains('.flash-success', 'FONTAINE Inès est inscrit(e)')
    const registration = await Registration.query()
      .where('session_id', session.id)
      .preload('tests')
      .firstOrFail()
    assert.deepEqual(
      registration.tests.map((t) => t.testCode),
      ['CO']
    )
    assert.equal(registration.channel, 'online')
  })

  test('the centre manager signs the purchase order by hand and downloads the signed PDF', async ({
    visit,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre], {
      firstName: 'Sophie',
      lastName: 'Durand',
    })
    const session = await makeSession(centre)
    const candidate = await makeCandidate(centre)
    await registerCandidates(null, session.id, [
      { candidate, input: { tests: ['CE', 'CO'], channel: 'on_site' } },
    ])
    const page = await visit('/login')
    await logIn(page, manager.email, TEST_PASSWORD)
    await page.getByTestId('current-user').waitFor()
    await page.goto(`/sessions/${session.id}`)
    await page.assertTextContains('[data-testid=purchase-order-row]', 'Devis non signé')
    await page.getByRole('link', { name: 'Signer', exact: true }).click()
    await page.assertTextContains('[data-testid=total-ttc]', '120.00 €')
    const pad = page.getByTestId('signature-pad')
    const box = (await pad.boundingBox())!
    await page.mouse.move(box.x + 20, box.y + box.height / 2)
    await page.mouse.down()
    for (let i = 1; i <= 20; i++)
      await page.mouse.move(box.x + 20 + i * 15, box.y + box.height / 2 + (i % 2 ? 15 : -15))
    await page.mouse.up()
    await page.getByLabel('Je certifie être habilité(e)').check()
    await page.getByRole('button', { name: 'Signer le bon de commande' }).click()
    await page.assertTextContains('.flash-success', 'est signé')
    await page.assertTextContains('[data-testid=purchase-order-row]', 'Signé')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: `${session.number}_bon_commande.pdf` }).click(),
    ])
    const bytes = await readFile((await download.path())!)
    const pdf = await PDFDocument.load(bytes)
    assert.isAtLeast(pdf.getPageCount(), 1)
    const order = await PurchaseOrder.findByOrFail('session_id', session.id)
    assert.equal(order.signedName, 'Sophie DURAND')
    assert.equal(order.totalTtc, 12000)
  })
})
