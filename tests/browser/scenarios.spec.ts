import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Scenario from '#evaluations/models/scenario'
import { CentreFactory, TEST_PASSWORD, makeFramework, makeUser } from '#database/factories/index'
import { logIn, newPerson } from '#tests/browser/helpers'

test.group('Browser | scenarios', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a teacher creates a scenario with two competences and a hazard and duplicates it; a colleague views and duplicates it but cannot edit it, and never sees a private one', async ({
    visit,
    browser,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const teacher = await makeUser('teacher', [centre])
    const colleague = await makeUser('teacher', [centre])
    await makeFramework([centre], await makeUser('network_admin'))

    const page = await visit('/login')
    await logIn(page, teacher.email, TEST_PASSWORD)
    await page.getByTestId('current-user').waitFor()
    await page.goto('/scenarios')
    await page.getByRole('link', { name: 'Créer un scénario' }).click()
    await page.locator('#f-title').fill('Centenaire Grassin')
    await page.getByLabel('Public : visible par les enseignants de mon centre').check()
    // The tree: search narrows it, then tick two competences and a hazard.
    // Searching opens the classes where it matches.
    await page.getByLabel('Rechercher une compétence').fill('S131')
    await page.locator('input[data-code="C13.1"]').check()
    await page.getByLabel('Aléa : Délai raccourci').check()
    await page.getByLabel('Rechercher une compétence').fill('')
    await page.getByText('S11 Gestion de la relation annonceur').click()
    await page.locator('input[data-code="C11.1"]').first().check()
    // C11.1 is shown under S111 and S112: its boxes and its options move together.
    assert.isTrue(await page.locator('input[data-code="C11.1"]').nth(1).isChecked())
    await page.getByLabel('C11.1 — Complexité : Budget contraint').first().check()
    assert.isTrue(await page.getByLabel('C11.1 — Complexité : Budget contraint').nth(1).isChecked())
    await page.getByRole('button', { name: 'Valider la création du scénario' }).click()
    await page.assertTextContains('.flash-success', 'Centenaire Grassin')
    await page.assertTextContains('[data-testid=scenario-competences]', 'C13.1')
    await page.assertTextContains('[data-testid=scenario-competences]', 'Aléa : Délai raccourci')

    await page.getByRole('link', { name: 'Dupliquer' }).click()
    await page.getByLabel('Titre du nouveau scénario').fill('Centenaire — brouillon')
    await page.getByRole('button', { name: 'Dupliquer' }).click()
    await page.assertTextContains('.flash-success', 'Centenaire — brouillon')
    const draft = await Scenario.findByOrFail('title', 'Centenaire — brouillon')
    assert.equal(draft.visibility, 'private')

    const desk = await newPerson(browser)
    await desk.goto('/login')
    await logIn(desk, colleague.email, TEST_PASSWORD)
    await desk.getByTestId('current-user').waitFor()
    await desk.goto('/scenarios')
    await desk.assertTextContains('[data-testid=scenarios]', 'Centenaire Grassin')
    assert.equal(await desk.getByText('Centenaire — brouillon').count(), 0)
    await desk.getByRole('link', { name: 'Centenaire Grassin' }).click()
    assert.equal(await desk.getByRole('link', { name: 'Modifier' }).count(), 0)
    await desk.getByRole('link', { name: 'Dupliquer' }).click()
    await desk.getByLabel('Titre du nouveau scénario').fill('Ma version du centenaire')
    await desk.getByRole('button', { name: 'Dupliquer' }).click()
    await desk.assertTextContains('.flash-success', 'Ma version du centenaire')
    const shared = await Scenario.findByOrFail('title', 'Centenaire Grassin')
    await desk.goto(`/scenarios/${shared.id}/edit`)
    await desk.assertTextContains('h1', 'Accès refusé')
    await desk.goto(`/scenarios/${draft.id}`)
    await desk.assertTextContains('h1', 'Accès refusé')
  })
})
