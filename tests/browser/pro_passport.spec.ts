import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import ProfessionalSituation from '#passports/models/professional_situation'
import SituationSupport from '#passports/models/situation_support'
import {
  CentreFactory,
  TEST_PASSWORD,
  makeDivision,
  makeFramework,
  makeUser,
} from '#database/factories/index'
import { logIn } from '#tests/browser/helpers'

test.group('Browser | professional passport', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a learner records a situation across the four tabs: a too-long description is refused with the counter showing, one competence of two, two supports', async ({
    visit,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    await makeFramework([centre], await makeUser('network_admin'))
    const lea = await makeUser('learner', [centre], { firstName: 'Léa', lastName: 'Aubert' })
    await makeDivision(centre, 'BTS COM 1', [lea])
    const page = await visit('/login')
    await logIn(page, lea.email, TEST_PASSWORD)
    await page.getByTestId('current-user').waitFor()
    await page.getByRole('link', { name: 'Mon passeport' }).first().click()
    await page.getByText('Aucune situation professionnelle').waitFor()
    await page.getByRole('link', { name: 'Nouvelle situation professionnelle' }).click()

    // Description: the Projet box appears only for situations numbered 1xx or 3xx.
    await page.getByLabel('Titre').fill('Brief Grassin')
    await page
      .getByLabel('Classe de situation')
      .selectOption({ label: "S211 Réalisation d'outils commerciaux" })
    assert.isFalse(await page.getByTestId('project-box').isVisible())
    await page
      .getByLabel('Classe de situation')
      .selectOption({ label: "S112 Analyse de la demande de l'annonceur" })
    await page.getByTestId('project-box').waitFor()
    const description = page.getByLabel('Description de la situation')
    await description.fill('x'.repeat(260))
    await page.getByTestId('counter-description').getByText('260').waitFor()
    assert.include(
      (await page.getByTestId('counter-description').getAttribute('class')) ?? '',
      'counter-over'
    )
    await page.getByLabel('Date de début').fill('2026-10-05')
    await page.getByLabel('Date de fin').fill('2026-10-09')
    await page.getByLabel('Source').selectOption({ label: 'Stage' })
    await page.getByLabel('Type').selectOption({ label: 'Vécue' })

    // Caractérisation: may stay incomplete; one actor.
    await page.getByRole('tab', { name: 'Caractérisation' }).click()
    await page.getByLabel('Tâche(s) demandée(s)').fill('Faire la synthèse du brief')
    await page.locator('#actor-name-0').fill('M. Durand')
    await page.locator('#actor-role-0').fill('Maître de stage')

    // Supports: two.
    await page.getByRole('tab', { name: 'Supports' }).click()
    await page.locator('#support-designation-0').fill('Compte rendu du brief')
    await page.locator('#support-origin-0').selectOption({ label: 'Créé' })
    await page.locator('#support-nature-0').selectOption({ label: 'Numérique' })
    await page.getByRole('button', { name: 'Ajouter un support' }).click()
    await page.locator('#support-designation-1').fill('Charte graphique Grassin')
    await page.locator('#support-origin-1').selectOption({ label: 'À disposition' })
    await page.locator('#support-nature-1').selectOption({ label: 'Imprimé' })

    // Compétence: S112 maps to two; the learner claims one.
    await page.getByRole('tab', { name: 'Compétence' }).click()
    await page.getByText('Cette situation correspond à deux compétences').first().waitFor()
    await page.getByTestId('competence-C11.1').getByRole('radio').check()
    await page.getByRole('button', { name: 'Enregistrer et continuer' }).click()

    // Refused: the description is too long; the form comes back as typed.
    await page.getByText('Saisissez au plus 255 caractères.').first().waitFor()
    assert.lengthOf(await ProfessionalSituation.all(), 0)
    await page.getByRole('tab', { name: 'Description' }).click()
    await page.getByTestId('counter-description').getByText('260').waitFor()
    await page
      .getByLabel('Description de la situation')
      .fill("Stagiaire à l'agence CJCOM, j'assiste au brief de la société Grassin.")
    assert.equal(
      await page.locator('#support-designation-1').inputValue(),
      'Charte graphique Grassin'
    )
    await page.getByRole('button', { name: 'Enregistrer et quitter' }).click()

    await page.getByText('Situation « Brief Grassin » enregistrée.').waitFor()
    await page.getByTestId('situation-row').getByText('Brief Grassin', { exact: true }).waitFor()
    const situation = await ProfessionalSituation.firstOrFail()
    assert.equal(situation.actors[0].name, 'M. Durand')
    const supports = await SituationSupport.query()
      .where('professional_situation_id', situation.id)
      .orderBy('position')
    assert.deepEqual(
      supports.map((s) => s.designation),
      ['Compte rendu du brief', 'Charte graphique Grassin']
    )
  })
})
