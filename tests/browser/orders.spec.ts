import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import app from '@adonisjs/core/services/app'
import ExcelJS from 'exceljs'
import { DateTime } from 'luxon'
import { readFile } from 'node:fs/promises'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Locator, Page } from 'playwright'
import {
  CentreFactory,
  TEST_PASSWORD,
  makeCandidate,
  makeCreditProduct,
  makeUser,
} from '#database/factories/index'
import { assignCredit } from '#orders'
import { lastMailTo } from '#shared/mail/mailbox'
import { pagesText } from '#tests/helpers/pdf'
import { logIn, newPerson } from '#tests/browser/helpers'

const TYPE = 'Examen blanc - validation manuelle'
const PRODUCT = 'Pack examen blanc manuel'

/** Intl writes amounts with narrow no-break spaces: compare them with plain ones. */
const flat = (text: string) => text.replace(/\s+/g, ' ').trim()

/** Waits (Alpine updates the cart live) until the locator's flattened text is the expected one. */
async function textIs(locator: Locator, expected: string) {
  const deadline = Date.now() + 5000
  let seen = ''
  while (Date.now() < deadline) {
    seen = flat(await locator.innerText())
    if (seen === expected) return
    await sleep(50)
  }
  throw new Error(`expected ${String(locator)} to read '${expected}', it read '${seen}'`)
}

/** The "Certifications restantes" box of the home page: its total and the figure of the type. */
async function homeCredits(page: Page) {
  await page.goto('/')
  const box = page.getByTestId('box-credits')
  await page.assertTextContains(box, 'Certifications restantes')
  return {
    total: flat(await box.getByTestId('box-total').innerText()),
    figure: flat(await box.locator('div', { hasText: TYPE }).locator('dd').innerText()),
  }
}

/** The activation codes still pending for these candidates, read from the database. */
async function plannedCodes(candidateIds: number[]) {
  const rows = await db
    .from('credit_assignments')
    .whereIn('candidate_id', candidateIds)
    .where('status', 'planned')
    .select('candidate_id', 'activation_code')
  return new Map(rows.map((row) => [Number(row.candidate_id), String(row.activation_code)]))
}

test.group('Browser | orders', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('order, validate and deliver, assign one by one and in bulk, remove, show the codes, import results, generate the documents', async ({
    visit,
    browser,
    assert,
  }) => {
    const centre = await CentreFactory.merge({ name: 'Alliance Nantes' }).create()
    const manager = await makeUser('centre_manager', [centre])
    const accountManager = await makeUser('account_manager', [centre])
    await makeCreditProduct({
      type: 'mock_manual',
      name: PRODUCT,
      unitPriceCents: 7100,
      vatRateBp: 2000,
    })
    const alice = await makeCandidate(centre, { lastName: 'Arnaud', firstName: 'Alice' })
    const bruno = await makeCandidate(centre, { lastName: 'Bernard', firstName: 'Bruno' })
    const chloe = await makeCandidate(centre, { lastName: 'Colin', firstName: 'Chloé' })
    const david = await makeCandidate(centre, { lastName: 'Dumas', firstName: 'David' })

    // 1. The centre manager fills the cart and places the order.
    const page = await visit('/login')
    await logIn(page, manager.email, TEST_PASSWORD)
    await page.getByTestId('current-user').waitFor()
    await page.getByTestId('main-menu').getByRole('link', { name: 'Mes commandes' }).click()
    await page.assertTextContains('h1', 'Mes commandes')
    await page.assertTextContains('[data-testid=stock]', 'Aucune certification en stock.')
    await page.getByRole('link', { name: 'Commander des certifications' }).click()
    await page.assertTextContains('h1', 'Passer une nouvelle commande')

    const cart = page.getByTestId('cart')
    const line = cart.getByTestId('cart-line').filter({ hasText: PRODUCT })
    await page.assertTextContains(line, TYPE)
    const more = line.getByRole('button', { name: `Ajouter un « ${PRODUCT} »` })
    const less = line.getByRole('button', { name: `Retirer un « ${PRODUCT} »` })
    const quantity = line.getByRole('spinbutton', { name: `Quantité de « ${PRODUCT} »` })
    const validate = cart.getByRole('button', { name: 'Valider le panier' })
    assert.isTrue(await validate.isDisabled(), 'an empty cart cannot be validated')
    assert.isTrue(await less.isDisabled(), 'nothing to take off an empty line')

    await more.click()
    await more.click()
    await more.click()
    await textIs(line.getByTestId('line-amount'), '213,00 €')
    await less.click()
    assert.equal(await quantity.inputValue(), '2')
    await textIs(cart.getByTestId('subtotal'), '142,00 €')
    await quantity.fill('9')
    await textIs(cart.getByTestId('subtotal'), '639,00 €')
    await more.click()
    assert.equal(await quantity.inputValue(), '10')
    await textIs(line.getByTestId('line-amount'), '710,00 €')
    await textIs(cart.getByTestId('subtotal'), '710,00 €')
    await textIs(cart.getByTestId('vat'), '142,00 €')
    await textIs(cart.getByTestId('total'), '852,00 €')
    await validate.click()

    await page.assertTextContains('.flash-success', 'est créée : elle est en cours de validation.')
    const order = await db.from('credit_orders').where('centre_id', centre.id).firstOrFail()
    const number = String(order.number)
    assert.equal(order.status, 'to_validate')
    assert.equal(Number(order.total_ttc_cents), 85200)
    await page.assertTextContains('h1', `Commande ${number}`)
    await page.assertTextContains('.page-head', 'En cours — à régler')
    await page.assertTextContains('main', PRODUCT)
    await page.assertTextContains('[data-testid=payment]', 'Validation de commande')
    await page.getByRole('link', { name: 'Poursuivre ma commande' }).click()

    await page.assertTextContains('h1', `Régler la commande ${number}`)
    const transfer = page.getByTestId('transfer')
    await page.assertTextContains(transfer, 'Règlement par virement')
    await page.assertTextContains(transfer, 'IBAN')
    const facts = flat(await transfer.locator('dl').innerText())
    assert.match(facts, /IBAN FR\d{2}( ?\d{4}){5} ?\d{3}/)
    assert.include(facts, 'Montant 852,00 €')
    assert.include(facts, `Référence à indiquer ${number}`)

    // The order waits in "À valider" on the centre's side.
    await page.getByRole('link', { name: `Commande ${number}` }).click()
    await page.getByRole('link', { name: 'Retour aux commandes' }).click()
    await page.assertTextContains('[data-testid=section-to_validate]', number)
    await page.assertTextContains('[data-testid=section-to_validate]', 'En cours — à régler')

    // 2. The account manager, at another desk, validates the payment then delivers.
    const network = await newPerson(browser)
    await network.goto('/login')
    await logIn(network, accountManager.email, TEST_PASSWORD)
    await network.getByTestId('current-user').waitFor()
    await network.getByTestId('main-menu').getByRole('link', { name: 'Mes commandes' }).click()
    const row = network.getByTestId(`order-${number}`)
    await network.assertTextContains(row, 'Alliance Nantes')
    await row.getByRole('button', { name: 'Valider (paiement reçu)' }).click()
    await network.assertTextContains(
      '.flash-success',
      `Commande ${number} validée : paiement reçu.`
    )
    await network.assertTextContains(row, 'En cours — réglée')
    await row.getByRole('button', { name: 'Livrer' }).click()
    await network.assertTextContains('.flash-success', `Commande ${number} livrée`)
    await network.assertTextContains('[data-testid=section-to_consume]', number)
    await network.context().close()

    // 3. Back at the centre: "Actualiser" brings the delivered order.
    await page.getByRole('button', { name: 'Actualiser' }).click()
    const toConsume = page.getByTestId('section-to_consume')
    await page.assertTextContains(toConsume, number)
    await page.assertTextContains(toConsume, 'Livré')
    await page.assertTextContains(toConsume, '10 restantes')
    await page.assertTextContains('[data-testid=section-to_validate]', 'Aucune commande.')
    // The stock comes with it, without a reload; no Edge tag leaks as text.
    await page.assertTextContains('[data-testid=stock-mock_manual]', TYPE)
    assert.notInclude(await page.getByTestId('orders-table').innerText(), '@if')
    await textIs(page.getByTestId('stock-mock_manual').locator('strong'), '10')
    assert.deepEqual(await homeCredits(page), { total: '10', figure: '10' })

    // 4. One candidate from the file, with the e-mail.
    await page.goto(`/candidates/${alice.id}`)
    const panel = page.getByTestId('certification')
    await page.assertTextContains(panel, 'Aucune certification attribuée.')
    await panel.getByRole('link', { name: 'Attribuer une certification' }).click()
    await page.assertTextContains('main', 'Candidat : ARNAUD Alice')
    await page.getByLabel(`${TYPE} (10 restantes)`).check()
    await page
      .getByLabel("Envoyer un courriel au candidat pour l'informer de son inscription")
      .check()
    await page.getByRole('button', { name: 'Attribuer la certification' }).click()
    await page.assertTextContains('.flash-success', 'Certification attribuée à ARNAUD Alice.')
    await page.assertTextContains(panel.getByTestId('assigned-type'), TYPE)
    await page.assertTextContains(panel, 'Prévue')
    await panel.getByRole('link', { name: "Modifier l'attribution" }).waitFor()
    await panel.getByRole('link', { name: 'Afficher le code' }).waitFor()
    const mail = await lastMailTo(alice.email!)
    assert.equal(mail?.subject, 'Votre inscription à un examen')
    const aliceCode = (await plannedCodes([alice.id])).get(alice.id)!
    await panel.getByRole('link', { name: 'Afficher le code' }).click()
    await page.assertTextContains('[data-testid=codes]', aliceCode)
    await page.getByRole('link', { name: '← Retour', exact: true }).click()
    await page.waitForURL(new RegExp(`/candidates/${alice.id}`))

    // 5. Two more in bulk, within the stock.
    await page.goto('/candidates')
    await page.getByRole('link', { name: 'Gérer les certifications' }).click()
    await page.assertTextContains('h1', 'Gérer les attributions de certifications')
    const bulk = page.getByTestId('bulk-assign')
    await page.assertTextContains(bulk, 'Sélectionner la certification à attribuer')
    await bulk.getByLabel(`${TYPE} (9 restantes)`).check()
    await bulk.getByRole('button', { name: "Sélectionner l'attribution" }).click()
    await page.assertTextContains('h1', 'Attribuer des certifications')
    await page.assertTextContains('[data-testid=bulk-type]', `${TYPE} — 9 restantes.`)
    const picker = page.getByTestId('candidate-picker')
    await page.assertTextContains(picker, 'DUMAS David')
    // Alice's pending credit could be exchanged for a new one (seed 004 §6.6): she is listed.
    await page.assertTextContains(picker, 'ARNAUD Alice')
    await page.getByLabel('Sélectionner BERNARD Bruno').check()
    await page.getByLabel('Sélectionner COLIN Chloé').check()
    await page.getByRole('button', { name: 'Attribuer les certifications' }).click()
    await page.assertTextContains('.flash-success', '2 certifications attribuées.')
    assert.deepEqual(await homeCredits(page), { total: '7', figure: '7' })

    // 6. One removed from its file: the credit is back in stock.
    await page.goto(`/candidates/${bruno.id}`)
    await page.assertTextContains(panel.getByTestId('assigned-type'), TYPE)
    await panel.getByRole('link', { name: "Modifier l'attribution" }).click()
    await page.assertTextContains('h1', 'Modifier ou supprimer une attribution de certification')
    const remove = page.getByTestId('remove')
    await page.assertTextContains(remove, `Attribution actuelle : ${TYPE} (Prévue).`)
    await remove.getByRole('button', { name: "Supprimer l'attribution" }).click()
    const dialog = remove.locator('dialog')
    await page.assertTextContains(dialog, "Supprimer l'attribution de BERNARD Bruno ?")
    await dialog.getByTestId('confirm').click()
    await page.assertTextContains(
      '.flash-success',
      'Attribution de BERNARD Bruno supprimée : la certification est remise en stock.'
    )
    await page.assertTextContains(panel, 'Aucune certification attribuée.')
    await page.goto('/orders')
    await textIs(page.getByTestId('stock-mock_manual').locator('strong'), '8')
    await page.assertTextContains('[data-testid=section-to_consume]', '8 restantes')

    // 7. The codes of a selection, on screen and exported.
    const codes = await plannedCodes([alice.id, bruno.id, chloe.id, david.id])
    assert.sameMembers([...codes.keys()], [alice.id, chloe.id])
    await page.goto('/candidates')
    await page.getByRole('link', { name: 'Afficher les codes' }).click()
    await page.assertTextContains('h1', "Afficher les codes d'activation")
    await page.assertNotExists('[data-testid=candidate-picker] >> text=BERNARD Bruno')
    await page.assertNotExists('[data-testid=candidate-picker] >> text=DUMAS David')
    await page.getByLabel('Sélectionner ARNAUD Alice').check()
    await page.getByLabel('Sélectionner COLIN Chloé').check()
    await page.getByRole('button', { name: 'Afficher les codes' }).click()
    const shown = page.getByTestId('code-row')
    await page.assertTextContains(shown.filter({ hasText: 'ARNAUD Alice' }), codes.get(alice.id)!)
    await page.assertTextContains(shown.filter({ hasText: 'COLIN Chloé' }), codes.get(chloe.id)!)
    assert.equal(await shown.count(), 2)
    assert.notInclude(await page.getByTestId('codes').innerText(), '@!component')

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Exporter (csv)' }).click(),
    ])
    assert.match(download.suggestedFilename(), /\.csv$/)
    const csv = await readFile((await download.path())!, 'utf8')
    const lines = csv.trim().split(/\r?\n/)
    assert.lengthOf(lines, 3)
    assert.include(lines.find((l) => l.includes('ARNAUD Alice')) ?? '', codes.get(alice.id)!)
    assert.include(lines.find((l) => l.includes('COLIN Chloé')) ?? '', codes.get(chloe.id)!)
    assert.notInclude(csv, 'BERNARD Bruno')

    // 8. The network imports the exam platform's results for Alice and Chloé.
    const admin = await makeUser('network_admin')
    const results = new ExcelJS.Workbook()
    const sheet = results.addWorksheet('Résultats')
    sheet.addRow([
      'Identifiant du résultat',
      'Courriel',
      "Type d'examen",
      'Score /1000',
      'Date de passage',
      'Validation',
    ])
    const yesterday = DateTime.now().minus({ days: 1 }).toFormat('dd/MM/yyyy')
    sheet.addRow(['R-ALICE', alice.email, TYPE, 617, yesterday, 'Validé'])
    sheet.addRow(['R-CHLOE', chloe.email, TYPE, 480, yesterday, 'En attente'])
    const file = app.tmpPath('browser-results.xlsx')
    await results.xlsx.writeFile(file)
    const desk = await newPerson(browser)
    await desk.goto('/login')
    await logIn(desk, admin.email, TEST_PASSWORD)
    await desk.getByTestId('current-user').waitFor()
    await desk.goto('/credit-results')
    await desk.getByLabel('Fichier de résultats').setInputFiles(file)
    await desk.getByRole('button', { name: 'Importer', exact: true }).click()
    await desk.assertTextContains('.flash-success', '2 nouveau(x), 0 mis à jour, 0 inchangé(s)')
    await desk.assertTextContains('[data-testid=results]', '617/1000')
    await desk.context().close()

    // Alice's file shows her last result (seed 004 §6.9).
    await page.goto(`/candidates/${alice.id}`)
    const last = page.getByTestId('last-result')
    await page.assertTextContains(last, TYPE)
    await page.assertTextContains(last, '617/1000')
    await page.assertTextContains(last, 'Accéder au bilan détaillé')

    // 9. Three documents for three candidates as one PDF, after the progress bar.
    await assignCredit(manager, david.id, { type: 'mock_manual' })
    await page.goto('/candidates')
    await page.getByRole('link', { name: 'Générer des documents' }).click()
    await page.getByLabel('Bilan détaillé').check()
    await page.getByLabel("Attestation d'inscription").check()
    await page.getByLabel('Attestation de passage').check()
    await page.getByRole('button', { name: 'Sélectionner' }).click()
    await page.assertNotExists('[data-testid=candidate-picker] >> text=BERNARD Bruno')
    await page.getByLabel('Sélectionner ARNAUD Alice').check()
    await page.getByLabel('Sélectionner COLIN Chloé').check()
    await page.getByLabel('Sélectionner DUMAS David').check()
    await page.getByRole('button', { name: 'Générer' }).click()
    await page.getByRole('progressbar').first().waitFor()
    const ready = page.getByTestId('job-download')
    await ready.waitFor({ timeout: 30_000 })
    await page.assertTextContains('[data-testid=job]', 'Documents prêts pour 3 candidat(s).')
    const [pdf] = await Promise.all([page.waitForEvent('download'), ready.click()])
    const pages = await pagesText(await readFile((await pdf.path())!))
    // Alice and Chloé: report + registration + attendance; David: his registration only.
    assert.lengthOf(pages, 7)
    assert.equal(pages.filter((text) => text.includes('Alice Arnaud')).length, 3)
    assert.equal(pages.filter((text) => text.includes('Chloé Colin')).length, 3)
    assert.equal(pages.filter((text) => text.includes('David Dumas')).length, 1)
    assert.isTrue(pages.some((text) => text.includes('617/1000')))
  }).timeout(150_000)
})
