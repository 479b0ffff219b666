import { test } from '@japa/runner'
import drive from '@adonisjs/drive/services/main'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { anonymiseCandidate } from '#candidates'
import ProfessionalSituation from '#passports/models/professional_situation'
import {
  CentreFactory,
  frameworkNodeId,
  makeCandidate,
  makeDivision,
  makeFramework,
  makeUser,
} from '#database/factories/index'
import { PDF, fixture, readZip } from '#tests/helpers/files'

test.group('Passports · a learner’s training record (GDPR)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("the candidate's export carries its learner's situations, documents and evaluations; anonymisation drops the texts and documents, keeps grades and results", async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    const teacher = await makeUser('teacher', [centre])
    const admin = await makeUser('network_admin')
    const version = await makeFramework([centre], admin)
    const lea = await makeUser('learner', [centre], { firstName: 'Léa', lastName: 'Aubert' })
    const candidate = await makeCandidate(centre, {
      firstName: 'Léa',
      lastName: 'Aubert',
      userId: lea.id,
    })
    await makeDivision(centre, 'BTS COM 1', [teacher, lea])
    const c111 = await frameworkNodeId(version.id, 'competences', 'C11.1')
    const saved = await client
      .post('/my/passport/situations')
      .loginAs(lea)
      .fields({
        'title': 'Brief chez Aubert Imprimerie',
        'situation_id': String(await frameworkNodeId(version.id, 'situations', 'S112')),
        'description': 'Stage dans l’imprimerie de mon oncle, M. Aubert.',
        'partners': 'Aubert Imprimerie',
        'location': 'organisation',
        'starts_on': '2026-10-05',
        'ends_on': '2026-10-09',
        'source': 'internship',
        'kind': 'lived',
        'actors[0][name]': 'M. Aubert',
        'actors[0][role]': 'Tuteur',
        'supports[0][designation]': 'Compte rendu Aubert',
        'supports[0][origin]': 'created',
        'supports[0][nature]': 'digital',
        'competence_id': String(c111),
        'then': 'continue',
      })
      .file('attachments[]', await fixture('journal.pdf', PDF), { filename: 'journal-lea.pdf' })
      .withCsrfToken()
      .redirects(0)
    saved.assertStatus(302)
    const situation = await ProfessionalSituation.findByOrFail('user_id', lea.id)
    await situation.merge({ result: 'total', appreciation: 'Léa a bien cerné la demande.' }).save()
    const attachment = await db
      .from('situation_attachments')
      .where('professional_situation_id', situation.id)
      .firstOrFail()
    await client
      .post('/evaluations')
      .loginAs(teacher)
      .form({
        'centre_id': centre.id,
        'title': 'Oral de présentation',
        'evaluated_on': '2026-11-20',
        'competences[]': [String(c111)],
        'learners[]': [String(lea.id)],
      })
      .withCsrfToken()
    const evaluation = await db.from('evaluations').where('title', 'Oral de présentation').first()
    await client
      .post(`/evaluations/${evaluation.id}/grades`)
      .loginAs(teacher)
      .form({
        [`grades[l${lea.id}][c${c111}]`]: 'partial',
        [`comments[l${lea.id}]`]: 'Léa parle trop vite.',
      })
      .withCsrfToken()

    const zip = await client.get(`/candidates/${candidate.id}/personal-data`).loginAs(manager)
    const files = await readZip(zip.body())
    const data = JSON.parse(files['data.json'].toString('utf8'))
    assert.deepInclude(data.training.professionalSituations[0], {
      title: 'Brief chez Aubert Imprimerie',
      description: 'Stage dans l’imprimerie de mon oncle, M. Aubert.',
      actors: [{ name: 'M. Aubert', role: 'Tuteur' }],
      result: 'total',
      appreciation: 'Léa a bien cerné la demande.',
      supports: [{ designation: 'Compte rendu Aubert', origin: 'created', nature: 'digital' }],
    })
    assert.deepEqual(data.training.evaluations, [
      {
        title: 'Oral de présentation',
        evaluatedOn: '2026-11-20',
        comment: 'Léa parle trop vite.',
        grades: [{ competence: 'C11.1', level: 'partial' }],
      },
    ])
    assert.isTrue(
      files[`training/situation-${situation.id}/${attachment.id}-journal-lea.pdf`].equals(PDF)
    )

    await anonymiseCandidate(manager, candidate)
    await situation.refresh()
    assert.equal(situation.title, '—')
    assert.equal(situation.description, '—')
    assert.isNull(situation.partners)
    assert.isNull(situation.appreciation)
    assert.deepEqual(situation.actors, [])
    assert.equal(situation.result, 'total', 'the result stays')
    assert.equal(situation.startsOn.toISODate(), '2026-10-05')
    const supports = await db
      .from('situation_supports')
      .where('professional_situation_id', situation.id)
    assert.deepEqual(
      supports.map((s) => [s.designation, s.nature]),
      [['—', 'digital']]
    )
    assert.lengthOf(
      await db.from('situation_attachments').where('professional_situation_id', situation.id),
      0
    )
    assert.isFalse(await drive.use().exists(attachment.storage_key))
    const taken = await db.from('evaluation_learners').where('user_id', lea.id).firstOrFail()
    assert.isNull(taken.comment)
    const grade = await db.from('evaluation_grades').where('user_id', lea.id).firstOrFail()
    assert.equal(grade.level, 'partial', 'the grade stays')
    const history = JSON.stringify([
      await db.from('evaluation_changes').where('learner_id', lea.id),
      await db.from('audit_logs').where('entity_type', 'professional_situation'),
    ])
    assert.notInclude(history, 'Aubert')
    assert.notInclude(history, 'trop vite')
  })
})
