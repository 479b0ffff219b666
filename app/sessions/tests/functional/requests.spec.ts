import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import ExcelJS from 'exceljs'
import { DateTime } from 'luxon'
import { Conversation } from '#messaging'
import { Registration } from '#sessions'
import RegistrationRequest from '#sessions/models/registration_request'
import RegistrationTest from '#sessions/models/registration_test'
import AuditLog from '#shared/audit/audit_log'
import { registerCandidates } from '#sessions/services/registrations'
import { withheldRegistrations } from '#sessions/services/results'
import { lastMailTo } from '#shared/mail/mailbox'
import { CentreFactory, makeCandidate, makeSession, makeUser } from '#database/factories/index'
import { assertFieldError, assertTextExcludes, expectStatus } from '#tests/helpers/http'
import { PDF, fixture } from '#tests/helpers/files'

async function setup() {
  const centre = await CentreFactory.create()
  const manager = await makeUser('centre_manager', [centre])
  const staff = await makeUser('centre_staff', [centre])
  const accountManager = await makeUser('account_manager', [centre])
  const session = await makeSession(centre)
  const candidate = await makeCandidate(centre, { lastName: 'Bouiri', firstName: 'Asmaa' })
  const [registration] = await registerCandidates(null, session.id, [
    { candidate, input: { tests: ['CE', 'CO', 'EO'], channel: 'on_site' } },
  ])
  return { centre, manager, staff, accountManager, session, candidate, registration }
}

function base(sessionId: number, registrationId: number) {
  return `/sessions/${sessionId}/registrations/${registrationId}/requests`
}

test.group('Requests about registrations', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a tiers-temps is asked with its document, accepted by the account manager, and shown in colour', async ({
    client,
    assert,
  }) => {
    const { centre, staff, accountManager, session, registration } = await setup()
    const form = await client
      .get(`${base(session.id, registration.id)}/accommodation/create`)
      .loginAs(staff)
    form.assertTextIncludes('Demander un aménagement')
    form.assertTextIncludes('Justificatif')

    const sent = await client
      .post(`${base(session.id, registration.id)}/accommodation`)
      .loginAs(staff)
      .field('category', 'extra_time')
      .field('description', 'Candidate dyslexique, certificat médical joint.')
      .file('attachments[]', await fixture('certificat.pdf', PDF), {
        filename: 'certificat médical.pdf',
      })
      .withCsrfToken()
      .redirects(0)
    const request = await RegistrationRequest.findByOrFail('registration_id', registration.id)
    assert.equal(sent.header('location'), `/requests/${request.id}`)
    assert.equal(request.status, 'submitted')
    assert.equal(request.kind, 'accommodation')
    assert.equal(request.centreId, centre.id)

    // The conversation holds the text and the document; the account manager is told.
    const conversation = await Conversation.findOrFail(request.conversationId)
    assert.equal(conversation.type, 'registration_request')
    assert.include(conversation.title, `${session.number}`)
    const mail = await lastMailTo(accountManager.email)
    assert.isNotNull(mail)

    const row = await client.get(`/sessions/${session.id}`).loginAs(staff)
    row.assertTextIncludes('Tiers-temps en cours')

    const list = await client.get('/requests/accommodations').loginAs(accountManager)
    list.assertTextIncludes('Asmaa')
    list.assertTextIncludes('BOUIRI')
    const page = await client.get(`/requests/${request.id}`).loginAs(accountManager)
    page.assertTextIncludes('certificat médical.pdf')
    page.assertTextIncludes('Candidate dyslexique')
    page.assertTextIncludes('Valider la demande')

    await client.post(`/requests/${request.id}/review`).loginAs(accountManager).withCsrfToken()
    await request.refresh()
    assert.equal(request.status, 'in_review')
    await client.post(`/requests/${request.id}/acceptance`).loginAs(accountManager).withCsrfToken()
    await request.refresh()
    assert.equal(request.status, 'accepted')
    assert.isNotNull(request.decidedAt)

    const after = await client.get(`/sessions/${session.id}`).loginAs(staff)
    after.assertTextIncludes('Tiers-temps validé')
    const dashboard = await client.get('/').loginAs(staff)
    dashboard.assertTextIncludes(
      `Votre demande d&#x27;aménagement concernant la session ${session.number}`
    )
    dashboard.assertTextIncludes('a été validée')

    const thread = await client.get(`/messages/${conversation.id}`).loginAs(staff)
    thread.assertTextIncludes('en cours d&#x27;étude')
    thread.assertTextIncludes('La demande d&#x27;aménagement a été validée.')

    const actions = await AuditLog.query()
      .where('entity_type', 'registration_request')
      .whereLike('action', 'registration_request.%')
      .where('entity_id', String(request.id))
      .orderBy('id')
    assert.deepEqual(
      actions.map((a) => a.action),
      [
        'registration_request.submitted',
        'registration_request.in_review',
        'registration_request.accepted',
      ]
    )
  })

  test('aménagements and dispenses are refused once registrations are closed; nothing is written', async ({
    client,
    assert,
  }) => {
    const { staff, session, registration } = await setup()
    await session.merge({ status: 'registrations_closed' }).save()
    const form = await client
      .get(`${base(session.id, registration.id)}/exemption/create`)
      .loginAs(staff)
    form.assertTextIncludes('uniquement en statut « Inscriptions ouvertes »')
    const response = await client
      .post(`${base(session.id, registration.id)}/exemption`)
      .loginAs(staff)
      .field('test_code', 'CO')
      .field('description', 'Candidat malentendant, dispense demandée.')
      .file('attachments[]', await fixture('cert.pdf', PDF), { filename: 'cert.pdf' })
      .withCsrfToken()
      .redirects(0)
    response.assertFlashMessage(
      'error',
      `Cette demande se fait uniquement en statut « Inscriptions ouvertes » (session ${session.number}).`
    )
    assert.equal((await RegistrationRequest.query().where('session_id', session.id)).length, 0)
    const page = await client.get(`/sessions/${session.id}`).loginAs(staff)
    assertTextExcludes(page, '/requests/exemption/create')
    page.assertTextIncludes('/requests/postponement/create')
  })

  test('a dispense needs its document and a test; once accepted the test is exempt', async ({
    client,
    assert,
  }) => {
    const { staff, accountManager, session, registration } = await setup()
    const missing = await client
      .post(`${base(session.id, registration.id)}/exemption`)
      .loginAs(staff)
      .field('test_code', 'CO')
      .field('description', 'Candidat malentendant, dispense demandée.')
      .withCsrfToken()
      .redirects(0)
    assertFieldError(missing, 'attachments', 'Joignez le justificatif de la demande.')
    const noTest = await client
      .post(`${base(session.id, registration.id)}/exemption`)
      .loginAs(staff)
      .field('test_code', 'EE')
      .field('description', 'Candidat malentendant, dispense demandée.')
      .file('attachments[]', await fixture('cert.pdf', PDF), { filename: 'cert.pdf' })
      .withCsrfToken()
      .redirects(0)
    noTest.assertFlashMessage(
      'error',
      "Choisissez l'épreuve concernée parmi celles de l'inscription."
    )
    await client
      .post(`${base(session.id, registration.id)}/exemption`)
      .loginAs(staff)
      .field('test_code', 'CO')
      .field('description', 'Candidat malentendant, dispense demandée.')
      .file('attachments[]', await fixture('cert.pdf', PDF), { filename: 'cert.pdf' })
      .withCsrfToken()
    const request = await RegistrationRequest.findByOrFail('kind', 'exemption')
    const twice = await client
      .post(`${base(session.id, registration.id)}/exemption`)
      .loginAs(staff)
      .field('test_code', 'CE')
      .field('description', 'Une deuxième demande de dispense.')
      .file('attachments[]', await fixture('cert.pdf', PDF), { filename: 'cert.pdf' })
      .withCsrfToken()
      .redirects(0)
    twice.assertFlashMessage(
      'error',
      `Une demande de ce type est déjà en cours pour ce candidat (n°${request.id}).`
    )
    await client.post(`/requests/${request.id}/acceptance`).loginAs(accountManager).withCsrfToken()
    const tests = await RegistrationTest.query().where('registration_id', registration.id)
    assert.deepEqual(
      tests.filter((t) => t.exempt).map((t) => t.testCode),
      ['CO']
    )
    const again = await client
      .post(`/requests/${request.id}/refusal`)
      .loginAs(accountManager)
      .form({ reason: 'Trop tard' })
      .withCsrfToken()
      .redirects(0)
    again.assertFlashMessage('error', 'Cette demande a déjà été traitée.')
    const page = await client.get(`/sessions/${session.id}`).loginAs(staff)
    page.assertTextIncludes('D validé')
    page.assertTextIncludes('data-test="CO">disp.')
  })

  test('a refusal needs its reason, is shown in red and told on the dashboard', async ({
    client,
    assert,
  }) => {
    const { staff, accountManager, session, registration } = await setup()
    await client
      .post(`${base(session.id, registration.id)}/postponement`)
      .loginAs(staff)
      .form({ description: 'Le candidat est malade le jour de la session.' })
      .withCsrfToken()
    const request = await RegistrationRequest.findByOrFail('kind', 'postponement')
    const empty = await client
      .post(`/requests/${request.id}/refusal`)
      .loginAs(accountManager)
      .form({ reason: '' })
      .withCsrfToken()
      .redirects(0)
    assert.isDefined((empty.flashMessages()?.inputErrorsBag as any)?.reason)
    await client
      .post(`/requests/${request.id}/refusal`)
      .loginAs(accountManager)
      .form({ reason: 'Aucun justificatif médical.' })
      .withCsrfToken()
    await request.refresh()
    assert.equal(request.status, 'refused')
    assert.equal(request.refusalReason, 'Aucun justificatif médical.')
    const page = await client.get(`/sessions/${session.id}`).loginAs(staff)
    page.assertTextIncludes('Rep refusé')
    page.assertTextIncludes('badge-danger')
    const dashboard = await client.get('/').loginAs(staff)
    dashboard.assertTextIncludes('a été refusée')
    const shown = await client.get(`/requests/${request.id}`).loginAs(staff)
    shown.assertTextIncludes('Aucun justificatif médical.')
  })

  test('an accepted postponement re-registers the candidate into another open session of the same product', async ({
    client,
    assert,
  }) => {
    const { centre, staff, accountManager, session, registration, candidate } = await setup()
    const later = await makeSession(centre, { startsAt: DateTime.utc().plus({ days: 40 }) })
    const otherProduct = await makeSession(centre, {
      productCode: 'TEFIRN',
      startsAt: DateTime.utc().plus({ days: 41 }),
    })
    await client
      .post(`${base(session.id, registration.id)}/postponement`)
      .loginAs(staff)
      .form({ description: 'Le candidat est malade le jour de la session.' })
      .withCsrfToken()
    const request = await RegistrationRequest.findByOrFail('kind', 'postponement')
    await client.post(`/requests/${request.id}/acceptance`).loginAs(accountManager).withCsrfToken()
    const page = await client.get(`/requests/${request.id}`).loginAs(staff)
    page.assertTextIncludes('Réinscrire le candidat')
    page.assertTextIncludes(`${later.number}`)
    assertTextExcludes(page, `${otherProduct.number} —`)
    // Until re-registered, the candidate waits on both sides' "Reste à traiter".
    for (const user of [staff, accountManager]) {
      const home = await client.get('/').loginAs(user)
      home.assertTextIncludes('1 candidat en report à réinscrire')
      home.assertTextIncludes('href="/requests/postponements?status=accepted"')
    }
    const wrong = await client
      .post(`/requests/${request.id}/reregistration`)
      .loginAs(staff)
      .form({ session_id: otherProduct.id })
      .withCsrfToken()
      .redirects(0)
    wrong.assertFlashMessage(
      'error',
      'Choisissez une autre session du même produit et du même centre.'
    )
    await client
      .post(`/requests/${request.id}/reregistration`)
      .loginAs(accountManager)
      .form({ session_id: later.id })
      .withCsrfToken()
    await request.refresh()
    await registration.refresh()
    assert.equal(registration.status, 'postponed')
    assertTextExcludes(await client.get('/').loginAs(staff), 'en report à réinscrire')
    const fresh = await Registration.findOrFail(request.newRegistrationId)
    assert.equal(fresh.sessionId, later.id)
    assert.equal(fresh.candidateId, candidate.id)
    assert.equal(registration.postponedToId, fresh.id)
    await fresh.load('tests')
    assert.sameMembers(
      fresh.tests.map((t) => t.testCode),
      ['CE', 'CO', 'EO']
    )
    const list = await client.get('/requests/postponements').loginAs(accountManager)
    list.assertTextIncludes(later.startsAt.setZone(centre.timeZone).toFormat('dd/MM/yyyy'))
    const oldPage = await client.get(`/sessions/${session.id}`).loginAs(staff)
    oldPage.assertTextIncludes(
      `href="/sessions/${later.id}" data-testid="postponed-to">→ ${later.number}</a>`
    )
    oldPage.assertTextIncludes('Reporté')
    const twice = await client
      .post(`/requests/${request.id}/reregistration`)
      .loginAs(staff)
      .form({ session_id: later.id })
      .withCsrfToken()
      .redirects(0)
    twice.assertFlashMessage(
      'error',
      "Ce candidat a déjà été réinscrit, ou cette demande n'est pas un report."
    )
    const audit = await AuditLog.findByOrFail('action', 'registration.postponed')
    assert.equal((audit.after as any).newRegistrationId, fresh.id)
  })

  test('an open fraud report withholds that registration; an appeal waits for results', async ({
    client,
    assert,
  }) => {
    const { staff, accountManager, session, registration } = await setup()
    const early = await client
      .post(`${base(session.id, registration.id)}/fraud`)
      .loginAs(staff)
      .form({ category: 'cheating', description: 'Téléphone utilisé pendant la CE.' })
      .withCsrfToken()
      .redirects(0)
    // Registrations open: a fraud may already be reported (identity at the desk).
    assert.equal(early.status(), 302)
    const fraud = await RegistrationRequest.findByOrFail('kind', 'fraud')
    assert.deepEqual([...(await withheldRegistrations(session.id))], [[registration.id, 'open']])
    await client
      .post(`/requests/${fraud.id}/refusal`)
      .loginAs(accountManager)
      .form({ reason: 'Non confirmé.' })
      .withCsrfToken()
    assert.equal((await withheldRegistrations(session.id)).size, 0)

    const appeal = await client
      .post(`${base(session.id, registration.id)}/appeal`)
      .loginAs(staff)
      .form({ description: 'Le candidat conteste sa note de CO.' })
      .withCsrfToken()
      .redirects(0)
    appeal.assertFlashMessage(
      'error',
      `Un recours se dépose après la publication des résultats de la session ${session.number}.`
    )
    await session
      .merge({
        status: 'results_published',
        resultsPublishedAt: DateTime.utc().minus({ days: 31 }),
      })
      .save()
    const late = await client
      .post(`${base(session.id, registration.id)}/appeal`)
      .loginAs(staff)
      .form({ description: 'Le candidat conteste sa note de CO.' })
      .withCsrfToken()
      .redirects(0)
    late.assertFlashMessage(
      'error',
      `Le délai de recours après la publication des résultats de la session ${session.number} est dépassé.`
    )
    await session.merge({ resultsPublishedAt: DateTime.utc().minus({ days: 2 }) }).save()
    await client
      .post(`${base(session.id, registration.id)}/appeal`)
      .loginAs(staff)
      .form({ description: 'Le candidat conteste sa note de CO.' })
      .withCsrfToken()
    assert.equal((await RegistrationRequest.query().where('kind', 'appeal')).length, 1)
  })

  test('lists filter and export as shown, xlsx read back', async ({ client, assert }) => {
    const { centre, staff, accountManager, session, registration } = await setup()
    const other = await makeCandidate(centre, { lastName: 'Feurgard', firstName: 'Benjamin' })
    const [second] = await registerCandidates(null, session.id, [
      { candidate: other, input: { tests: ['CE'], channel: 'on_site' } },
    ])
    for (const r of [registration, second])
      await client
        .post(`${base(session.id, r.id)}/postponement`)
        .loginAs(staff)
        .form({ description: 'Le candidat est malade le jour de la session.' })
        .withCsrfToken()
    const first = await RegistrationRequest.findByOrFail('registration_id', registration.id)
    await client
      .post(`/requests/${first.id}/refusal`)
      .loginAs(accountManager)
      .form({ reason: 'Non justifié.' })
      .withCsrfToken()

    const searched = await client.get('/requests/postponements?q=feurg').loginAs(accountManager)
    searched.assertTextIncludes('FEURGARD')
    assertTextExcludes(searched, 'BOUIRI')
    const refused = await client
      .get('/requests/postponements?status=refused')
      .loginAs(accountManager)
    refused.assertTextIncludes('BOUIRI')
    assertTextExcludes(refused, 'FEURGARD')
    const bySession = await client
      .get(`/requests/postponements?session=${session.number + 1000}`)
      .loginAs(accountManager)
    bySession.assertTextIncludes('Aucune demande ne correspond')

    const response = await client
      .get('/requests/postponements/export/xlsx?status=pending')
      .loginAs(accountManager)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(response.body() as any)
    const sheet = workbook.worksheets[0]
    const header = (sheet.getRow(1).values as unknown[]).slice(1)
    assert.includeMembers(header, [
      'N° demande',
      'Centre',
      'Session',
      'Prénom',
      'Nom',
      'Date de la demande',
      'Date de la décision',
      'Date de la nouvelle session',
    ])
    assert.equal(sheet.rowCount, 2)
    const at = (name: string) => sheet.getRow(2).getCell(header.indexOf(name) + 1).value
    assert.equal(at('Nom'), 'FEURGARD')
    assert.equal(at('Session'), session.number)
    const csv = await client.get('/requests/postponements/export/csv').loginAs(accountManager)
    assert.include(csv.text(), 'BOUIRI')
    assert.include(csv.text(), 'FEURGARD')
  })

  test('other centres, other portfolios and other roles are refused', async ({ client }) => {
    const { staff, session, registration } = await setup()
    await client
      .post(`${base(session.id, registration.id)}/postponement`)
      .loginAs(staff)
      .form({ description: 'Le candidat est malade le jour de la session.' })
      .withCsrfToken()
    const request = await RegistrationRequest.firstOrFail()
    const elsewhere = await CentreFactory.create()
    const otherStaff = await makeUser('centre_staff', [elsewhere])
    const otherManager = await makeUser('account_manager', [elsewhere])
    const evaluator = await makeUser('evaluator', [elsewhere])
    const learner = await makeUser('learner', [elsewhere])

    // Another centre, another portfolio: the request does not exist for them.
    await expectStatus(client.get(`/requests/${request.id}`).loginAs(otherStaff), 404)
    await expectStatus(client.get(`/requests/${request.id}`).loginAs(otherManager), 404)
    await expectStatus(
      client.get(`${base(session.id, registration.id)}/fraud/create`).loginAs(otherStaff),
      404
    )
    await expectStatus(
      client
        .post(`${base(session.id, registration.id)}/fraud`)
        .loginAs(otherStaff)
        .form({ category: 'cheating', description: 'Une fraude inventée ailleurs.' })
        .withCsrfToken(),
      404
    )
    await expectStatus(
      client.post(`/requests/${request.id}/acceptance`).loginAs(otherManager).withCsrfToken(),
      404
    )
    const list = await client.get('/requests/postponements').loginAs(otherManager)
    list.assertTextIncludes('Aucune demande')
    const csv = await client.get('/requests/postponements/export/csv').loginAs(otherManager)
    assertTextExcludes(csv, 'BOUIRI')

    // The centre does not decide; the network does not make the centre's requests.
    await expectStatus(
      client.post(`/requests/${request.id}/acceptance`).loginAs(staff).withCsrfToken(),
      403
    )
    await expectStatus(
      client
        .post(`/requests/${request.id}/refusal`)
        .loginAs(staff)
        .form({ reason: 'Je refuse moi-même.' })
        .withCsrfToken(),
      403
    )
    await expectStatus(
      client.post(`/requests/${request.id}/review`).loginAs(staff).withCsrfToken(),
      403
    )
    const admin = await makeUser('network_admin')
    await expectStatus(
      client.get(`${base(session.id, registration.id)}/fraud/create`).loginAs(admin),
      403
    )
    for (const user of [evaluator, learner]) {
      await expectStatus(client.get('/requests/postponements').loginAs(user), 403)
      await expectStatus(client.get('/requests/postponements/export/xlsx').loginAs(user), 403)
    }
    await expectStatus(client.get(`/requests/${request.id}`).loginAs(admin), 200)
  })
})
