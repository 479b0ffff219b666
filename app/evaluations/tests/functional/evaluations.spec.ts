import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Competence from '#evaluations/models/competence'
import Evaluation from '#evaluations/models/evaluation'
import EvaluationChange from '#evaluations/models/evaluation_change'
import EvaluationGrade from '#evaluations/models/evaluation_grade'
import EvaluationLearner from '#evaluations/models/evaluation_learner'
import Scenario from '#evaluations/models/scenario'
import { createScenario } from '#evaluations/services/scenarios'
import AuditLog from '#shared/audit/audit_log'
import { CentreFactory, makeDivision, makeFramework, makeUser } from '#database/factories/index'
import { assertFieldError, assertTextExcludes, expectStatus } from '#tests/helpers/http'
import { pagesText } from '#tests/helpers/pdf'

/** A training centre with a framework, two teachers, a class of three learners and a stranger. */
async function school() {
  const centre = await CentreFactory.create()
  const teacher = await makeUser('teacher', [centre], { firstName: 'Anne', lastName: 'Prof' })
  const colleague = await makeUser('teacher', [centre], { firstName: 'Marc', lastName: 'Collègue' })
  const admin = await makeUser('network_admin')
  const version = await makeFramework([centre], admin)
  const code = (c: string) =>
    Competence.query().where('version_id', version.id).where('code', c).firstOrFail()
  const lea = await makeUser('learner', [centre], { firstName: 'Léa', lastName: 'Aubert' })
  const hugo = await makeUser('learner', [centre], { firstName: 'Hugo', lastName: 'Bernard' })
  const ines = await makeUser('learner', [centre], { firstName: 'Inès', lastName: 'Caron' })
  const division = await makeDivision(centre, 'BTS COM 1', [teacher, lea, hugo, ines])
  return { centre, teacher, colleague, admin, version, code, lea, hugo, ines, division }
}

type School = Awaited<ReturnType<typeof school>>

/** An evaluation of the three learners on C11.1 then C13.1 (hazard "Délai raccourci"), through HTTP. */
async function evaluationOf(client: any, s: School, extra: Record<string, unknown> = {}) {
  const c111 = await s.code('C11.1')
  const c131 = await s.code('C13.1')
  await client
    .post('/evaluations')
    .loginAs(s.teacher)
    .form({
      'centre_id': s.centre.id,
      'title': 'Oral de présentation',
      'evaluated_on': '2026-11-20',
      'competences[]': [String(c111.id), String(c131.id)],
      [`choices[c${c131.id}][hazards][]`]: 'Délai raccourci',
      'learners[]': [s.lea.id, s.hugo.id, s.ines.id].map(String),
      ...extra,
    })
    .withCsrfToken()
  const evaluation = await Evaluation.query()
    .where('title', 'Oral de présentation')
    .orderBy('id', 'desc')
    .firstOrFail()
  return { evaluation, c111, c131 }
}

/** How many rows a query finds. */
async function countOf(query: { count: (column: string) => Promise<any[]> }) {
  const [row] = await query.count('* as total')
  return Number(row.$extras.total)
}

const cell = (learnerId: number, competenceId: number) => `grades[l${learnerId}][c${competenceId}]`

test.group('Evaluations · create and grade', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a teacher creates an evaluation from a scenario: competences, hazards and order come along', async ({
    client,
    assert,
  }) => {
    const s = await school()
    const c111 = await s.code('C11.1')
    const c131 = await s.code('C13.1')
    const scenario = await createScenario(s.teacher, s.centre.id, {
      title: 'Plan de communication',
      level: null,
      visibility: 'private',
      context: null,
      materials: null,
      links: [],
      resources: null,
      choices: [
        { competenceId: c111.id, complexities: [], hazards: [] },
        { competenceId: c131.id, complexities: [], hazards: ['Délai raccourci'] },
      ],
    })
    const form = await client.get(`/evaluations/create?scenario=${scenario.id}`).loginAs(s.teacher)
    form.assertTextIncludes('Plan de communication')
    form.assertTextIncludes('BTS COM 1')
    form.assertTextIncludes('AUBERT Léa')
    form.assertTextIncludes(`data-initial="[${c111.id},${c131.id}]"`)
    assert.match(
      form.text(),
      new RegExp(
        `name="choices\\[c${c131.id}\\]\\[hazards\\]\\[\\]" value="Délai raccourci" checked`
      )
    )
    // The teacher puts C13.1 first (drag and drop sends order[]).
    await client
      .post('/evaluations')
      .loginAs(s.teacher)
      .form({
        'centre_id': s.centre.id,
        'scenario_id': scenario.id,
        'title': 'Plan de communication — oral',
        'evaluated_on': '2026-11-20',
        'competences[]': [String(c111.id), String(c131.id)],
        'order[]': [String(c131.id), String(c111.id)],
        [`choices[c${c131.id}][hazards][]`]: 'Délai raccourci',
        'learners[]': [s.lea.id, s.hugo.id].map(String),
      })
      .withCsrfToken()
    const evaluation = await Evaluation.findByOrFail('title', 'Plan de communication — oral')
    assert.equal(evaluation.scenarioId, scenario.id)
    assert.isFalse(evaluation.visible)
    await evaluation.load('competences')
    await evaluation.load('learners')
    assert.deepEqual(
      evaluation.competences
        .sort((a, b) => a.position - b.position)
        .map((c) => [c.competenceId, c.hazards]),
      [
        [c131.id, ['Délai raccourci']],
        [c111.id, []],
      ]
    )
    assert.sameMembers(
      evaluation.learners.map((l) => l.userId),
      [s.lea.id, s.hugo.id]
    )
    const page = await client.get(`/evaluations/${evaluation.id}`).loginAs(s.teacher)
    const text = page.text()
    assert.isBelow(text.indexOf('comp-h-' + c131.id), text.indexOf('comp-h-' + c111.id))
    page.assertTextIncludes('Réussite totale')
    page.assertTextIncludes('Trop d&#x27;erreurs')
    page.assertTextIncludes('AUBERT Léa')
    assertTextExcludes(page, 'CARON Inès')
    const audit = await AuditLog.findByOrFail('action', 'evaluation.created')
    assert.equal(audit.entityId, String(evaluation.id))
  })

  test('bad input is refused with clear messages and nothing is written', async ({
    client,
    assert,
  }) => {
    const s = await school()
    const c111 = await s.code('C11.1')
    const noLearner = await client
      .post('/evaluations')
      .loginAs(s.teacher)
      .form({
        'centre_id': s.centre.id,
        'title': 'Sans apprenant',
        'evaluated_on': '2026-11-20',
        'competences[]': String(c111.id),
      })
      .withCsrfToken()
      .redirects(0)
    noLearner.assertFlashMessage('error', 'Choisissez au moins un apprenant.')
    const stranger = await makeUser('learner', [await CentreFactory.create()])
    const foreign = await client
      .post('/evaluations')
      .loginAs(s.teacher)
      .form({
        'centre_id': s.centre.id,
        'title': 'Apprenant étranger',
        'evaluated_on': '2026-11-20',
        'competences[]': String(c111.id),
        'learners[]': [String(s.lea.id), String(stranger.id)],
      })
      .withCsrfToken()
      .redirects(0)
    foreign.assertFlashMessage('error', "Un apprenant choisi n'appartient pas à ce centre.")
    const noDate = await client
      .post('/evaluations')
      .loginAs(s.teacher)
      .form({
        'centre_id': s.centre.id,
        'title': 'Sans date',
        'competences[]': String(c111.id),
        'learners[]': String(s.lea.id),
      })
      .withCsrfToken()
      .redirects(0)
    assert.property(noDate.flashMessages()?.inputErrorsBag ?? {}, 'evaluated_on')
    const otherCentre = await CentreFactory.create()
    const wrongCentre = await client
      .post('/evaluations')
      .loginAs(s.teacher)
      .form({
        'centre_id': otherCentre.id,
        'title': 'Autre centre',
        'evaluated_on': '2026-11-20',
        'competences[]': String(c111.id),
        'learners[]': String(s.lea.id),
      })
      .withCsrfToken()
      .redirects(0)
    assertFieldError(wrongCentre, 'centre_id', "Choisissez le centre de l'évaluation.")
    assert.equal(await countOf(Evaluation.query().where('centre_id', s.centre.id)), 0)
  })

  test('grades and comments are saved, only real changes go into the history, a cell can be cleared', async ({
    client,
    assert,
  }) => {
    const s = await school()
    const { evaluation, c111, c131 } = await evaluationOf(client, s)
    const saved = await client
      .post(`/evaluations/${evaluation.id}/grades`)
      .loginAs(s.teacher)
      .form({
        [cell(s.lea.id, c111.id)]: 'total',
        [cell(s.lea.id, c131.id)]: 'partial',
        [cell(s.hugo.id, c111.id)]: 'absent',
        [cell(s.hugo.id, c131.id)]: '',
        [`comments[l${s.lea.id}]`]: 'Très bon oral, structuré.',
        then: 'by_learner',
      })
      .withCsrfToken()
      .redirects(0)
    assert.equal(saved.header('location'), `/evaluations/${evaluation.id}?view=learner`)
    const grades = await EvaluationGrade.query().where('evaluation_id', evaluation.id)
    assert.sameDeepMembers(
      grades.map((g) => [g.userId, g.competenceId, g.level]),
      [
        [s.lea.id, c111.id, 'total'],
        [s.lea.id, c131.id, 'partial'],
        [s.hugo.id, c111.id, 'absent'],
      ]
    )
    assert.equal(await countOf(EvaluationChange.query().where('evaluation_id', evaluation.id)), 4)

    // The same form again changes nothing; clearing a cell is one change.
    await client
      .post(`/evaluations/${evaluation.id}/grades`)
      .loginAs(s.teacher)
      .form({
        [cell(s.lea.id, c111.id)]: 'total',
        [cell(s.lea.id, c131.id)]: '',
        [`comments[l${s.lea.id}]`]: 'Très bon oral, structuré.',
      })
      .withCsrfToken()
    const history = await EvaluationChange.query()
      .where('evaluation_id', evaluation.id)
      .orderBy('id')
    assert.lengthOf(history, 5)
    assert.deepInclude(
      history.map((h) => [h.learnerId, h.competenceId, h.before, h.after, h.changedBy]),
      [s.lea.id, c131.id, 'partial', null, s.teacher.id]
    )
    assert.isNull(
      await EvaluationGrade.query()
        .where({ evaluation_id: evaluation.id, user_id: s.lea.id, competence_id: c131.id })
        .first()
    )
    const learnerView = await client
      .get(`/evaluations/${evaluation.id}?view=learner`)
      .loginAs(s.teacher)
    learnerView.assertTextIncludes('Très bon oral, structuré.')
    assert.match(
      learnerView.text(),
      new RegExp(`name="grades\\[l${s.lea.id}\\]\\[c${c111.id}\\]" value="total"[^>]*checked`)
    )
    const page = await client.get(`/evaluations/${evaluation.id}/history`).loginAs(s.teacher)
    page.assertTextIncludes('Réussite partielle')
    page.assertTextIncludes('Anne PROF')
    page.assertTextIncludes('C13.1')
  })

  test('autosave answers with the time saved; bad levels, keys or values and foreign cells are refused and nothing is written', async ({
    client,
    assert,
  }) => {
    const s = await school()
    const { evaluation, c111 } = await evaluationOf(client, s)
    const autosave = (form: Record<string, unknown>) =>
      client
        .post(`/evaluations/${evaluation.id}/grades`)
        .loginAs(s.teacher)
        .header('Accept', 'application/json')
        .form(form)
        .withCsrfToken()
    const saved = await autosave({
      [cell(s.ines.id, c111.id)]: 'errors',
      [`expected[l${s.ines.id}][c${c111.id}]`]: '',
    })
    saved.assertStatus(200)
    assert.match(saved.body().savedAt, /^\d{2}:\d{2}:\d{2}$/)
    assert.equal(saved.body().changed, 1)
    assert.deepEqual(saved.body().conflicts, [])

    const refusals: [Record<string, unknown>, string][] = [
      [
        { [cell(s.lea.id, c111.id)]: 'excellent', [cell(s.hugo.id, c111.id)]: 'total' },
        'Niveau inconnu',
      ],
      [{ [`grades[${s.hugo.id}][c${c111.id}]`]: 'total' }, 'Formulaire de saisie invalide'],
      [
        { [`grades[l${s.hugo.id}][c0${c111.id}]`]: 'total', [cell(s.hugo.id, c111.id)]: 'errors' },
        'Formulaire de saisie invalide',
      ],
      [{ [`comments[l${s.hugo.id}][x]`]: 'y' }, 'Formulaire de saisie invalide'],
      [{ [`comments[l${s.hugo.id}]`]: 'x'.repeat(2001) }, '2 000 caractères'],
    ]
    for (const [form, message] of refusals) {
      const refused = await autosave(form)
      refused.assertStatus(422)
      assert.include(refused.body().error, message)
    }
    const stranger = await makeUser('learner', [s.centre])
    const foreign = await autosave({
      [cell(stranger.id, c111.id)]: 'total',
      [cell(s.hugo.id, c111.id)]: 'total',
    })
    foreign.assertStatus(422)
    assert.include(foreign.body().error, 'ne fait plus partie')
    const grades = await EvaluationGrade.query().where('evaluation_id', evaluation.id)
    assert.deepEqual(
      grades.map((g) => [g.userId, g.level]),
      [[s.ines.id, 'errors']]
    )
    // A comment at the limit, with line breaks sent as \r\n, fits.
    const long = Array.from({ length: 20 }, () => 'x'.repeat(98)).join('\r\n')
    ;(await autosave({ [`comments[l${s.hugo.id}]`]: long })).assertStatus(200)
    const hugo = await EvaluationLearner.query()
      .where({ evaluation_id: evaluation.id, user_id: s.hugo.id })
      .firstOrFail()
    assert.lengthOf(hugo.comment!, 20 * 98 + 19)
  })

  test('a stale page (another tab or device) never overwrites what it did not change; a real clash keeps the stored value and says so', async ({
    client,
    assert,
  }) => {
    const s = await school()
    const { evaluation, c111, c131 } = await evaluationOf(client, s)
    // The page both tabs loaded: nothing graded, not visible.
    const loaded = {
      [`expected[l${s.lea.id}][c${c111.id}]`]: '',
      [`expected[l${s.hugo.id}][c${c111.id}]`]: '',
      [`expected[l${s.lea.id}][c${c131.id}]`]: '',
      [`expected_comments[l${s.lea.id}]`]: '',
      expected_visible: '0',
    }
    // Tab B grades Léa, comments and makes it visible.
    await client
      .post(`/evaluations/${evaluation.id}/grades`)
      .loginAs(s.teacher)
      .header('Accept', 'application/json')
      .form({
        ...loaded,
        [cell(s.lea.id, c111.id)]: 'total',
        [cell(s.lea.id, c131.id)]: 'partial',
        [`comments[l${s.lea.id}]`]: 'Vu en B',
        visible_shown: '1',
        visible: '1',
      })
      .withCsrfToken()
    // Tab A, still showing the old page, saves its whole form with one change of its own (Hugo)
    // and one clash (Léa C13.1).
    const stale = await client
      .post(`/evaluations/${evaluation.id}/grades`)
      .loginAs(s.teacher)
      .form({
        ...loaded,
        [cell(s.lea.id, c111.id)]: '',
        [cell(s.hugo.id, c111.id)]: 'acquiring',
        [cell(s.lea.id, c131.id)]: 'errors',
        [`comments[l${s.lea.id}]`]: '',
        visible_shown: '1',
      })
      .withCsrfToken()
      .redirects(0)
    stale.assertFlashMessage(
      'warning',
      "1 résultat ou commentaire a été modifié ailleurs (autre onglet ou appareil) depuis l'ouverture de la page : il n'a pas été remplacé. Vérifiez-le."
    )
    const grades = await EvaluationGrade.query().where('evaluation_id', evaluation.id)
    assert.sameDeepMembers(
      grades.map((g) => [g.userId, g.competenceId, g.level]),
      [
        [s.lea.id, c111.id, 'total'],
        [s.lea.id, c131.id, 'partial'],
        [s.hugo.id, c111.id, 'acquiring'],
      ]
    )
    await evaluation.refresh()
    assert.isTrue(evaluation.visible)
    const lea = await EvaluationLearner.query()
      .where({ evaluation_id: evaluation.id, user_id: s.lea.id })
      .firstOrFail()
    assert.equal(lea.comment, 'Vu en B')
    // The autosave of that clash reports the stored value to show.
    const clash = await client
      .post(`/evaluations/${evaluation.id}/grades`)
      .loginAs(s.teacher)
      .header('Accept', 'application/json')
      .form({ [cell(s.lea.id, c131.id)]: 'errors', [`expected[l${s.lea.id}][c${c131.id}]`]: '' })
      .withCsrfToken()
    assert.deepEqual(clash.body().conflicts, [
      { learnerId: s.lea.id, competenceId: c131.id, stored: 'partial' },
    ])
  })

  test('the visible switch shows the evaluation to its learners, and only their own results', async ({
    client,
    assert,
  }) => {
    const s = await school()
    const { evaluation, c111 } = await evaluationOf(client, s)
    await client
      .post(`/evaluations/${evaluation.id}/grades`)
      .loginAs(s.teacher)
      .form({
        [cell(s.lea.id, c111.id)]: 'total',
        [cell(s.hugo.id, c111.id)]: 'errors',
        [`comments[l${s.lea.id}]`]: 'Bravo Léa',
        [`comments[l${s.hugo.id}]`]: 'Hugo doit revoir le plan',
      })
      .withCsrfToken()
    const before = await client.get('/my/evaluations').loginAs(s.lea)
    before.assertTextIncludes(
      'Vos enseignants n&#x27;ont pas encore rendu d&#x27;évaluation visible.'
    )
    await expectStatus(client.get(`/my/evaluations/${evaluation.id}`).loginAs(s.lea), 404)

    await client
      .post(`/evaluations/${evaluation.id}/grades`)
      .loginAs(s.teacher)
      .form({ visible_shown: '1', visible: '1' })
      .withCsrfToken()
    await evaluation.refresh()
    assert.isTrue(evaluation.visible)
    assert.exists(await AuditLog.findBy('action', 'evaluation.shown'))
    const list = await client.get('/my/evaluations').loginAs(s.lea)
    list.assertTextIncludes('Oral de présentation')
    const mine = await client.get(`/my/evaluations/${evaluation.id}`).loginAs(s.lea)
    mine.assertTextIncludes('Réussite totale')
    mine.assertTextIncludes('Bravo Léa')
    assertTextExcludes(mine, 'Hugo doit revoir le plan')
    assertTextExcludes(mine, 'Trop d&#x27;erreurs')

    // Search by title and by date (a year, a month, a day).
    const byTitle = await client.get('/my/evaluations?q=oral').loginAs(s.lea)
    byTitle.assertTextIncludes('Oral de présentation')
    const wrongTitle = await client.get('/my/evaluations?q=rapport').loginAs(s.lea)
    assertTextExcludes(wrongTitle, 'Oral de présentation')
    for (const date of ['2026', '11/2026', '20/11/2026', '2026-11-20'])
      (await client.get(`/my/evaluations?date=${date}`).loginAs(s.lea)).assertTextIncludes(
        'Oral de présentation'
      )
    ;(await client.get('/my/evaluations?date=0000').loginAs(s.lea)).assertTextIncludes(
      'Oral de présentation'
    )
    const otherMonth = await client.get('/my/evaluations?date=10/2026').loginAs(s.lea)
    assertTextExcludes(otherMonth, 'Oral de présentation')

    // A learner of the centre who was not evaluated sees nothing of it.
    const other = await makeUser('learner', [s.centre])
    assertTextExcludes(await client.get('/my/evaluations').loginAs(other), 'Oral de présentation')
    await expectStatus(client.get(`/my/evaluations/${evaluation.id}`).loginAs(other), 404)

    // Hidden again: gone from the learner's list.
    await client
      .post(`/evaluations/${evaluation.id}/grades`)
      .loginAs(s.teacher)
      .form({ visible_shown: '1' })
      .withCsrfToken()
    assertTextExcludes(await client.get('/my/evaluations').loginAs(s.lea), 'Oral de présentation')
  })

  test('learners and competences are added and removed while grading; removing results asks for a confirmation first', async ({
    client,
    assert,
  }) => {
    const s = await school()
    const { evaluation, c111, c131 } = await evaluationOf(client, s)
    const c211 = await s.code('C21.1')
    await client
      .post(`/evaluations/${evaluation.id}/grades`)
      .loginAs(s.teacher)
      .form({
        [cell(s.hugo.id, c111.id)]: 'partial',
        [cell(s.hugo.id, c131.id)]: 'acquiring',
        [`comments[l${s.hugo.id}]`]: 'Revoir',
      })
      .withCsrfToken()
    const edit = await client.get(`/evaluations/${evaluation.id}/edit`).loginAs(s.teacher)
    edit.assertTextIncludes('Oral de présentation')
    const form = {
      'title': 'Oral de présentation',
      'evaluated_on': '2026-11-21',
      'competences[]': [String(c111.id), String(c211.id)],
      'order[]': [String(c211.id), String(c111.id)],
      [`choices[c${c211.id}][complexities][]`]: (await s.code('C21.1')).complexities[0],
      'learners[]': [String(s.lea.id), String(s.ines.id)],
    }
    const refused = await client
      .put(`/evaluations/${evaluation.id}`)
      .loginAs(s.teacher)
      .form(form)
      .withCsrfToken()
      .redirects(0)
    assertFieldError(
      refused,
      'confirm_removal',
      '2 résultats déjà saisis seront supprimés (1 apprenant retiré, 1 compétence retirée). Confirmez pour continuer.'
    )
    assert.equal(await countOf(EvaluationGrade.query().where('evaluation_id', evaluation.id)), 2)

    await client
      .put(`/evaluations/${evaluation.id}`)
      .loginAs(s.teacher)
      .form({ ...form, confirm_removal: '1' })
      .withCsrfToken()
    await evaluation.refresh()
    assert.equal(evaluation.evaluatedOn.toISODate(), '2026-11-21')
    const competences = await evaluation.related('competences').query().orderBy('position')
    assert.deepEqual(
      competences.map((c) => c.competenceId),
      [c211.id, c111.id]
    )
    const learners = await EvaluationLearner.query().where('evaluation_id', evaluation.id)
    assert.sameMembers(
      learners.map((l) => l.userId),
      [s.lea.id, s.ines.id]
    )
    assert.equal(await countOf(EvaluationGrade.query().where('evaluation_id', evaluation.id)), 0)
    const removed = await EvaluationChange.query()
      .where('evaluation_id', evaluation.id)
      .whereNull('after')
    assert.sameDeepMembers(
      removed.map((h) => [h.learnerId, h.field, h.before]),
      [
        [s.hugo.id, 'grade', 'partial'],
        [s.hugo.id, 'grade', 'acquiring'],
        [s.hugo.id, 'comment', 'Revoir'],
      ]
    )
    const audit = await AuditLog.findByOrFail('action', 'evaluation.updated')
    assert.deepInclude(audit.after as any, { evaluated_on: '2026-11-21' })
  })

  test('blank and filled evaluation sheets read back as PDF', async ({ client, assert }) => {
    const s = await school()
    const { evaluation, c111 } = await evaluationOf(client, s)
    await client
      .post(`/evaluations/${evaluation.id}/grades`)
      .loginAs(s.teacher)
      .form({
        [cell(s.lea.id, c111.id)]: 'total',
        [`comments[l${s.lea.id}]`]: 'Argumentation claire',
      })
      .withCsrfToken()
    const blank = await client.get(`/evaluations/${evaluation.id}/sheet`).loginAs(s.teacher)
    blank.assertHeader('content-type', 'application/pdf')
    const blankText = (await pagesText(blank.body() as Buffer)).join('\n')
    assert.include(blankText, "Fiche d'évaluation vierge")
    assert.include(blankText, 'AUBERT Léa')
    assert.include(blankText, 'CARON Inès')
    assert.include(blankText, 'C13.1')
    assert.include(blankText, 'Délai raccourci')
    assert.notInclude(blankText, 'Argumentation claire')
    const filled = await client
      .get(`/evaluations/${evaluation.id}/sheet?filled=1`)
      .loginAs(s.teacher)
    const filledText = (await pagesText(filled.body() as Buffer)).join('\n')
    assert.include(filledText, 'Argumentation claire')
    assert.include(filledText, 'Anne PROF')
  })

  test('delete asks for a confirmation in the page, removes results and is audited', async ({
    client,
    assert,
  }) => {
    const s = await school()
    const { evaluation, c111 } = await evaluationOf(client, s)
    await client
      .post(`/evaluations/${evaluation.id}/grades`)
      .loginAs(s.teacher)
      .form({ [cell(s.lea.id, c111.id)]: 'total' })
      .withCsrfToken()
    const list = await client.get('/evaluations').loginAs(s.teacher)
    list.assertTextIncludes('Oral de présentation')
    list.assertTextIncludes('delete-evaluation-' + evaluation.id)
    await client.delete(`/evaluations/${evaluation.id}`).loginAs(s.teacher).withCsrfToken()
    assert.isNull(await Evaluation.find(evaluation.id))
    assert.equal(await countOf(EvaluationGrade.query().where('evaluation_id', evaluation.id)), 0)
    const audit = await AuditLog.findByOrFail('action', 'evaluation.deleted')
    assert.deepEqual(audit.before, {
      title: 'Oral de présentation',
      evaluated_on: '2026-11-20',
      grades: 1,
      results: [`${s.lea.id}:${c111.id}:total`],
      comments: {},
    })
  })

  test('the list searches titles and filters on visibility and dates', async ({ client }) => {
    const s = await school()
    await evaluationOf(client, s)
    ;(await client.get('/evaluations?q=oral').loginAs(s.teacher)).assertTextIncludes(
      'Oral de présentation'
    )
    assertTextExcludes(
      await client.get('/evaluations?q=dossier').loginAs(s.teacher),
      'Oral de présentation'
    )
    assertTextExcludes(
      await client.get('/evaluations?visible=yes').loginAs(s.teacher),
      'Oral de présentation'
    )
    assertTextExcludes(
      await client.get('/evaluations?from=2026-11-21').loginAs(s.teacher),
      'Oral de présentation'
    )
    ;(
      await client.get('/evaluations?from=2026-11-01&to=2026-11-30').loginAs(s.teacher)
    ).assertTextIncludes('Oral de présentation')
    // Dates that are not dates are ignored, on both databases.
    ;(
      await client.get('/evaluations?from=2026-02-31&to=2026-99-99').loginAs(s.teacher)
    ).assertTextIncludes('Oral de présentation')
  })
})

test.group('Evaluations · authorisation', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('only the author grades, edits, prints or deletes; other roles and centres are refused', async ({
    client,
    assert,
  }) => {
    const s = await school()
    const { evaluation, c111 } = await evaluationOf(client, s)
    const elsewhere = await CentreFactory.create()
    const farTeacher = await makeUser('teacher', [elsewhere])
    const staff = await makeUser('centre_staff', [s.centre])
    const manager = await makeUser('centre_manager', [s.centre])
    const id = evaluation.id
    const reads = [
      `/evaluations/${id}`,
      `/evaluations/${id}/edit`,
      `/evaluations/${id}/sheet`,
      `/evaluations/${id}/history`,
    ]
    for (const url of reads) {
      await expectStatus(client.get(url).loginAs(s.colleague), 403)
      await expectStatus(client.get(url).loginAs(farTeacher), 404)
      await expectStatus(client.get(url).loginAs(staff), 403)
      await expectStatus(client.get(url).loginAs(s.lea), 403)
    }
    for (const user of [s.colleague, farTeacher, staff, manager, s.lea]) {
      const grade = await client
        .post(`/evaluations/${id}/grades`)
        .loginAs(user)
        .form({ [cell(s.lea.id, c111.id)]: 'total', visible_shown: '1', visible: '1' })
        .withCsrfToken()
      assert.oneOf(grade.status(), [403, 404])
      const update = await client
        .put(`/evaluations/${id}`)
        .loginAs(user)
        .form({ title: 'Piraté', evaluated_on: '2026-11-20' })
        .withCsrfToken()
      assert.oneOf(update.status(), [403, 404])
      const remove = await client.delete(`/evaluations/${id}`).loginAs(user).withCsrfToken()
      assert.oneOf(remove.status(), [403, 404])
    }
    await evaluation.refresh()
    assert.equal(evaluation.title, 'Oral de présentation')
    assert.isFalse(evaluation.visible)
    assert.equal(await countOf(EvaluationGrade.query().where('evaluation_id', id)), 0)
    for (const user of [staff, manager, s.lea]) {
      await expectStatus(client.get('/evaluations').loginAs(user), 403)
      await expectStatus(client.get('/evaluations/create').loginAs(user), 403)
    }
    for (const user of [s.teacher, staff, manager])
      await expectStatus(client.get('/my/evaluations').loginAs(user), 403)
    // The colleague's own list does not show it.
    assertTextExcludes(
      await client.get('/evaluations').loginAs(s.colleague),
      'Oral de présentation'
    )
    // A teacher cannot start from another centre's scenario.
    const foreignScenario = await Scenario.create({
      centreId: elsewhere.id,
      authorId: farTeacher.id,
      title: 'Ailleurs',
      level: null,
      visibility: 'public',
      context: null,
      materials: null,
      links: [],
      resources: null,
    })
    await expectStatus(
      client.get(`/evaluations/create?scenario=${foreignScenario.id}`).loginAs(s.teacher),
      404
    )
    const guest = await client.get(`/evaluations/${id}`).redirects(0)
    assert.oneOf(guest.status(), [302, 303])
  })
})
