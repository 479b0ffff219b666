import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import testUtils from '@adonisjs/core/services/test_utils'
import CompetenceLock from '#passports/models/competence_lock'
import ProfessionalSituation from '#passports/models/professional_situation'
import SituationAttachment from '#passports/models/situation_attachment'
import {
  CentreFactory,
  frameworkNodeId,
  makeDivision,
  makeFramework,
  makeUser,
} from '#database/factories/index'
import { assertFieldError, assertRedirect } from '#tests/helpers/http'
import { PDF, fixture } from '#tests/helpers/files'
import { pagesText } from '#tests/helpers/pdf'

async function school() {
  const centre = await CentreFactory.create()
  const admin = await makeUser('network_admin')
  const version = await makeFramework([centre], admin)
  const lea = await makeUser('learner', [centre], { firstName: 'Léa', lastName: 'Aubert' })
  const teacher = await makeUser('teacher', [centre])
  await makeDivision(centre, 'BTS COM 1', [teacher, lea])
  const id = (table: 'situations' | 'competences', code: string, versionId = version.id) =>
    frameworkNodeId(versionId, table, code)
  return { centre, admin, version, lea, teacher, id }
}

type School = Awaited<ReturnType<typeof school>>

async function form(s: School, extra: Record<string, string> = {}) {
  return {
    title: 'Outils PRECOM',
    situation_id: String(await s.id('situations', 'S211')),
    description: 'Commercialiser les pages Nouvel an du quotidien.',
    location: 'organisation',
    starts_on: '2026-10-05',
    ends_on: '2026-10-09',
    source: 'internship',
    kind: 'lived',
    competence_id: String(await s.id('competences', 'C21.1')),
    ...extra,
  }
}

function save(
  client: any,
  s: School,
  fields: Record<string, unknown>,
  path = '/my/passport/situations',
  method = 'post'
) {
  return client[method](path)
    .loginAs(s.lea)
    .header('Referer', '/my/passport/situations/create')
    .form(fields)
    .withCsrfToken()
    .redirects(0)
}

test.group('Passports · professional passport rules', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an evaluation stays while the learner corrects its text, and goes when it claims another competence', async ({
    client,
    assert,
  }) => {
    const s = await school()
    await save(client, s, await form(s))
    const situation = await ProfessionalSituation.firstOrFail()
    await situation
      .merge({
        result: 'total',
        appreciation: 'Très bien',
        evaluatedBy: s.teacher.id,
        evaluatedAt: DateTime.utc(),
      })
      .save()
    const path = `/my/passport/situations/${situation.id}`
    await save(client, s, await form(s, { title: 'Outils PRECOM (corrigé)' }), path, 'put')
    await situation.refresh()
    assert.equal(situation.result, 'total')
    await save(
      client,
      s,
      await form(s, {
        situation_id: String(await s.id('situations', 'S112')),
        competence_id: String(await s.id('competences', 'C11.2')),
      }),
      path,
      'put'
    )
    await situation.refresh()
    assert.isNull(situation.result)
    assert.isNull(situation.appreciation)
    assert.isNull(situation.evaluatedAt)
  })

  test('complexities are kept once each; a started support row reports its own row', async ({
    client,
    assert,
  }) => {
    const s = await school()
    await save(client, s, {
      ...(await form(s)),
      'complexities[]': ['Offre complexe', 'Offre complexe', 'Inventée'],
    })
    const situation = await ProfessionalSituation.firstOrFail()
    assert.deepEqual(situation.complexities, ['Offre complexe'])
    const refused = await save(client, s, {
      ...(await form(s)),
      'supports[0][designation]': '',
      'supports[1][designation]': 'Fichier de prospects',
    })
    assertFieldError(
      refused,
      'supports.1',
      'Chaque support a une désignation, une origine et une nature.'
    )
    refused.assertFlashMessage('errorsBag', { E_VALIDATION_ERROR: 'refused' })
  })

  test("a learner's dashboard counts only the evaluations made visible to it; its teacher sees them all", async ({
    client,
    assert,
  }) => {
    const s = await school()
    const c131 = await s.id('competences', 'C13.1')
    const [evaluation] = await db
      .table('evaluations')
      .insert({
        centre_id: s.centre.id,
        author_id: s.teacher.id,
        title: 'Brouillon',
        evaluated_on: '2026-11-01',
        visible: false,
        created_at: '2026-11-01 10:00:00',
        updated_at: '2026-11-01 10:00:00',
      })
      .returning('id')
    const evaluationId = Number(typeof evaluation === 'object' ? evaluation.id : evaluation)
    await db.table('evaluation_competences').insert({
      evaluation_id: evaluationId,
      competence_id: c131,
      position: 1,
      complexities: '[]',
      hazards: '[]',
    })
    await db.table('evaluation_grades').insert({
      evaluation_id: evaluationId,
      user_id: s.lea.id,
      competence_id: c131,
      level: 'errors',
      updated_at: '2026-11-01 10:00:00',
    })
    const value = (html: string) =>
      /data-code="C13.1"[\s\S]*?data-testid="mastery" data-value="([^"]*)"/.exec(html)?.[1]
    assert.equal(value((await client.get('/my/passport/dashboard').loginAs(s.lea)).text()), '')
    assert.equal(
      value(
        (
          await client.get(`/pro-passports/learners/${s.lea.id}/dashboard`).loginAs(s.teacher)
        ).text()
      ),
      '0'
    )
  })

  test('after the centre moves to a new framework version, situations, locks and results keep their competence', async ({
    client,
    assert,
  }) => {
    const s = await school()
    await save(client, s, await form(s))
    const situation = await ProfessionalSituation.firstOrFail()
    await situation
      .merge({ result: 'total', evaluatedBy: s.teacher.id, evaluatedAt: DateTime.utc() })
      .save()
    await CompetenceLock.create({
      userId: s.lea.id,
      competenceId: await s.id('competences', 'C21.1'),
      lockedBy: s.teacher.id,
    })
    // A new version; the centre leaves the old one.
    const next = await makeFramework([], s.admin)
    await db
      .from('centre_frameworks')
      .where('centre_id', s.centre.id)
      .update({ version_id: next.id })

    const list = await client.get('/my/passport').loginAs(s.lea)
    list.assertTextIncludes('C21.1 Élaborer des outils')
    list.assertTextIncludes('bloquée')
    const board = await client.get('/my/passport/dashboard').loginAs(s.lea)
    assert.match(board.text(), /data-code="C21.1"[\s\S]*?data-value="100"/)
    const edit = await client.get(`/my/passport/situations/${situation.id}/edit`).loginAs(s.lea)
    edit.assertTextIncludes(
      `<option value="${await s.id('situations', 'S211', next.id)}" selected>`
    )
    const pdf = (
      await pagesText(
        (await client.get('/my/passport/print.pdf?unit=E4').loginAs(s.lea)).body() as Buffer
      )
    ).join(' ')
    assert.include(pdf, 'Commercialiser les pages Nouvel an du quotidien.')
    // A new situation may not claim the locked competence under its new id either.
    const refused = await save(client, s, {
      ...(await form(s)),
      situation_id: String(await s.id('situations', 'S211', next.id)),
      competence_id: String(await s.id('competences', 'C21.1', next.id)),
    })
    assertFieldError(
      refused,
      'competence_id',
      'Cette compétence a été bloquée par un enseignant : vous ne pouvez plus la choisir.'
    )
    // Unlocking under the new version releases the old lock.
    await client
      .post(`/pro-passports/learners/${s.lea.id}/locks`)
      .loginAs(s.teacher)
      .header('Referer', `/pro-passports/learners/${s.lea.id}`)
      .form({ competence_id: String(await s.id('competences', 'C21.1', next.id)), locked: '0' })
      .withCsrfToken()
    assert.isNull(await CompetenceLock.findBy('user_id', s.lea.id))
  })

  test('an attachment is removed alone; printing with nothing ticked asks for a choice', async ({
    client,
    assert,
  }) => {
    const s = await school()
    await client
      .post('/my/passport/situations')
      .loginAs(s.lea)
      .fields(await form(s))
      .file('attachments[]', await fixture('brief.pdf', PDF))
      .withCsrfToken()
    const [attachment] = await SituationAttachment.all()
    const removed = await client
      .delete(`/my/passport/attachments/${attachment.id}`)
      .loginAs(s.lea)
      .withCsrfToken()
      .redirects(0)
    assertRedirect(removed, `/my/passport/situations/${attachment.professionalSituationId}/edit`)
    assert.lengthOf(await SituationAttachment.all(), 0)
    assert.isFalse(await drive.use().exists(attachment.storageKey))
    assert.exists(await ProfessionalSituation.find(attachment.professionalSituationId))

    const none = await client
      .get('/my/passport/print.pdf?unit=E4&chosen=1')
      .loginAs(s.lea)
      .redirects(0)
    assertRedirect(none, '/my/passport/print?unit=E4')
    none.assertFlashMessage('error', 'Cochez au moins une compétence à imprimer.')
  })

  test('attachments and filters: another learner, a teacher elsewhere and the wrong role are refused', async ({
    client,
    assert,
  }) => {
    const s = await school()
    await client
      .post('/my/passport/situations')
      .loginAs(s.lea)
      .fields(await form(s))
      .file('attachments[]', await fixture('brief.pdf', PDF))
      .withCsrfToken()
    const [attachment] = await SituationAttachment.all()
    const hugo = await makeUser('learner', [s.centre])
    const stranger = await makeUser('teacher', [await CentreFactory.create()])
    const status = async (request: any) => (await request).status()
    assert.equal(
      await status(client.get(`/my/passport/attachments/${attachment.id}`).loginAs(hugo)),
      404
    )
    assert.equal(
      await status(
        client.delete(`/my/passport/attachments/${attachment.id}`).loginAs(hugo).withCsrfToken()
      ),
      404
    )
    assert.equal(
      await status(client.get(`/pro-passports/attachments/${attachment.id}`).loginAs(stranger)),
      404
    )
    assert.equal(
      await status(client.get(`/pro-passports/attachments/${attachment.id}`).loginAs(s.lea)),
      403
    )
    assert.equal(
      await status(client.get(`/pro-passports/attachments/${attachment.id}`).loginAs(s.teacher)),
      200
    )
    assert.equal(
      await status(
        client.post('/pro-passports/filters').loginAs(s.lea).form({ name: 'x' }).withCsrfToken()
      ),
      403
    )
    assert.exists(await SituationAttachment.find(attachment.id))
  })

  test('a situation attached to another framework of the class offers its activity; the list shows the link', async ({
    client,
    assert,
  }) => {
    const s = await school()
    // The class also works with the CQP, to which the BTS's S211 is attached (C21.1).
    const cqp = await makeFramework([s.centre], s.admin, 1)
    const activity = await s.id('competences', 'C21.1', cqp.id)
    const page = await client.get('/my/passport/situations/create').loginAs(s.lea)
    page.assertTextIncludes('data-testid="secondary-S211"')
    page.assertTextIncludes('Activité du référentiel CQP Vendeur conseil')

    const other = await s.id('competences', 'C22.1', cqp.id)
    const refused = await save(client, s, {
      ...(await form(s)),
      secondary_competence_id: String(other),
    })
    assertFieldError(
      refused,
      'secondary_competence_id',
      'Choisissez une activité rattachée à la situation choisie.'
    )

    await save(client, s, { ...(await form(s)), secondary_competence_id: String(activity) })
    const situation = await ProfessionalSituation.firstOrFail()
    assert.equal(situation.secondaryCompetenceId, activity)
    const list = await client.get('/my/passport').loginAs(s.lea)
    list.assertTextIncludes('data-testid="has-link"')
    list.assertTextIncludes('Rattachée à CQP Vendeur conseil : C21.1')
    const teacher = await client.get(`/pro-passports/learners/${s.lea.id}`).loginAs(s.teacher)
    teacher.assertTextIncludes('data-testid="has-link"')
    const detail = await client.get(`/pro-passports/situations/${situation.id}`).loginAs(s.teacher)
    detail.assertTextIncludes('<dd data-testid="secondary">C21.1')
  })
})
