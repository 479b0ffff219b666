import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import Competence from '#evaluations/models/competence'
import Evaluation from '#evaluations/models/evaluation'
import EvaluationGrade from '#evaluations/models/evaluation_grade'
import EvaluationLearner from '#evaluations/models/evaluation_learner'
import { createScenario } from '#evaluations/services/scenarios'
import { createEvaluation } from '#evaluations/services/evaluations'
import {
  CentreFactory,
  TEST_PASSWORD,
  makeDivision,
  makeFramework,
  makeUser,
} from '#database/factories/index'
import { logIn, newPerson } from '#tests/browser/helpers'

test.group('Browser | evaluations', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a teacher creates an evaluation from a scenario for a class, grades three learners with the keyboard, switches to the by-learner view and makes it visible; a learner reads it', async ({
    visit,
    browser,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const teacher = await makeUser('teacher', [centre], { firstName: 'Anne', lastName: 'Prof' })
    const version = await makeFramework([centre], await makeUser('network_admin'))
    const lea = await makeUser('learner', [centre], { firstName: 'Léa', lastName: 'Aubert' })
    const hugo = await makeUser('learner', [centre], { firstName: 'Hugo', lastName: 'Bernard' })
    const ines = await makeUser('learner', [centre], { firstName: 'Inès', lastName: 'Caron' })
    await makeDivision(centre, 'BTS COM 1', [teacher, lea, hugo, ines])
    await makeDivision(centre, 'BTS COM 2', [])
    const code = (c: string) =>
      Competence.query().where('version_id', version.id).where('code', c).firstOrFail()
    const c111 = await code('C11.1')
    const c131 = await code('C13.1')
    const scenario = await createScenario(teacher, centre.id, {
      title: 'Centenaire Grassin',
      level: null,
      visibility: 'public',
      context: null,
      materials: null,
      links: [],
      resources: null,
      choices: [
        { competenceId: c111.id, complexities: [], hazards: [] },
        { competenceId: c131.id, complexities: [], hazards: ['Délai raccourci'] },
      ],
    })

    const page = await visit('/login')
    await logIn(page, teacher.email, TEST_PASSWORD)
    await page.getByTestId('current-user').waitFor()
    await page.goto(`/scenarios/${scenario.id}`)
    await page.getByRole('link', { name: 'Créer une évaluation' }).click()
    await page.assertTextContains('[data-testid=from-scenario]', 'Centenaire Grassin')
    await page.locator('#f-title').fill('Oral du centenaire')
    // The chosen competences, in order; C13.1 goes first with Alt+↑, then back and forth by drag and drop.
    const order = page.getByTestId('competence-order').locator('[data-order-item]')
    assert.deepEqual(await order.locator('strong').allTextContents(), ['C11.1', 'C13.1'])
    await order.nth(1).focus()
    await page.keyboard.press('Alt+ArrowUp')
    assert.deepEqual(await order.locator('strong').allTextContents(), ['C13.1', 'C11.1'])
    await order.nth(1).dragTo(order.nth(0))
    assert.deepEqual(await order.locator('strong').allTextContents(), ['C11.1', 'C13.1'])
    await order.nth(0).dragTo(order.nth(1))
    assert.deepEqual(await order.locator('strong').allTextContents(), ['C13.1', 'C11.1'])
    // Learners by class: the whole class in one click.
    await page
      .getByTestId('class-BTS COM 1')
      .getByRole('button', { name: 'Toute la classe' })
      .click()
    await page
      .getByRole('button', { name: "Valider la sélection puis passer à l'évaluation" })
      .click()
    await page.assertTextContains('.flash-success', 'Oral du centenaire')
    const evaluation = await Evaluation.findByOrFail('title', 'Oral du centenaire')
    assert.equal(evaluation.scenarioId, scenario.id)
    const sections = page.getByTestId('competence-section')
    await page.assertTextContains(sections.nth(0).locator('h2'), 'C13.1')

    // By competence, keyboard only: 1, 4, 6 on C13.1 for the three learners (each key goes down a line).
    await page
      .getByRole('radiogroup', { name: 'AUBERT Léa C13.1' })
      .getByRole('radio')
      .last()
      .focus()
    await page.keyboard.press('1')
    await page.keyboard.press('4')
    await page.keyboard.press('6')
    // Then C11.1: 2 for Léa, 3 for Hugo, 5 for Inès.
    await page.keyboard.press('2')
    await page.keyboard.press('3')
    await page.keyboard.press('5')
    await page.waitForSelector('[data-testid=save-state][data-state=saved]')
    const levels = async () => {
      const rows = await EvaluationGrade.query().where('evaluation_id', evaluation.id)
      return Object.fromEntries(rows.map((g) => [`${g.userId}:${g.competenceId}`, g.level]))
    }
    assert.equal(await page.getByTestId('save-state').getAttribute('data-state'), 'saved')
    assert.deepEqual(await levels(), {
      [`${lea.id}:${c131.id}`]: 'total',
      [`${hugo.id}:${c131.id}`]: 'errors',
      [`${ines.id}:${c131.id}`]: 'absent',
      [`${lea.id}:${c111.id}`]: 'partial',
      [`${hugo.id}:${c111.id}`]: 'acquiring',
      [`${ines.id}:${c111.id}`]: 'not_assessable',
    })

    // By learner: the same results, and a comment.
    await page.getByRole('button', { name: 'Par apprenants' }).click()
    await page.waitForURL(/view=learner/)
    const leaSection = page.getByTestId('learner-section').filter({ hasText: 'AUBERT Léa' })
    assert.isTrue(
      await leaSection
        .getByRole('radiogroup', { name: 'AUBERT Léa C13.1' })
        .getByRole('radio', { name: 'Réussite totale' })
        .isChecked()
    )
    await leaSection.getByLabel('Commentaire pour Léa AUBERT').fill('Très bonne prise de parole.')
    await page.getByLabel('Visible par les apprenants').check()
    assert.equal(await page.getByTestId('save-state').getAttribute('data-state'), 'pending')
    await page.waitForSelector('[data-testid=save-state][data-state=saved]')
    const comment = await EvaluationLearner.query()
      .where({ evaluation_id: evaluation.id, user_id: lea.id })
      .firstOrFail()
    assert.equal(comment.comment, 'Très bonne prise de parole.')
    await evaluation.refresh()
    assert.isTrue(evaluation.visible)

    // The learner finds it in "Mes évaluations" and reads only her own results.
    const desk = await newPerson(browser)
    await desk.goto('/login')
    await logIn(desk, lea.email, TEST_PASSWORD)
    await desk.getByTestId('current-user').waitFor()
    await desk.getByRole('link', { name: 'Mes évaluations' }).click()
    await desk.getByLabel('Date').fill(evaluation.evaluatedOn.toFormat('MM/yyyy'))
    await desk.getByLabel('Date').press('Enter')
    await desk.getByRole('link', { name: 'Oral du centenaire' }).click()
    await desk.assertTextContains('[data-testid=my-grades]', 'Réussite totale')
    await desk.assertTextContains('[data-testid=my-grades]', 'Réussite partielle')
    await desk.assertTextContains('[data-testid=my-comment]', 'Très bonne prise de parole.')
  })

  test('grades entered while the network is cut are kept, shown as not saved, and sent once it is back', async ({
    visit,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const teacher = await makeUser('teacher', [centre])
    const version = await makeFramework([centre], await makeUser('network_admin'))
    const lea = await makeUser('learner', [centre], { firstName: 'Léa', lastName: 'Aubert' })
    const c111 = await Competence.query()
      .where('version_id', version.id)
      .where('code', 'C11.1')
      .firstOrFail()
    const evaluation = await createEvaluation(teacher, centre.id, {
      title: 'Hors ligne',
      evaluatedOn: DateTime.utc().startOf('day'),
      choices: [{ competenceId: c111.id, complexities: [], hazards: [] }],
      learnerIds: [lea.id],
    })
    const page = await visit('/login')
    await logIn(page, teacher.email, TEST_PASSWORD)
    await page.getByTestId('current-user').waitFor()
    await page.goto(`/evaluations/${evaluation.id}`)
    await page.context().setOffline(true)
    await page
      .getByRole('radiogroup', { name: 'AUBERT Léa C11.1' })
      .getByRole('radio')
      .last()
      .focus()
    await page.keyboard.press('2')
    await page.waitForSelector('[data-testid=save-state][data-state=offline]')
    await page.getByRole('textbox', { name: 'AUBERT Léa' }).fill('Saisi hors ligne')
    assert.lengthOf(await EvaluationGrade.query().where('evaluation_id', evaluation.id), 0)
    await page.context().setOffline(false)
    await page.waitForSelector('[data-testid=save-state][data-state=saved]', { timeout: 10_000 })
    const grades = await EvaluationGrade.query().where('evaluation_id', evaluation.id)
    assert.deepEqual(
      grades.map((g) => [g.userId, g.level]),
      [[lea.id, 'partial']]
    )
    const row = await EvaluationLearner.query()
      .where({ evaluation_id: evaluation.id, user_id: lea.id })
      .firstOrFail()
    assert.equal(row.comment, 'Saisi hors ligne')
  })
})
