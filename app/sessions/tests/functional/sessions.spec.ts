import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import ace from '@adonisjs/core/services/ace'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import { mkdir, writeFile } from 'node:fs/promises'
import { PDFDocument } from 'pdf-lib'
import { Candidate } from '#candidates'
import { ExamSession, Registration } from '#sessions'
import AuditLog from '#shared/audit/audit_log'
import SessionsCloseRegistrations from '#commands/sessions_close_registrations'
import { ACCESS_CODE_PATTERN } from '#shared/codes'
import { registerCandidates } from '#sessions/services/registrations'
import {
  CentreFactory,
  makeCandidate,
  makePreregistration,
  makeSession,
  makeUser,
} from '#database/factories/index'
import { assertFieldError, assertRedirect, assertTextExcludes } from '#tests/helpers/http'

const inDays = (days: number) => DateTime.utc().plus({ days }).toISODate()!

test.group('Sessions · the wizard', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('product → date → tests → tariff → visibility → summary creates the session; the tariff comes back next time', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.merge({ timeZone: 'America/Toronto' }).create()
    const manager = await makeUser('centre_manager', [centre])
    const canada = await db.from('products').where('code', 'TEFCAN').first()

    let response = await client.get('/sessions/create').loginAs(manager).redirects(0)
    assertRedirect(response, '/sessions/create/product')
    const post = (step: string, form: Record<string, unknown>, from?: any) => {
      let request = client.post(`/sessions/create/${step}`).loginAs(manager)
      if (from) request = request.withSession(from.session())
      return request.form(form).withCsrfToken().redirects(0)
    }
    response = await post('product', { product_id: canada.id })
    assertRedirect(response, '/sessions/create/schedule')
    const past = await post(
      'schedule',
      { date: inDays(-3), time: '09:00', place: 'Salle A', seats: 12 },
      response
    )
    assert.property((past.flashMessages() as any).inputErrorsBag, 'date')
    response = await post(
      'schedule',
      { date: inDays(30), time: '09:00', place: 'Salle A', seats: 12 },
      response
    )
    assertRedirect(response, '/sessions/create/tests')
    response = await post('tests', { tests: ['CE', 'EO'] }, response)
    assertRedirect(response, '/sessions/create/tariff')
    response = await post('tariff', { prices: { CE: '45', EO: '90,50' }, vat_rate: '20' }, response)
    assertRedirect(response, '/sessions/create/visibility')
    response = await post('visibility', { visibility: 'with_sessions' }, response)
    assertRedirect(response, '/sessions/create/summary')
    const summary = await client
      .get('/sessions/create/summary')
      .loginAs(manager)
      .withSession(response.session())
    summary.assertTextIncludes('TEF Canada')
    summary.assertTextIncludes('CE, EO')
    summary.assertTextIncludes('America/Toronto')
    response = await post('summary', {}, response)

    const session = await ExamSession.query()
      .where('centre_id', centre.id)
      .preload('tests')
      .firstOrFail()
    assertRedirect(response, `/sessions/${session.id}`)
    assert.isAtLeast(session.number, 7000001)
    assert.equal(session.status, 'planned')
    assert.equal(session.seats, 12)
    assert.equal(session.visibility, 'with_sessions')
    assert.equal(session.startsAt.setZone('America/Toronto').toFormat('HH:mm'), '09:00')
    assert.deepEqual(session.tests.map((t) => [t.testCode, t.priceHt]).sort(), [
      ['CE', 4500],
      ['EO', 9050],
    ])
    assert.exists(await AuditLog.findBy('action', 'exam_session.created'))

    // The next creation proposes the same prices.
    let again = await post('product', { product_id: canada.id })
    again = await post(
      'schedule',
      { date: inDays(40), time: '10:00', place: 'Salle B', seats: 5 },
      again
    )
    again = await post('tests', { tests: ['CE', 'EO'] }, again)
    const tariff = await client
      .get('/sessions/create/tariff')
      .loginAs(manager)
      .withSession(again.session())
    tariff.assertTextIncludes('value="90.50"')
    tariff.assertTextIncludes('value="45.00"')
  })

  test('a product sold at a single price skips the tests step', async ({ client, assert }) => {
    const centre = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    const irn = await db.from('products').where('code', 'TEFIRN').first()
    const post = (step: string, form: Record<string, unknown>, from?: any) => {
      let request = client.post(`/sessions/create/${step}`).loginAs(staff)
      if (from) request = request.withSession(from.session())
      return request.form(form).withCsrfToken().redirects(0)
    }
    let response = await post('product', { product_id: irn.id })
    response = await post(
      'schedule',
      { date: inDays(15), time: '14:00', place: 'Salle C', seats: 8 },
      response
    )
    assertRedirect(response, '/sessions/create/tariff')
    response = await post('tariff', { prices: { single: '180' }, vat_rate: '20' }, response)
    response = await post('visibility', { visibility: 'hidden' }, response)
    await post('summary', {}, response)
    const session = await ExamSession.query()
      .where('centre_id', centre.id)
      .preload('tests')
      .firstOrFail()
    assert.equal(session.priceHt, 18000)
    assert.sameMembers(
      session.tests.map((t) => t.testCode),
      ['CE', 'CO', 'EE', 'EO']
    )
  })
})

test.group('Sessions · lifecycle', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('actions are guarded by state, role and time, and audited', async ({ client, assert }) => {
    const centre = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    const manager = await makeUser('centre_manager', [centre])
    const admin = await makeUser('network_admin')
    const session = await makeSession(centre, { status: 'planned' })
    const act = (user: any, action: string) =>
      client
        .post(`/sessions/${session.id}/transitions/${action}`)
        .loginAs(user)
        .withCsrfToken()
        .redirects(0)

    await act(staff, 'open')
    await session.refresh()
    assert.equal(session.status, 'registrations_open')
    // Not started: it cannot be declared passed.
    const early = await act(staff, 'pass')
    early.assertFlashMessage(
      'error',
      "Cette action n'est pas possible dans l'état actuel de la session."
    )
    await act(staff, 'close')
    const notYet = await act(staff, 'pass')
    notYet.assertFlashMessage('error', "La session n'a pas encore commencé.")
    // Staff cannot cancel; the manager can.
    assert.equal((await act(staff, 'cancel')).status(), 403)
    await act(manager, 'cancel')
    await session.refresh()
    assert.equal(session.status, 'cancelled')
    // Only the network publishes results.
    const done = await makeSession(centre, { status: 'registrations_open' })
    await done.merge({ status: 'in_correction' }).save()
    assert.equal(
      (
        await client
          .post(`/sessions/${done.id}/results/publication`)
          .loginAs(manager)
          .withCsrfToken()
          .redirects(0)
      ).status(),
      403
    )
    // A session without registrations has no result to wait for.
    await client.post(`/sessions/${done.id}/results/publication`).loginAs(admin).withCsrfToken()
    await done.refresh()
    assert.equal(done.status, 'results_published')
    const actions = (await AuditLog.query().where('entity_type', 'exam_session').orderBy('id')).map(
      (e) => e.action
    )
    assert.deepEqual(actions, [
      'exam_session.open',
      'exam_session.close',
      'exam_session.cancel',
      'exam_session.publish',
    ])
  })

  test('the scheduled command closes registrations past the deadline, and only once', async ({
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const due = await makeSession(centre, { startsAt: DateTime.utc().plus({ days: 1 }) })
    const later = await makeSession(centre, { startsAt: DateTime.utc().plus({ days: 10 }) })
    for (let run = 0; run < 2; run++) {
      const command = await ace.create(SessionsCloseRegistrations, [])
      await command.exec()
      command.assertSucceeded()
    }
    await due.refresh()
    await later.refresh()
    assert.equal(due.status, 'registrations_closed')
    assert.equal(later.status, 'registrations_open')
    const entries = await AuditLog.query()
      .where('action', 'exam_session.close')
      .where('entity_id', String(due.id))
    assert.lengthOf(entries, 1)
    assert.isNull(entries[0].actorId)
  })
})

test.group('Sessions · registrations on site', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a candidate is registered with chosen tests and an access code; the file shows the exam', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    const session = await makeSession(centre)
    const candidate = await makeCandidate(centre, { lastName: 'Renard' })
    const form = await client.get(`/sessions/${session.id}/registrations/create`).loginAs(staff)
    form.assertTextIncludes('RENARD')
    form.assertTextIncludes('10 places restantes')
    const response = await client
      .post(`/sessions/${session.id}/registrations`)
      .loginAs(staff)
      .form({ candidate_id: candidate.id, tests: ['CE', 'CO'], motivation: 'immigration_canada' })
      .withCsrfToken()
      .redirects(0)
    assertRedirect(response, `/sessions/${session.id}`)
    const registration = await Registration.query()
      .where('candidate_id', candidate.id)
      .preload('tests')
      .firstOrFail()
    assert.match(registration.accessCode, ACCESS_CODE_PATTERN)
    assert.sameMembers(
      registration.tests.map((t) => t.testCode),
      ['CE', 'CO']
    )
    assert.equal(registration.channel, 'on_site')
    await candidate.refresh()
    assert.equal(candidate.examStatus, 'planned')
    assert.equal(candidate.examType, 'TEF Canada')
    const page = await client.get(`/sessions/${session.id}`).loginAs(staff)
    page.assertTextIncludes('RENARD')
    page.assertTextIncludes(registration.accessCode)
    page.assertTextIncludes('1 / 10')
    // Now the candidate cannot be deleted.
    const refused = await client
      .delete(`/candidates/${candidate.id}`)
      .loginAs(staff)
      .withCsrfToken()
      .redirects(0)
    refused.assertFlashMessage(
      'error',
      'Ce candidat ne peut pas être supprimé : un examen lui a été attribué ou il en a passé un. Associez-le à un groupe puis masquez ce groupe pour le retirer du tableau.'
    )
    assert.isNotNull(await Candidate.find(candidate.id))
  })

  test('after the deadline, beyond the seats, twice, or when not open: refused with a clear message', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    const register = (sessionId: number, candidateId: number) =>
      client
        .post(`/sessions/${sessionId}/registrations`)
        .loginAs(staff)
        .form({ 'candidate_id': candidateId, 'tests[]': 'CE' })
        .withCsrfToken()
        .redirects(0)

    // Thursday in 1 day: the deadline (2 days before, 00:00 Paris) has passed,
    // even though the command has not run yet.
    const late = await makeSession(centre, { startsAt: DateTime.utc().plus({ days: 1 }) })
    const a = await makeCandidate(centre)
    const tooLate = await register(late.id, a.id)
    const deadline = late.registrationDeadline.setZone('Europe/Paris').toFormat('dd/MM/yyyy HH:mm')
    tooLate.assertFlashMessage(
      'error',
      `Les inscriptions de la session ${late.number} sont closes depuis le ${deadline} (heure de Paris) : 2 jours calendaires avant la session.`
    )

    const small = await makeSession(centre, { seats: 1 })
    await register(small.id, a.id)
    const b = await makeCandidate(centre)
    const full = await register(small.id, b.id)
    full.assertFlashMessage(
      'error',
      `La session ${small.number} est complète : 0 place(s) restante(s).`
    )
    const twice = await register(small.id, a.id)
    twice.assertFlashMessage(
      'error',
      `${a.fullName} est déjà inscrit(e) à la session ${small.number}.`
    )

    const planned = await makeSession(centre, { status: 'planned' })
    const notOpen = await register(planned.id, b.id)
    notOpen.assertFlashMessage(
      'error',
      `Les inscriptions de la session ${planned.number} ne sont pas ouvertes.`
    )
    assert.lengthOf(await Registration.query().where('candidate_id', b.id), 0)
  })
})

/**
 * Outside the global transaction on purpose: the two registrations must run in
 * two real transactions on two connections, so that the row lock is what
 * decides. The rows are removed afterwards.
 */
test.group('Sessions · concurrent registrations', (group) => {
  let centreId: number | null = null
  group.each.teardown(async () => {
    if (!centreId) return
    const candidates = db.from('candidates').where('centre_id', centreId).select('id')
    const sessions = db.from('exam_sessions').where('centre_id', centreId).select('id')
    await db.from('registrations').whereIn('session_id', sessions).delete()
    await db.from('candidate_exams').whereIn('candidate_id', candidates).delete()
    await db.from('audit_logs').where('centre_id', centreId).delete()
    await db.from('centres').where('id', centreId).delete()
  })

  test('two desks cannot take the last seat twice', async ({ assert }) => {
    const centre = await CentreFactory.create()
    centreId = centre.id
    const session = await makeSession(centre, { seats: 1 })
    const a = await makeCandidate(centre)
    const b = await makeCandidate(centre)
    const results = await Promise.allSettled([
      registerCandidates(null, session.id, [
        { candidate: a, input: { tests: ['CE'], channel: 'on_site' } },
      ]),
      registerCandidates(null, session.id, [
        { candidate: b, input: { tests: ['CE'], channel: 'on_site' } },
      ]),
    ])
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1)
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
    assert.equal(rejected.reason.code, 'session_full')
    const count = await Registration.query().where('session_id', session.id)
    assert.lengthOf(count, 1)
  })
})

test.group('Sessions · a new candidate from the registration page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the candidate wizard opened from a session leads back to its registration, candidate chosen', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    const session = await makeSession(centre)
    const back = `/sessions/${session.id}/registrations/create`
    let response = await client.get(`/candidates/create?return=${back}`).loginAs(staff).redirects(0)
    const steps: [string, Record<string, unknown>][] = [
      [
        'identity',
        {
          civility: 'm',
          last_name: 'Roussel',
          first_name: 'Yann',
          email: 'yann@example.test',
          birth_date: '1990-03-03',
        },
      ],
      ['account', { account: 'none' }],
      ['information', { status: 'employee', funding: 'self' }],
    ]
    for (const [step, form] of steps)
      response = await client
        .post(`/candidates/create/${step}`)
        .loginAs(staff)
        .withSession(response.session())
        .form(form)
        .withCsrfToken()
        .redirects(0)
    const candidate = await Candidate.findByOrFail('email', 'yann@example.test')
    const created = await client
      .get(`/candidates/${candidate.id}/created`)
      .loginAs(staff)
      .withSession(response.session())
      .withFlashMessages(response.flashMessages() as any)
    created.assertTextIncludes(`href="${back}?candidate=${candidate.id}"`)
    const form = await client.get(`${back}?candidate=${candidate.id}`).loginAs(staff)
    form.assertTextIncludes(`<option value="${candidate.id}" selected>`)
    // Another path is never used as a way back.
    const evil = await client
      .get('/candidates/create?return=https://evil.example')
      .loginAs(staff)
      .redirects(0)
    assert.notProperty(evil.session(), 'candidate_return')
  })
})

test.group('Sessions · list and tenancy', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a centre sees only its sessions; filters and export as shown', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const other = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    const mine = await makeSession(centre, { productCode: 'TEFCAN' })
    const irn = await makeSession(centre, { productCode: 'TEFIRN', status: 'planned' })
    const theirs = await makeSession(other)
    const [kept, dropped] = await registerCandidates(
      null,
      mine.id,
      [await makeCandidate(centre), await makeCandidate(centre)].map((candidate) => ({
        candidate,
        input: { tests: ['CE'], channel: 'on_site' as const },
      }))
    )
    await dropped.merge({ status: 'cancelled' }).save()
    assert.equal(kept.status, 'registered')
    const list = await client.get('/sessions').loginAs(staff)
    list.assertTextIncludes(String(mine.number))
    // A row: its link, product, centre, date in the centre's zone, registrations still counted.
    await mine.load('centre')
    const row = list.text().split(`<a href="/sessions/${mine.id}">`)[1].split('</tr>')[0]
    assert.include(row, 'TEF Canada')
    assert.include(row, `<td>${mine.centre.name.replace("'", '&#x27;')}</td>`)
    assert.include(row, mine.startsAt.setZone(mine.centre.timeZone).toFormat('dd/MM/yyyy HH:mm'))
    assert.include(row, `<td class="num">1 / ${mine.seats}</td>`)
    list.assertTextIncludes(String(irn.number))
    assertTextExcludes(list, String(theirs.number))
    const filtered = await client.get('/sessions?status=planned').loginAs(staff)
    filtered.assertTextIncludes(String(irn.number))
    assertTextExcludes(filtered, String(mine.number))
    const searched = await client.get(`/sessions?q=${mine.number}`).loginAs(staff)
    assertTextExcludes(searched, String(irn.number))
    const csv = await client.get('/sessions/export/csv?status=registrations_open').loginAs(staff)
    assert.include(csv.text(), String(mine.number))
    assert.notInclude(csv.text(), String(irn.number))
    assert.notInclude(csv.text(), String(theirs.number))
    assert.equal((await client.get(`/sessions/${theirs.id}`).loginAs(staff)).status(), 404)
    const candidate = await makeCandidate(centre)
    const cross = await client
      .post(`/sessions/${theirs.id}/registrations`)
      .loginAs(staff)
      .form({ candidate_id: candidate.id, tests: ['CE'] })
      .withCsrfToken()
    assert.equal(cross.status(), 404)
    // The dashboard lists the next sessions.
    const home = await client.get('/').loginAs(staff)
    home.assertTextIncludes(`${mine.number} - TEF Canada`)
    assertTextExcludes(home, String(theirs.number))
  })

  test('evaluators, teachers and learners are refused every sessions route', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const session = await makeSession(centre)
    const candidate = await makeCandidate(centre)
    const other = await makeCandidate(centre)
    const [registration] = await registerCandidates(null, session.id, [
      { candidate: other, input: { tests: ['CE'], channel: 'on_site' } },
    ])
    const preregistration = await makePreregistration(centre)
    const routes: [string, string, Record<string, unknown>?][] = [
      ['get', '/sessions'],
      ['get', '/sessions/export/csv'],
      ['get', '/sessions/create'],
      ['get', '/sessions/create/product'],
      ['post', '/sessions/create/product', { product_id: 1 }],
      ['get', `/sessions/${session.id}`],
      ['post', `/sessions/${session.id}/transitions/close`],
      ['get', `/sessions/${session.id}/registrations/create`],
      ['post', `/sessions/${session.id}/registrations`, { candidate_id: candidate.id }],
      ['get', '/products'],
      ['get', '/products/create'],
      ['post', '/products', {}],
      ['get', '/products/1/edit'],
      ['put', '/products/1', {}],
      ['get', '/tariffs'],
      ['put', '/tariffs', {}],
      ['get', `/sessions/${session.id}/registrations/export/xlsx`],
      ['get', `/sessions/${session.id}/access-codes`],
      ['get', `/sessions/${session.id}/import`],
      ['get', `/sessions/${session.id}/import/template`],
      ['post', `/sessions/${session.id}/import/preview`, {}],
      ['post', `/sessions/${session.id}/import/apply`, {}],
      ['get', `/sessions/${session.id}/registrations/${registration.id}/edit`],
      ['put', `/sessions/${session.id}/registrations/${registration.id}`, {}],
      ['get', `/sessions/${session.id}/registrations/${registration.id}/absence`],
      ['put', `/sessions/${session.id}/registrations/${registration.id}/absence`, {}],
      ['get', `/sessions/${session.id}/purchase-order`],
      ['get', `/sessions/${session.id}/purchase-order/sign`],
      ['post', `/sessions/${session.id}/purchase-order/sign`, {}],
      ['post', `/sessions/${session.id}/documents`, { type: 'other' }],
      ['get', '/preregistrations'],
      ['get', `/preregistrations/${preregistration.id}/transfer`],
      ['post', `/preregistrations/${preregistration.id}/transfer`, {}],
      ['post', `/preregistrations/${preregistration.id}/decline`, {}],
    ]
    for (const role of ['evaluator', 'teacher', 'learner'] as const) {
      const user = await makeUser(role, [centre])
      for (const [method, path, form] of routes) {
        let request = (client as any)[method](path).loginAs(user).redirects(0)
        if (method !== 'get') request = request.form(form ?? {}).withCsrfToken()
        const response = await request
        assert.equal(response.status(), 403, `${role} ${method} ${path}`)
      }
    }
    await session.refresh()
    assert.equal(session.status, 'registrations_open')
  })
})

test.group('Sessions · another centre, route by route', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("another centre's manager, staff and account manager get a 404 on every route of a session", async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const other = await CentreFactory.create()
    const session = await makeSession(centre)
    const candidate = await makeCandidate(centre)
    const [registration] = await registerCandidates(null, session.id, [
      { candidate, input: { tests: ['CE'], channel: 'on_site' } },
    ])
    const preregistration = await makePreregistration(centre, session)
    const s = `/sessions/${session.id}`
    const r = `${s}/registrations/${registration.id}`
    const routes: [string, string, Record<string, unknown>?][] = [
      ['get', s],
      ['post', `${s}/transitions/close`],
      ['post', `${s}/transitions/cancel`],
      ['get', `${s}/registrations/create`],
      ['post', `${s}/registrations`, { candidate_id: candidate.id }],
      ['get', `${s}/registrations/export/csv`],
      ['get', `${s}/access-codes`],
      ['get', `${s}/import`],
      ['get', `${s}/import/template`],
      ['post', `${s}/import/preview`, {}],
      ['post', `${s}/import/apply`, {}],
      ['get', `${r}/edit`],
      ['put', r, { motivation: 'work' }],
      ['get', `${r}/absence`],
      ['put', `${r}/absence`, {}],
      ['get', `${s}/purchase-order`],
      ['get', `${s}/purchase-order/sign`],
      ['post', `${s}/purchase-order/sign`, {}],
      ['post', `${s}/documents`, { type: 'other' }],
      ['get', `${s}/documents/1`],
      ['delete', `${s}/documents/1`],
      ['get', `/preregistrations/${preregistration.id}/transfer`],
      ['post', `/preregistrations/${preregistration.id}/transfer`, { session_id: session.id }],
      ['post', `/preregistrations/${preregistration.id}/decline`],
    ]
    for (const role of ['centre_manager', 'centre_staff', 'account_manager'] as const) {
      const outsider = await makeUser(role, [other])
      for (const [method, path, form] of routes) {
        let request = (client as any)[method](path).loginAs(outsider).redirects(0)
        if (method !== 'get') request = request.form(form ?? {}).withCsrfToken()
        const response = await request
        assert.equal(response.status(), 404, `${role} ${method} ${path}`)
      }
    }
    await session.refresh()
    assert.equal(session.status, 'registrations_open')
    await preregistration.refresh()
    assert.equal(preregistration.status, 'pending')
  })
})

test.group('Sessions · products and tariffs', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the real catalogue is there, and the network admin edits it', async ({
    client,
    assert,
  }) => {
    const admin = await makeUser('network_admin')
    const list = await client.get('/products').loginAs(admin)
    for (const name of [
      'TEF Canada',
      'TEF Québec',
      'TEF Intégration Résidence Nationalité',
      'DFP Affaires B1',
    ])
      list.assertTextIncludes(name)
    const modular = await client.get('/products?modular=no').loginAs(admin)
    assertTextExcludes(modular, 'TEF Canada')
    await client
      .post('/products')
      .loginAs(admin)
      .form({
        number: 40,
        range: 'DFP',
        code: 'dfptour',
        name: 'DFP Tourisme et hôtellerie B1',
        status: 'active',
        tests: "CTI | Compréhension et transmission d'informations\nIO | Interaction orale",
      })
      .withCsrfToken()
    const created = await db.from('products').where('code', 'DFPTOUR').first()
    assert.exists(created)
    const bad = await client
      .post('/products')
      .loginAs(admin)
      .form({
        number: 41,
        range: 'DFP',
        code: 'X1X',
        name: 'Mauvais',
        status: 'active',
        tests: 'pas de barre',
      })
      .withCsrfToken()
      .redirects(0)
    assertFieldError(
      bad,
      'tests',
      'Une épreuve par ligne : un code (lettres), une barre verticale, un nom ; pas deux fois le même code.'
    )

    // A test that a session offers cannot leave its product.
    const centre = await CentreFactory.create()
    await makeSession(centre, { productCode: 'TEFCAN' })
    const canada = await db.from('products').where('code', 'TEFCAN').first()
    const refused = await client
      .put(`/products/${canada.id}`)
      .loginAs(admin)
      .form({
        number: canada.number,
        range: 'TEF',
        code: 'TEFCAN',
        name: 'TEF Canada',
        status: 'active',
        modular: '1',
        tests: 'CE | Compréhension écrite',
      })
      .withCsrfToken()
      .redirects(0)
    refused.assertFlashMessage(
      'error',
      "L'épreuve CO est proposée par des sessions : elle ne peut pas être retirée du produit."
    )
    const manager = await makeUser('centre_manager', [centre])
    assert.equal((await client.get('/products/create').loginAs(manager)).status(), 403)

    // A PDF document for the product, read by the portal.
    await mkdir(app.tmpPath('test-fixtures'), { recursive: true })
    const pdf = app.tmpPath('test-fixtures', 'tefcan.pdf')
    const doc = await PDFDocument.create()
    doc.addPage()
    await writeFile(pdf, await doc.save())
    const dfp = await db.from('products').where('code', 'DFPTOUR').first()
    await client
      .put(`/products/${dfp.id}`)
      .loginAs(admin)
      .field('number', 40)
      .field('range', 'DFP')
      .field('code', 'DFPTOUR')
      .field('name', 'DFP Tourisme et hôtellerie B1')
      .field('status', 'active')
      .field('tests', 'CTI | Compréhension\nIO | Interaction orale')
      .file('document', pdf)
      .withCsrfToken()
    const download = await client.get(`/products/${dfp.id}/document`).loginAs(manager)
    download.assertStatus(200)
    download.assertHeader('content-type', 'application/pdf')
  })

  test('the centre manager sets a tariff per test; staff read it only', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    const staff = await makeUser('centre_staff', [centre])
    const canada = await db.from('products').where('code', 'TEFCAN').first()
    await client
      .put('/tariffs')
      .loginAs(manager)
      .form({
        centre_id: centre.id,
        product_id: canada.id,
        prices: { CE: '40', CO: '40', EE: '55,5', EO: '' },
        vat_rate: '20',
      })
      .withCsrfToken()
    const rows = await db.from('tariffs').where('centre_id', centre.id).orderBy('test_code')
    assert.deepEqual(
      rows.map((r) => [r.test_code, Number(r.price_ht)]),
      [
        ['CE', 4000],
        ['CO', 4000],
        ['EE', 5550],
      ]
    )
    const page = await client.get('/tariffs').loginAs(staff)
    page.assertTextIncludes('value="55.50"')
    page.assertTextIncludes('Seul le responsable du centre peut modifier les tarifs.')
    const refused = await client
      .put('/tariffs')
      .loginAs(staff)
      .form({ centre_id: centre.id, product_id: canada.id, prices: { CE: '1' }, vat_rate: '20' })
      .withCsrfToken()
    assert.equal(refused.status(), 403)
    const other = await CentreFactory.create()
    const cross = await client
      .put('/tariffs')
      .loginAs(manager)
      .form({ centre_id: other.id, product_id: canada.id, prices: { CE: '1' }, vat_rate: '20' })
      .withCsrfToken()
    assert.equal(cross.status(), 404)
  })
})
