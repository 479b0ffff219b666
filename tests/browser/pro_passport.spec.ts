import { test } from '@japa/runner'
import { readFile } from 'node:fs/promises'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
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
import { logIn, newPerson } from '#tests/browser/helpers'
import { pagesText } from '#tests/helpers/pdf'

test.group('Browser | professional passport', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a learner records a situation across the four tabs (too-long description refused, one competence of two, two supports); a teacher evaluates it and locks the competence; the learner can no longer choose it; the bar moves; the E4 passport PDF has the E4 situation and no E6 competence', async ({
    visit,
    browser,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    await makeFramework([centre], await makeUser('network_admin'))
    const lea = await makeUser('learner', [centre], { firstName: 'Léa', lastName: 'Aubert' })
    const teacher = await makeUser('teacher', [centre], { firstName: 'Anne', lastName: 'Prof' })
    await makeDivision(centre, 'BTS COM 1', [lea, teacher])
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

    // Before any evaluation, C11.1 has no result.
    const bar = (code: string) =>
      page.locator(`[data-testid=board-row][data-code="${code}"] [data-testid=mastery]`)
    await page.goto('/my/passport/dashboard')
    assert.equal(await bar('C11.1').getAttribute('data-value'), '')

    // The teacher: class, learner, situation; evaluates it and locks the competence.
    const desk = await newPerson(browser)
    await desk.goto('/login')
    await logIn(desk, teacher.email, TEST_PASSWORD)
    await desk.getByTestId('current-user').waitFor()
    await desk.getByRole('link', { name: 'Passeports professionnels' }).first().click()
    await desk.getByRole('link', { name: 'AUBERT Léa' }).click()
    await desk.getByRole('link', { name: 'Brief Grassin' }).click()
    await desk.getByLabel('Réussite totale').check()
    await desk.getByLabel('Appréciation').fill('Synthèse complète et claire.')
    await desk.getByRole('button', { name: 'Enregistrer' }).click()
    await desk.getByText('Évaluation enregistrée.').waitFor()
    await desk.getByTestId('lock-toggle').click()
    await desk
      .getByText("Compétence C11.1 bloquée : l'apprenant ne peut plus la choisir.")
      .waitFor()

    // The learner: the bar moved to 100 %, and C11.1 can no longer be chosen.
    await page.reload()
    assert.equal(await bar('C11.1').getAttribute('data-value'), '100')
    await page.goto('/my/passport/situations/create')
    await page
      .getByLabel('Classe de situation')
      .selectOption({ label: "S111 Prise en charge du dossier de l'annonceur" })
    await page.getByRole('tab', { name: 'Compétence' }).click()
    const locked = page.locator('[data-situation] [data-testid="competence-C11.1"]').first()
    await page.getByText('bloquée par un enseignant').first().waitFor()
    assert.isTrue(await locked.getByRole('radio').isDisabled())

    // An E4 situation, then the E4 passport: its text, and no E6 competence.
    await ProfessionalSituation.create({
      userId: lea.id,
      centreId: centre.id,
      situationId: Number(
        (await db.from('situations').where('code', 'S211').orderBy('id', 'desc').firstOrFail()).id
      ),
      competenceId: Number(
        (await db.from('competences').where('code', 'C21.1').orderBy('id', 'desc').firstOrFail()).id
      ),
      title: 'Outils PRECOM',
      project: false,
      description: 'Commercialiser les pages Nouvel an du quotidien.',
      location: 'organisation',
      startsOn: DateTime.utc(2026, 11, 2),
      endsOn: DateTime.utc(2026, 11, 6),
      source: 'internship',
      kind: 'lived',
      actors: [],
      complexities: [],
      hazards: [],
    })
    await page.goto('/my/passport/print?unit=E4')
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Imprimer le passeport E4 (PDF)' }).click()
    const file = await (await download).path()
    const text = (await pagesText(await readFile(file!))).join(' ')
    assert.include(text, 'Commercialiser les pages Nouvel an du quotidien.')
    assert.notInclude(text, 'Brief Grassin')
    assert.notInclude(text, 'C11.1')
  })
})
