import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import drive from '@adonisjs/drive/services/main'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import ExcelJS from 'exceljs'
import { Group } from '#centres'
import { User } from '#accounts'
import { CANDIDATE_SEARCH_TEXT, Candidate, statusCounts } from '#candidates'
import AuditLog from '#shared/audit/audit_log'
import { linkInLastMailTo } from '#tests/helpers/mailbox'
import { CentreFactory, giveExam, makeCandidate, makeUser } from '#database/factories/index'
import { assertFieldError, assertRedirect, assertTextExcludes } from '#tests/helpers/http'

const identity = {
  civility: 'mme',
  last_name: 'Moreau',
  first_name: 'Élise',
  email: 'elise.moreau@example.test',
  birth_date: '1992-07-14',
  birth_town: 'Rennes',
  birth_country: 'FR',
}

async function readXlsx(body: Buffer) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(body as any)
  const rows: unknown[][] = []
  workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
  return rows
}

test.group('Candidates · the wizard', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('three required steps create the file and invite the candidate; going back keeps entries', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])

    const bad = await client
      .post('/candidates/create/identity')
      .loginAs(staff)
      .form({ ...identity, birth_date: '2999-01-01' })
      .withCsrfToken()
      .redirects(0)
    assertFieldError(bad, 'birth_date', 'La date doit être dans le passé.')

    const step1 = await client
      .post('/candidates/create/identity')
      .loginAs(staff)
      .form(identity)
      .withCsrfToken()
      .redirects(0)
    assertRedirect(step1, '/candidates/create/account')

    // Back to step 1: the entries are still there.
    const back = await client
      .get('/candidates/create/identity')
      .loginAs(staff)
      .withSession(step1.session())
    back.assertTextIncludes('value="Moreau"')
    back.assertTextIncludes('value="1992-07-14"')

    const step2 = await client
      .post('/candidates/create/account')
      .loginAs(staff)
      .withSession(step1.session())
      .form({ account: 'invite' })
      .withCsrfToken()
      .redirects(0)
    assertRedirect(step2, '/candidates/create/information')
    assert.isNull(await Candidate.findBy('last_name', 'Moreau'), 'nothing written before step 3')

    const step3 = await client
      .post('/candidates/create/information')
      .loginAs(staff)
      .withSession(step2.session())
      .form({ status: 'student', funding: 'self' })
      .withCsrfToken()
      .redirects(0)
    const candidate = await Candidate.findByOrFail('last_name', 'Moreau')
    assertRedirect(step3, `/candidates/${candidate.id}/created`)
    assert.equal(candidate.centreId, centre.id)
    assert.equal(candidate.birthDate.toISODate(), '1992-07-14')
    assert.equal(candidate.status, 'student')
    const account = await User.findOrFail(candidate.userId)
    assert.equal(account.role, 'learner')
    assert.equal(account.status, 'invited')
    assert.isNull(account.password)
    const { url } = await linkInLastMailTo('elise.moreau@example.test', '/invitations')
    const audit = await AuditLog.findByOrFail('action', 'candidate.created')
    assert.equal(audit.entityId, String(candidate.id))

    // The table shows the orange envelope until the invitation is accepted.
    const list = await client.get('/candidates').loginAs(staff)
    list.assertTextIncludes('MOREAU Élise')
    list.assertTextIncludes('data-envelope="invited"')
    // The candidate follows the link and chooses a password: the envelope turns green.
    await client
      .post(url)
      .form({ password: 'un-mot-de-passe-sûr', password_confirmation: 'un-mot-de-passe-sûr' })
      .withCsrfToken()
    await account.refresh()
    assert.equal(account.status, 'active')
    const after = await client.get('/candidates').loginAs(staff)
    after.assertTextIncludes('data-envelope="active"')
  })

  test('the optional pages are completed after creation', async ({ client, assert }) => {
    const centre = await CentreFactory.create()
    const staff = await makeUser('centre_manager', [centre])
    const candidate = await makeCandidate(centre)
    const contact = await client
      .put(`/candidates/${candidate.id}/contact`)
      .loginAs(staff)
      .form({ phone: '+33 6 12 34 56 78', town: 'Nantes', residence_country: 'FR', wizard: '1' })
      .withCsrfToken()
      .redirects(0)
    assertRedirect(contact, `/candidates/${candidate.id}/edit/misc?wizard=1`)
    await client
      .put(`/candidates/${candidate.id}/misc`)
      .loginAs(staff)
      .form({ education_level: 'bac3', socio_category: 'executive', mother_tongue: 'fr' })
      .withCsrfToken()
    await candidate.refresh()
    assert.equal(candidate.town, 'Nantes')
    assert.equal(candidate.educationLevel, 'bac3')
    const page = await client.get(`/candidates/${candidate.id}`).loginAs(staff)
    page.assertTextIncludes('+33 6 12 34 56 78')
    page.assertTextIncludes('Bac + 3')
  })

  test('a same name and birth date in the centre is flagged; creation goes on once confirmed', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const other = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    const existing = await makeCandidate(centre, {
      lastName: 'MOREAU',
      firstName: 'Elise',
      birthDate: DateTime.utc(1992, 7, 14),
    })
    // The same person in another centre is not a duplicate here.
    await makeCandidate(other, { lastName: 'Dupuis', firstName: 'Élise' })

    const flagged = await client
      .post('/candidates/create/identity')
      .loginAs(staff)
      .form(identity)
      .withCsrfToken()
      .redirects(0)
    assertRedirect(flagged, '/candidates/create/identity')
    const page = await client
      .get('/candidates/create/identity')
      .loginAs(staff)
      .withSession(flagged.session())
      .withFlashMessages(flagged.flashMessages() as any)
    page.assertTextIncludes('Doublon possible')
    page.assertTextIncludes(`href="/candidates/${existing.id}"`)

    const confirmed = await client
      .post('/candidates/create/identity')
      .loginAs(staff)
      .form({ ...identity, confirm_duplicate: '1' })
      .withCsrfToken()
      .redirects(0)
    assertRedirect(confirmed, '/candidates/create/account')
    const step2 = await client
      .post('/candidates/create/account')
      .loginAs(staff)
      .withSession(confirmed.session())
      .form({ account: 'none' })
      .withCsrfToken()
      .redirects(0)
    await client
      .post('/candidates/create/information')
      .loginAs(staff)
      .withSession(step2.session())
      .form({ status: 'other', funding: 'other' })
      .withCsrfToken()
    const same = await Candidate.query()
      .where('centre_id', centre.id)
      .where('birth_date', '1992-07-14')
    assert.lengthOf(same, 2)
    assert.isNull(same.find((c) => c.id !== existing.id)!.userId, 'no account asked')
  })

  test('an email that already has an account cannot be invited; the step says why', async ({
    client,
  }) => {
    const centre = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    await makeUser('learner', [centre], { email: 'elise.moreau@example.test' })
    const step1 = await client
      .post('/candidates/create/identity')
      .loginAs(staff)
      .form(identity)
      .withCsrfToken()
      .redirects(0)
    const step2 = await client
      .post('/candidates/create/account')
      .loginAs(staff)
      .withSession(step1.session())
      .form({ account: 'invite' })
      .withCsrfToken()
      .redirects(0)
    assertFieldError(
      step2,
      'account',
      "Un compte utilise déjà l'adresse elise.moreau@example.test. Choisissez « Pas de compte » ou changez le courriel à l'étape Identité."
    )
  })
})

test.group('Candidates · the file', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a file is edited page by page and the change is audited', async ({ client, assert }) => {
    const centre = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    const candidate = await makeCandidate(centre, { lastName: 'Petit' })
    const response = await client
      .put(`/candidates/${candidate.id}/identity`)
      .loginAs(staff)
      .form({ ...identity, last_name: 'Petit-Durand' })
      .withCsrfToken()
      .redirects(0)
    assertRedirect(response, `/candidates/${candidate.id}`)
    await candidate.refresh()
    assert.equal(candidate.lastName, 'Petit-Durand')
    const audit = await AuditLog.findByOrFail('action', 'candidate.updated')
    assert.deepInclude(audit.before as any, { last_name: 'Petit' })
    assert.deepInclude(audit.after as any, { last_name: 'Petit-Durand' })
  })

  test('a file is locked once an exam is passed: refused with a clear message; a network admin corrects it, audited', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    const admin = await makeUser('network_admin')
    const candidate = await makeCandidate(centre, { lastName: 'Roux' })
    await giveExam(candidate, { status: 'passed', validation: 'validated', score: 810 })
    await candidate.refresh()
    assert.isNotNull(candidate.lockedAt)

    await giveExam(candidate, { status: 'cancelled', examType: 'TEF Québec' })
    const page = await client.get(`/candidates/${candidate.id}`).loginAs(manager)
    page.assertTextIncludes('Dossier verrouillé')
    page.assertTextIncludes('Historique des examens')
    page.assertTextIncludes('TEF Québec')
    assertTextExcludes(page, `/candidates/${candidate.id}/edit/identity`)

    const refused = await client
      .put(`/candidates/${candidate.id}/identity`)
      .loginAs(manager)
      .form({ ...identity, last_name: 'Changed' })
      .withCsrfToken()
      .redirects(0)
    refused.assertFlashMessage(
      'error',
      'Ce candidat a passé un examen : son dossier ne peut plus être modifié. Seul un administrateur du réseau peut le corriger.'
    )
    const form = await client
      .get(`/candidates/${candidate.id}/edit/identity`)
      .loginAs(manager)
      .redirects(0)
    assertRedirect(form, `/candidates/${candidate.id}`)
    await candidate.refresh()
    assert.equal(candidate.lastName, 'Roux')

    await client
      .put(`/candidates/${candidate.id}/identity`)
      .loginAs(admin)
      .form({ ...identity, last_name: 'Roux-Corrigé' })
      .withCsrfToken()
    await candidate.refresh()
    assert.equal(candidate.lastName, 'Roux-Corrigé')
    const audit = await AuditLog.findByOrFail('action', 'candidate.corrected')
    assert.equal(audit.actorId, admin.id)
  })

  test('deletion is refused once an exam was given, and allowed for a file that never had one', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    const registered = await makeCandidate(centre)
    await giveExam(registered)
    const page = await client.get(`/candidates/${registered.id}`).loginAs(staff)
    page.assertTextIncludes('Ce candidat ne peut pas être supprimé')

    const refused = await client
      .delete(`/candidates/${registered.id}`)
      .loginAs(staff)
      .withCsrfToken()
      .redirects(0)
    refused.assertFlashMessage(
      'error',
      'Ce candidat ne peut pas être supprimé : un examen lui a été attribué ou il en a passé un. Associez-le à un groupe puis masquez ce groupe pour le retirer du tableau.'
    )
    assert.isNotNull(await Candidate.find(registered.id))

    // A cancelled registration still counts: the candidate had an exam.
    const cancelled = await makeCandidate(centre)
    await giveExam(cancelled, { status: 'cancelled' })
    await client.delete(`/candidates/${cancelled.id}`).loginAs(staff).withCsrfToken()
    assert.isNotNull(await Candidate.find(cancelled.id))

    const fresh = await makeCandidate(centre)
    const deleted = await client
      .delete(`/candidates/${fresh.id}`)
      .loginAs(staff)
      .withCsrfToken()
      .redirects(0)
    assertRedirect(deleted, '/candidates')
    assert.isNull(await Candidate.find(fresh.id))
    assert.exists(await AuditLog.findBy('action', 'candidate.deleted'))
  })

  test('photo and signature are shown when present and served only to who sees the file', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const other = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    const stranger = await makeUser('centre_staff', [other])
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64'
    )
    await drive.use().put('candidates/test/photo.png', png)
    const candidate = await makeCandidate(centre, { photoKey: 'candidates/test/photo.png' })
    const page = await client.get(`/candidates/${candidate.id}`).loginAs(staff)
    page.assertTextIncludes(`src="/candidates/${candidate.id}/photo"`)
    page.assertTextIncludes('Pas encore de signature')
    const photo = await client.get(`/candidates/${candidate.id}/photo`).loginAs(staff)
    photo.assertStatus(200)
    photo.assertHeader('content-type', 'image/png')
    assert.equal(
      (await client.get(`/candidates/${candidate.id}/photo`).loginAs(stranger)).status(),
      404
    )
    assert.equal(
      (await client.get(`/candidates/${candidate.id}/signature`).loginAs(staff)).status(),
      404
    )
  })
})

test.group('Candidates · pages render', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('every page of the file opens in edit mode with its values', async ({ client }) => {
    const centre = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    const candidate = await makeCandidate(centre, {
      lastName: 'Lambert',
      town: 'Brest',
      educationLevel: 'bac2',
      funding: 'self',
    })
    const expected = {
      identity: 'value="Lambert"',
      information: '<option value="self" selected>',
      contact: 'value="Brest"',
      misc: '<option value="bac2" selected>',
    }
    for (const [section, text] of Object.entries(expected)) {
      const page = await client.get(`/candidates/${candidate.id}/edit/${section}`).loginAs(staff)
      page.assertStatus(200)
      page.assertTextIncludes(text)
      page.assertTextIncludes('Enregistrer')
    }
    const wizard = await client
      .get(`/candidates/${candidate.id}/edit/contact?wizard=1`)
      .loginAs(staff)
    wizard.assertTextIncludes('name="wizard" value="1"')
    wizard.assertTextIncludes('Étape suivante')
  })

  test('the wizard refuses a centre the user does not belong to', async ({ client, assert }) => {
    const centre = await CentreFactory.create()
    const other = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    const response = await client
      .post('/candidates/create/identity')
      .loginAs(staff)
      .form({ ...identity, centre_id: other.id })
      .withCsrfToken()
      .redirects(0)
    assert.equal(response.status(), 404)
    // A later step without the earlier ones goes back to the first.
    const skipped = await client.get('/candidates/create/information').loginAs(staff).redirects(0)
    assertRedirect(skipped, '/candidates/create/identity')
  })
})

test.group('Candidates · the table', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('search, filters, hidden groups left out, and the export as shown', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const other = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    const session = await Group.create({
      centreId: centre.id,
      name: 'Session mars',
      category: 'exam_session',
      hidden: false,
    })
    const archive = await Group.create({
      centreId: centre.id,
      name: 'Archives',
      category: 'other',
      hidden: true,
    })
    const alice = await makeCandidate(centre, { lastName: 'Arnaud', firstName: 'Alice' })
    const bruno = await makeCandidate(centre, { lastName: 'Bernard', firstName: 'Bruno' })
    const chloe = await makeCandidate(centre, { lastName: 'Chevalier', firstName: 'Chloé' })
    await makeCandidate(other, { lastName: 'Arnaud', firstName: 'Autre' })
    await alice.related('groups').attach([session.id])
    await bruno.related('groups').attach([session.id])
    await chloe.related('groups').attach([archive.id])
    await giveExam(alice, {
      status: 'passed',
      validation: 'validated',
      score: 640,
      examType: 'Examen officiel',
    })
    await giveExam(bruno, { status: 'planned' })

    const all = await client.get('/candidates').loginAs(manager)
    all.assertTextIncludes('ARNAUD Alice')
    all.assertTextIncludes('BERNARD Bruno')
    assertTextExcludes(all, 'CHEVALIER')
    assertTextExcludes(all, 'Autre')
    all.assertTextIncludes('640/1000')

    const searched = await client.get('/candidates?q=alice arn').loginAs(manager)
    assertTextExcludes(searched, 'BERNARD')
    const byStatus = await client.get('/candidates?status=planned').loginAs(manager)
    byStatus.assertTextIncludes('BERNARD Bruno')
    assertTextExcludes(byStatus, 'ARNAUD Alice')
    const byValidation = await client.get('/candidates?validation=validated').loginAs(manager)
    byValidation.assertTextIncludes('ARNAUD Alice')
    assertTextExcludes(byValidation, 'BERNARD Bruno')
    const byHiddenGroup = await client.get(`/candidates?group=${archive.id}`).loginAs(manager)
    byHiddenGroup.assertTextIncludes('CHEVALIER Chloé')
    const byPeriod = await client.get('/candidates?from=2026-12-01&to=2026-12-31').loginAs(manager)
    byPeriod.assertTextIncludes('BERNARD Bruno')
    const sorted = await client.get('/candidates?sort=name&dir=desc').loginAs(manager)
    assert.isBelow(sorted.text().indexOf('BERNARD'), sorted.text().indexOf('ARNAUD'))

    const xlsx = await client.get('/candidates/export/xlsx?status=passed').loginAs(manager)
    const rows = await readXlsx(xlsx.body())
    assert.deepEqual(rows[0], [
      'Nom',
      'Courriel',
      'Groupe',
      'Statut',
      "Type d'examen",
      'Score',
      'Date de passage',
    ])
    assert.lengthOf(rows, 2)
    assert.equal(rows[1][0], 'ARNAUD Alice')
    assert.equal(rows[1][2], 'Session mars')
    assert.equal(rows[1][3], 'Passée')
    assert.equal(rows[1][4], 'Examen officiel')
    assert.equal(rows[1][5], 640)

    const csv = await client.get('/candidates/export/csv').loginAs(manager)
    const text = csv.text()
    assert.include(text, 'BERNARD Bruno')
    assert.notInclude(text, 'CHEVALIER')
  })
})

test.group('Candidates · sorting on every column', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('each column sorts both ways, on screen and in the export, NULLs included', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    const learner = await makeUser('learner', [centre], { lastLoginAt: DateTime.utc() })
    const first = await makeCandidate(centre, { lastName: 'Alpha', userId: learner.id })
    const second = await makeCandidate(centre, { lastName: 'Omega', email: null })
    await giveExam(first, { status: 'passed', score: 300, validation: 'pending' })
    void second
    for (const sort of ['name', 'email', 'last_login', 'status', 'validation', 'score', 'date']) {
      for (const dir of ['asc', 'desc']) {
        const page = await client.get(`/candidates?sort=${sort}&dir=${dir}`).loginAs(manager)
        page.assertStatus(200)
        assert.include(page.text(), 'ALPHA', `${sort} ${dir}`)
        assert.include(page.text(), 'OMEGA', `${sort} ${dir}`)
        const csv = await client
          .get(`/candidates/export/csv?sort=${sort}&dir=${dir}`)
          .loginAs(manager)
        assert.include(csv.text(), 'ALPHA', `export ${sort} ${dir}`)
        assert.include(csv.text(), 'OMEGA', `export ${sort} ${dir}`)
      }
    }
    const byScore = await client.get('/candidates?sort=score&dir=desc').loginAs(manager)
    const text = byScore.text()
    const nullsLast = text.indexOf('ALPHA') < text.indexOf('OMEGA')
    const nullsFirst = text.indexOf('OMEGA') < text.indexOf('ALPHA')
    assert.isTrue(nullsLast || nullsFirst)
  })
})

test.group('Candidates · groups', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a group lists its candidates, associates several from the picker and dissociates one', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const other = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    const target = await Group.create({
      centreId: centre.id,
      name: 'Client Airbus',
      category: 'client',
      hidden: false,
    })
    const a = await makeCandidate(centre, { lastName: 'Aubert' })
    const b = await makeCandidate(centre, { lastName: 'Blanc' })
    const outsider = await makeCandidate(other, { lastName: 'Dehors' })

    const picker = await client.get(`/groups/${target.id}/candidates/associate`).loginAs(staff)
    picker.assertTextIncludes('AUBERT')
    assertTextExcludes(picker, 'DEHORS')

    await client
      .post(`/groups/${target.id}/candidates`)
      .loginAs(staff)
      .form({ candidate_ids: [a.id, b.id, outsider.id] })
      .withCsrfToken()
    const rows = await db
      .from('candidate_group')
      .where('group_id', target.id)
      .orderBy('candidate_id')
    assert.deepEqual(
      rows.map((r) => Number(r.candidate_id)),
      [a.id, b.id]
    )

    const list = await client.get(`/groups/${target.id}/candidates`).loginAs(staff)
    list.assertTextIncludes('AUBERT')
    list.assertTextIncludes('BLANC')
    const pickerAfter = await client.get(`/groups/${target.id}/candidates/associate`).loginAs(staff)
    assertTextExcludes(pickerAfter, 'AUBERT')

    const csv = await client.get(`/groups/${target.id}/candidates/export/csv`).loginAs(staff)
    assert.include(csv.text(), 'Client Airbus')
    assert.include(csv.text(), 'AUBERT')

    await client.delete(`/groups/${target.id}/candidates/${a.id}`).loginAs(staff).withCsrfToken()
    const afterDissociate = await client.get(`/groups/${target.id}/candidates`).loginAs(staff)
    assertTextExcludes(afterDissociate, 'AUBERT')
    afterDissociate.assertTextIncludes('BLANC')
    const actions = (await AuditLog.query().where('entity_type', 'group').orderBy('id')).map(
      (e) => e.action
    )
    assert.deepEqual(actions, ['group.candidates_associated', 'group.candidate_dissociated'])
  })
})

test.group('Candidates · status counters', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the counters count each status of the centre, capped like the table', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const other = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    for (let i = 0; i < 3; i++) await makeCandidate(centre, { examStatus: 'planned' })
    await makeCandidate(centre, { examStatus: 'passed' })
    await makeCandidate(other, { examStatus: 'passed' })

    const exact = await statusCounts(manager)
    assert.deepEqual(exact.counts, { to_assign: 0, planned: 3, expired: 0, passed: 1 })
    assert.deepEqual(exact.capped, [])
    // Past the cap a status says so rather than counting every file.
    const capped = await statusCounts(manager, { cap: 2 })
    assert.deepEqual(capped.counts, { to_assign: 0, planned: 2, expired: 0, passed: 1 })
    assert.deepEqual(capped.capped, ['planned'])

    const page = await client.get('/candidates').loginAs(manager)
    const counters = page.text().split('data-testid="counters"')[1].split('</div>\n  </div>')[0]
    assert.match(counters, /<strong>3<\/strong>\s*En attente de passer l(&#x27;|')examen/)
    assert.match(counters, /<strong>1<\/strong>\s*Examen passé/)
  })
})

test.group('Candidates · search index', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("the search's text is the trigram index's, word for word (PostgreSQL)", async ({
    assert,
  }) => {
    const centre = await CentreFactory.create()
    await makeCandidate(centre, { lastName: 'Zanetti', firstName: 'Inès', email: null })
    const search = `lower(${CANDIDATE_SEARCH_TEXT}) like ?`
    // Both orders of the names, and a file without e-mail, are found.
    for (const q of ['zanetti inès', 'inès zanetti', 'anett'])
      assert.lengthOf(await db.from('candidates').whereRaw(search, [`%${q}%`]), 1, q)
    if (db.connection().dialect.name !== 'postgres') return
    await db.rawQuery('set local enable_seqscan = off')
    const plan = await db.rawQuery(`explain select id from candidates where ${search}`, ['%abc%'])
    assert.include(JSON.stringify(plan.rows), 'candidates_search')
  })
})
