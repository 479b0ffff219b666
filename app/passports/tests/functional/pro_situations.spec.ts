import { test } from '@japa/runner'
import drive from '@adonisjs/drive/services/main'
import testUtils from '@adonisjs/core/services/test_utils'
import CompetenceLock from '#passports/models/competence_lock'
import ProfessionalSituation from '#passports/models/professional_situation'
import SituationAttachment from '#passports/models/situation_attachment'
import SituationSupport from '#passports/models/situation_support'
import AuditLog from '#shared/audit/audit_log'
import {
  CentreFactory,
  frameworkNodeId,
  makeDivision,
  makeFramework,
  makeUser,
} from '#database/factories/index'
import { assertFieldError, assertRedirect, expectStatus } from '#tests/helpers/http'
import { PDF, fixture } from '#tests/helpers/files'

/** A training centre with the demo BTS framework, a class with two learners. */
async function school() {
  const centre = await CentreFactory.create()
  const admin = await makeUser('network_admin')
  const version = await makeFramework([centre], admin)
  const lea = await makeUser('learner', [centre], { firstName: 'Léa', lastName: 'Aubert' })
  const hugo = await makeUser('learner', [centre], { firstName: 'Hugo', lastName: 'Bernard' })
  const teacher = await makeUser('teacher', [centre])
  await makeDivision(centre, 'BTS COM 1', [teacher, lea, hugo])
  const id = (table: 'situations' | 'competences', code: string) =>
    frameworkNodeId(version.id, table, code)
  return { centre, lea, hugo, teacher, id }
}

type School = Awaited<ReturnType<typeof school>>

/** A complete situation as the four tabs send it: S112 claims C11.1 (of its two). */
async function complete(s: School, extra: Record<string, string> = {}) {
  return {
    'title': 'Brief Grassin',
    'situation_id': String(await s.id('situations', 'S112')),
    'description':
      "Stagiaire à l'agence CJCOM, j'assiste au brief de la société Grassin pour son 100e anniversaire.",
    'partners': 'Agence CJCOM',
    'location': 'organisation',
    'starts_on': '2026-10-05',
    'ends_on': '2026-10-09',
    'source': 'internship',
    'kind': 'lived',
    'tasks': 'Faire la synthèse du brief oral et de la documentation',
    'objectives': "Comprendre exactement les attentes de l'annonceur",
    'actors[0][name]': 'M. Durand',
    'actors[0][role]': 'Maître de stage',
    'qualitative_results': 'Synthèse validée par le maître de stage',
    'supports[0][designation]': 'Compte rendu du brief',
    'supports[0][origin]': 'created',
    'supports[0][nature]': 'digital',
    'supports[1][designation]': 'Charte graphique Grassin',
    'supports[1][origin]': 'available',
    'supports[1][nature]': 'printed',
    'competence_id': String(await s.id('competences', 'C11.1')),
    'complexities[]': 'Budget contraint',
    'competence_description': "Cerner la demande d'un annonceur à partir d'un brief.",
    ...extra,
  }
}

function post(
  client: any,
  s: School,
  form: Record<string, string>,
  path = '/my/passport/situations'
) {
  return client
    .post(path)
    .loginAs(s.lea)
    .header('Referer', '/my/passport/situations/create')
    .fields(form)
    .withCsrfToken()
    .redirects(0)
}

test.group('Passports · a learner’s professional situations', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('four tabs in one form: saved with its actors, two supports, an attachment, one competence of the two', async ({
    client,
    assert,
  }) => {
    const s = await school()
    const form = await client.get('/my/passport/situations/create').loginAs(s.lea)
    form.assertStatus(200)
    form.assertTextIncludes('<optgroup label="S11 — Gestion de la relation annonceur">')
    form.assertTextIncludes('Cette situation correspond à deux compétences')

    const response = await client
      .post('/my/passport/situations')
      .loginAs(s.lea)
      .fields({ ...(await complete(s)), then: 'continue' })
      .file('attachments[]', await fixture('brief.pdf', PDF))
      .withCsrfToken()
      .redirects(0)
    const situation = await ProfessionalSituation.query().where('user_id', s.lea.id).firstOrFail()
    assertRedirect(response, `/my/passport/situations/${situation.id}/edit`)
    response.assertFlashMessage('success', 'Situation « Brief Grassin » enregistrée.')
    assert.equal(situation.competenceId, await s.id('competences', 'C11.1'))
    assert.deepEqual(situation.complexities, ['Budget contraint'])
    assert.deepEqual(situation.actors, [{ name: 'M. Durand', role: 'Maître de stage' }])
    assert.equal(situation.startsOn.toISODate(), '2026-10-05')
    const supports = await SituationSupport.query()
      .where('professional_situation_id', situation.id)
      .orderBy('position')
    assert.deepEqual(
      supports.map((x) => [x.designation, x.origin, x.nature]),
      [
        ['Compte rendu du brief', 'created', 'digital'],
        ['Charte graphique Grassin', 'available', 'printed'],
      ]
    )
    const [attachment] = await SituationAttachment.query().where(
      'professional_situation_id',
      situation.id
    )
    assert.equal(attachment.name, 'brief.pdf')
    assert.isTrue(await drive.use().exists(attachment.storageKey))
    assert.exists(await AuditLog.findBy('action', 'pro_situation.created'))

    const list = await client.get('/my/passport').loginAs(s.lea)
    list.assertTextIncludes('Brief Grassin')
    list.assertTextIncludes('data-testid="has-attachments"')
    list.assertTextIncludes('C11.1')
    const download = await client.get(`/my/passport/attachments/${attachment.id}`).loginAs(s.lea)
    download.assertStatus(200)
    download.assertHeader('content-type', 'application/pdf')

    // "Enregistrer et quitter" goes back to the list; the edit replaces the supports.
    const edited = await client
      .put(`/my/passport/situations/${situation.id}`)
      .loginAs(s.lea)
      .fields({
        ...(await complete(s, { title: 'Brief Grassin (suite)' })),
        'supports[1][designation]': '',
        'supports[1][origin]': '',
        'supports[1][nature]': '',
        'then': 'quit',
      })
      .withCsrfToken()
      .redirects(0)
    assertRedirect(edited, '/my/passport')
    assert.lengthOf(
      await SituationSupport.query().where('professional_situation_id', situation.id),
      1
    )
  })

  test('required fields, limits and rules are enforced with clear messages; nothing is written', async ({
    client,
    assert,
  }) => {
    const s = await school()
    const refused = async (extra: Record<string, string>, field: string, message: string) => {
      const response = await post(client, s, await complete(s, extra))
      assertRedirect(response, '/my/passport/situations/create')
      assertFieldError(response, field, message)
    }
    await refused({ title: '' }, 'title', 'Ce champ est obligatoire.')
    await refused(
      { description: 'x'.repeat(256) },
      'description',
      'Saisissez au plus 255 caractères.'
    )
    await refused(
      { ends_on: '2026-10-01' },
      'ends_on',
      'La date de fin ne peut pas précéder la date de début.'
    )
    await refused(
      { competence_id: String(await s.id('competences', 'C22.1')) },
      'competence_id',
      'Choisissez une compétence de la situation choisie.'
    )
    await refused(
      {
        situation_id: String(await s.id('situations', 'S211')),
        competence_id: String(await s.id('competences', 'C21.1')),
        project: '1',
      },
      'project',
      'La case Projet ne concerne que les situations dont le numéro commence par 1 ou 3.'
    )
    await refused(
      {
        situation_id: String(await s.id('situations', 'S322')),
        competence_id: String(await s.id('competences', 'C32.2')),
      },
      'competence_id',
      'Cette compétence est évaluée en E5 : elle ne se remplit pas dans le passeport.'
    )
    await refused(
      { 'supports[1][nature]': '' },
      'supports.1',
      'Chaque support a une désignation, une origine et une nature.'
    )
    const wrongFile = await client
      .post('/my/passport/situations')
      .loginAs(s.lea)
      .header('Referer', '/my/passport/situations/create')
      .fields(await complete(s))
      .file('attachments[]', await fixture('notes.pdf', Buffer.from('hello, not a pdf')))
      .withCsrfToken()
      .redirects(0)
    assertFieldError(wrongFile, 'attachments', "« notes.pdf » n'est ni un pdf ni un zip.")
    // What was typed comes back with the message.
    assert.equal(wrongFile.flashMessages()!.title, 'Brief Grassin')
    assert.lengthOf(await ProfessionalSituation.all(), 0)
    assert.lengthOf(await SituationAttachment.all(), 0)
  })

  test('a competence a teacher locked cannot be chosen, and the form says why', async ({
    client,
  }) => {
    const s = await school()
    const c111 = await s.id('competences', 'C11.1')
    await CompetenceLock.create({ userId: s.lea.id, competenceId: c111, lockedBy: s.teacher.id })
    const form = await client.get('/my/passport/situations/create').loginAs(s.lea)
    form.assertTextIncludes('bloquée par un enseignant')
    const refused = await post(client, s, await complete(s))
    assertFieldError(
      refused,
      'competence_id',
      'Cette compétence a été bloquée par un enseignant : vous ne pouvez plus la choisir.'
    )
    // The other learner is not concerned by Léa's lock.
    const hugo = await client
      .post('/my/passport/situations')
      .loginAs(s.hugo)
      .fields(await complete(s))
      .withCsrfToken()
      .redirects(0)
    hugo.assertFlashMessage('success', 'Situation « Brief Grassin » enregistrée.')
  })

  test('filters by title, date and competence; delete after confirmation takes supports and files', async ({
    client,
    assert,
  }) => {
    const s = await school()
    await client
      .post('/my/passport/situations')
      .loginAs(s.lea)
      .fields(await complete(s))
      .file('attachments[]', await fixture('brief.pdf', PDF))
      .withCsrfToken()
    await post(
      client,
      s,
      await complete(s, {
        'title': 'Étude du trimestriel',
        'situation_id': String(await s.id('situations', 'S322')),
        'competence_id': String(await s.id('competences', 'C11.2')),
        'complexities[]': '',
        'starts_on': '2026-11-02',
        'ends_on': '2026-11-20',
      })
    )
    const rows = async (query: string) => {
      const page = await client.get(`/my/passport?${query}`).loginAs(s.lea)
      return (page.text().match(/data-testid="situation-row"/g) ?? []).length
    }
    assert.equal(await rows(''), 2)
    assert.equal(await rows('q=trimestriel'), 1)
    assert.equal(await rows('date=2026-10-07'), 1)
    assert.equal(await rows('competence=C11.2'), 1)
    assert.equal(await rows('competence=annonceur'), 2)

    const situation = await ProfessionalSituation.findByOrFail('title', 'Brief Grassin')
    const [file] = await SituationAttachment.query().where(
      'professional_situation_id',
      situation.id
    )
    const deleted = await client
      .delete(`/my/passport/situations/${situation.id}`)
      .loginAs(s.lea)
      .withCsrfToken()
      .redirects(0)
    assertRedirect(deleted, '/my/passport')
    assert.isNull(await ProfessionalSituation.find(situation.id))
    assert.lengthOf(
      await SituationSupport.query().where('professional_situation_id', situation.id),
      0
    )
    assert.isFalse(await drive.use().exists(file.storageKey))
    assert.exists(await AuditLog.findBy('action', 'pro_situation.deleted'))
  })

  test('a situation is its learner’s alone; other roles have no passport of their own', async ({
    client,
  }) => {
    const s = await school()
    await post(client, s, await complete(s))
    const situation = await ProfessionalSituation.firstOrFail()
    const [attachmentless] = [situation.id]
    for (const path of [`/my/passport/situations/${attachmentless}/edit`])
      await expectStatus(client.get(path).loginAs(s.hugo), 404)
    await expectStatus(
      client
        .put(`/my/passport/situations/${situation.id}`)
        .loginAs(s.hugo)
        .fields(await complete(s))
        .withCsrfToken()
        .redirects(0),
      404
    )
    await expectStatus(
      client.delete(`/my/passport/situations/${situation.id}`).loginAs(s.hugo).withCsrfToken(),
      404
    )
    const stranger = await makeUser('learner', [await CentreFactory.create()])
    await expectStatus(
      client.get(`/my/passport/situations/${situation.id}/edit`).loginAs(stranger),
      404
    )
    for (const role of ['teacher', 'centre_manager', 'evaluator', 'network_admin'] as const) {
      const user = await makeUser(role, role === 'network_admin' ? [] : [s.centre])
      await expectStatus(client.get('/my/passport').loginAs(user), 403)
      await expectStatus(client.get('/my/passport/situations/create').loginAs(user), 403)
    }
    await expectStatus(client.get('/my/passport').redirects(0), 302)
  })
})
