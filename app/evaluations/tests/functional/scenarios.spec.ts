import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import Competence from '#evaluations/models/competence'
import Scenario from '#evaluations/models/scenario'
import AuditLog from '#shared/audit/audit_log'
import { CentreFactory, makeFramework, makeUser } from '#database/factories/index'
import { assertTextExcludes, expectStatus } from '#tests/helpers/http'
import { PDF, fixture } from '#tests/helpers/files'
import { pagesText } from '#tests/helpers/pdf'

async function school() {
  const centre = await CentreFactory.create()
  const teacher = await makeUser('teacher', [centre], { firstName: 'Anne', lastName: 'Prof' })
  const colleague = await makeUser('teacher', [centre], { firstName: 'Marc', lastName: 'Collègue' })
  const admin = await makeUser('network_admin')
  const version = await makeFramework([centre], admin)
  const code = (c: string) =>
    Competence.query().where('version_id', version.id).where('code', c).firstOrFail()
  return { centre, teacher, colleague, admin, version, code }
}

test.group('Evaluations · scenarios', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a teacher creates a scenario with competences, complexities, hazards, links and a PDF attachment', async ({
    client,
    assert,
  }) => {
    const { teacher, code, centre } = await school()
    const c111 = await code('C11.1')
    const c131 = await code('C13.1')
    const form = await client.get('/scenarios/create').loginAs(teacher)
    form.assertTextIncludes('S131')
    form.assertTextIncludes('competence-elsewhere')
    await client
      .post('/scenarios')
      .loginAs(teacher)
      .field('centre_id', String(centre.id))
      .field('title', 'Plan de communication du centenaire')
      .field('level', 'BTS 1')
      .field('visibility', 'public')
      .field('context', 'La société Grassin fête ses 100 ans.')
      .field('links', 'https://example.org/brief\nhttp://example.org/charte')
      .field('competences[]', String(c111.id))
      .field('competences[]', String(c131.id))
      .field(`choices[c${c111.id}][complexities][]`, 'Budget contraint')
      .field(`choices[c${c131.id}][hazards][]`, 'Délai raccourci')
      .field(`choices[c${c131.id}][hazards][]`, 'Inventé par le formulaire')
      .file('attachments[]', await fixture('brief.pdf', PDF), { filename: 'brief.pdf' })
      .withCsrfToken()
    const scenario = await Scenario.findByOrFail('title', 'Plan de communication du centenaire')
    await scenario.load('competences')
    await scenario.load('attachments')
    const choices = scenario.competences.sort((a, b) => a.position - b.position)
    assert.deepEqual(
      choices.map((c) => [c.competenceId, c.complexities, c.hazards]),
      [
        [c111.id, ['Budget contraint'], []],
        [c131.id, [], ['Délai raccourci']],
      ]
    )
    assert.deepEqual(scenario.links, ['https://example.org/brief', 'http://example.org/charte'])
    assert.lengthOf(scenario.attachments, 1)
    const page = await client.get(`/scenarios/${scenario.id}`).loginAs(teacher)
    page.assertTextIncludes('Aléa : Délai raccourci')
    page.assertTextIncludes('brief.pdf')
    const pdf = await client.get(`/scenarios/${scenario.id}/pdf`).loginAs(teacher)
    const [text] = await pagesText(pdf.body() as Buffer)
    assert.include(text, 'Plan de communication du centenaire')
    assert.include(text, 'C13.1')
    assert.include(text, 'Délai raccourci')
    assert.equal(
      (await AuditLog.findByOrFail('action', 'scenario.created')).entityId,
      String(scenario.id)
    )
  })

  test('bad input gets clear messages and keeps what was typed', async ({ client, assert }) => {
    const { teacher, code, centre } = await school()
    const noCompetence = await client
      .post('/scenarios')
      .loginAs(teacher)
      .form({ centre_id: centre.id, title: 'Sans compétence', visibility: 'private' })
      .withCsrfToken()
      .redirects(0)
    noCompetence.assertFlashMessage('error', "Choisissez au moins une compétence dans l'arbre.")
    const c111 = await code('C11.1')
    const badLink = await client
      .post('/scenarios')
      .loginAs(teacher)
      .form({
        'centre_id': centre.id,
        'title': 'Lien cassé',
        'visibility': 'private',
        'links': 'javascript:alert(1)',
        'competences[]': String(c111.id),
      })
      .withCsrfToken()
      .redirects(0)
    assert.include(
      (badLink.flashMessages()?.inputErrorsBag as any)?.links ?? [],
      'Adresse web invalide : javascript:alert(1)'
    )
    const elsewhere = await code('C32.2')
    const e5 = await client
      .post('/scenarios')
      .loginAs(teacher)
      .form({
        'centre_id': centre.id,
        'title': 'Veille',
        'visibility': 'private',
        'competences[]': String(elsewhere.id),
      })
      .withCsrfToken()
      .redirects(0)
    e5.assertFlashMessage(
      'error',
      'La compétence C32.2 est évaluée dans une autre épreuve : elle ne se choisit pas ici.'
    )
    assert.lengthOf(await Scenario.all(), 0)
  })

  test('a refused attachment writes nothing; a multi-centre teacher chooses the centre; older competences stay after a new version', async ({
    client,
    assert,
  }) => {
    const { teacher, centre, admin, code } = await school()
    const c111 = await code('C11.1')
    const refused = await client
      .post('/scenarios')
      .loginAs(teacher)
      .field('centre_id', String(centre.id))
      .field('title', 'Avec un exécutable')
      .field('visibility', 'private')
      .field('competences[]', String(c111.id))
      .file('attachments[]', await fixture('virus.pdf', Buffer.from('MZ not a pdf')), {
        filename: 'virus.pdf',
      })
      .withCsrfToken()
      .redirects(0)
    assert.include(
      (refused.flashMessages()?.inputErrorsBag as any)?.attachments ?? [],
      "virus.pdf n'est ni un PDF ni un zip."
    )
    assert.lengthOf(await Scenario.all(), 0)

    const other = await CentreFactory.create()
    const otherVersion = await makeFramework([other], admin)
    await teacher.syncCentres([centre.id, other.id])
    const form = await client.get(`/scenarios/create?centre=${other.id}`).loginAs(teacher)
    form.assertTextIncludes('Changer de centre')
    form.assertTextIncludes(`name="centre_id" value="${other.id}"`)
    // A competence of the other centre's framework does not go into this centre's scenario.
    const foreign = await Competence.query()
      .where('version_id', otherVersion.id)
      .where('code', 'C11.1')
      .firstOrFail()
    const mixed = await client
      .post('/scenarios')
      .loginAs(teacher)
      .form({
        'centre_id': centre.id,
        'title': 'Mélange',
        'visibility': 'private',
        'competences[]': String(foreign.id),
      })
      .withCsrfToken()
      .redirects(0)
    mixed.assertFlashMessage(
      'error',
      "Une compétence choisie n'appartient pas au référentiel de votre centre."
    )
    const outsider = await client
      .post('/scenarios')
      .loginAs(teacher)
      .form({
        'centre_id': (await CentreFactory.create()).id,
        'title': 'Ailleurs',
        'visibility': 'private',
        'competences[]': String(c111.id),
      })
      .withCsrfToken()
      .redirects(0)
    assert.include(
      (outsider.flashMessages()?.inputErrorsBag as any)?.centre_id ?? [],
      'Choisissez un de vos centres.'
    )

    await client
      .post('/scenarios')
      .loginAs(teacher)
      .form({
        'centre_id': centre.id,
        'title': 'Ancien',
        'visibility': 'private',
        'competences[]': String(c111.id),
      })
      .withCsrfToken()
    const old = await Scenario.findByOrFail('title', 'Ancien')
    assert.equal(old.centreId, centre.id)
    // The centre moves to a new version: the scenario keeps its competence and can still be saved.
    const next = await makeFramework([], admin)
    await db.from('centre_frameworks').where('centre_id', centre.id).update({ version_id: next.id })
    const edit = await client.get(`/scenarios/${old.id}/edit`).loginAs(teacher)
    edit.assertTextIncludes('Compétences d’une version précédente du référentiel')
    await client
      .put(`/scenarios/${old.id}`)
      .loginAs(teacher)
      .form({
        'title': 'Ancien, renommé',
        'visibility': 'private',
        'competences[]': String(c111.id),
      })
      .withCsrfToken()
    await old.refresh()
    assert.equal(old.title, 'Ancien, renommé')
  })

  test('a public scenario is read and duplicated by a colleague, edited only by its author; a private one is hidden', async ({
    client,
    assert,
  }) => {
    const { teacher, colleague, code, centre } = await school()
    const c111 = await code('C11.1')
    for (const [title, visibility] of [
      ['Public', 'public'],
      ['Brouillon perso', 'private'],
    ])
      await client
        .post('/scenarios')
        .loginAs(teacher)
        .form({ 'centre_id': centre.id, title, visibility, 'competences[]': String(c111.id) })
        .withCsrfToken()
    const shared = await Scenario.findByOrFail('title', 'Public')
    const secret = await Scenario.findByOrFail('title', 'Brouillon perso')
    const list = await client.get('/scenarios').loginAs(colleague)
    list.assertTextIncludes('Public')
    assertTextExcludes(list, 'Brouillon perso')
    await expectStatus(client.get(`/scenarios/${secret.id}`).loginAs(colleague), 403)
    const view = await client.get(`/scenarios/${shared.id}`).loginAs(colleague)
    assertTextExcludes(view, `/scenarios/${shared.id}/edit`)
    await expectStatus(client.get(`/scenarios/${shared.id}/edit`).loginAs(colleague), 403)
    await expectStatus(
      client
        .put(`/scenarios/${shared.id}`)
        .loginAs(colleague)
        .form({ 'title': 'Piraté', 'visibility': 'public', 'competences[]': String(c111.id) })
        .withCsrfToken(),
      403
    )
    await expectStatus(
      client.delete(`/scenarios/${shared.id}`).loginAs(colleague).withCsrfToken(),
      403
    )
    await client
      .post(`/scenarios/${shared.id}/duplicate`)
      .loginAs(colleague)
      .form({ title: 'Ma version', level: 'BTS 2' })
      .withCsrfToken()
    const copy = await Scenario.findByOrFail('title', 'Ma version')
    assert.equal(copy.authorId, colleague.id)
    assert.equal(copy.visibility, 'private')
    assert.equal(copy.copiedFromId, shared.id)
    await copy.load('competences')
    assert.deepEqual(
      copy.competences.map((c) => c.competenceId),
      [c111.id]
    )
    // The author deletes its own, after confirming in the page.
    await client.delete(`/scenarios/${secret.id}`).loginAs(teacher).withCsrfToken()
    assert.isNull(await Scenario.find(secret.id))
    // Other centres and roles.
    const otherTeacher = await makeUser('teacher', [await CentreFactory.create()])
    await expectStatus(client.get(`/scenarios/${shared.id}`).loginAs(otherTeacher), 404)
    await expectStatus(client.get(`/scenarios/${shared.id}/pdf`).loginAs(otherTeacher), 404)
    for (const role of ['centre_staff', 'learner', 'centre_manager'] as const) {
      const user = await makeUser(role, [centre])
      await expectStatus(client.get('/scenarios').loginAs(user), 403)
      await expectStatus(client.get(`/scenarios/${shared.id}`).loginAs(user), 403)
      await expectStatus(client.get('/scenarios/create').loginAs(user), 403)
    }
  })
})
