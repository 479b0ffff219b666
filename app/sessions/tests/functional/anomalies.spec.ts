import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import ExcelJS from 'exceljs'
import { DateTime } from 'luxon'
import { ExamSession } from '#sessions'
import { Conversation } from '#messaging'
import SessionAnomaly from '#sessions/models/session_anomaly'
import AuditLog from '#shared/audit/audit_log'
import { registerCandidates } from '#sessions/services/registrations'
import { CentreFactory, makeCandidate, makeSession, makeUser } from '#database/factories/index'
import { assertTextExcludes, expectStatus } from '#tests/helpers/http'

async function passedSession() {
  const centre = await CentreFactory.create()
  const manager = await makeUser('centre_manager', [centre])
  const staff = await makeUser('centre_staff', [centre])
  const accountManager = await makeUser('account_manager', [centre])
  const session = await makeSession(centre)
  const candidate = await makeCandidate(centre, { lastName: 'Virtuel', firstName: 'Test' })
  const [registration] = await registerCandidates(null, session.id, [
    { candidate, input: { tests: ['CE'], channel: 'on_site' } },
  ])
  await session.merge({ status: 'passed' }).save()
  return { centre, manager, staff, accountManager, session, registration }
}

test.group('Mise en correction and the anomaly sheet', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('without anomalies the session goes straight to in_correction', async ({
    client,
    assert,
  }) => {
    const { manager, session } = await passedSession()
    const dashboard = await client.get('/').loginAs(manager)
    dashboard.assertTextIncludes('1 session passée à mettre en correction')
    const page = await client.get(`/sessions/${session.id}`).loginAs(manager)
    page.assertTextIncludes('Mettre en correction sans anomalie')
    page.assertTextIncludes('Mettre en correction avec anomalies')
    await client
      .post(`/sessions/${session.id}/transitions/correct`)
      .loginAs(manager)
      .withCsrfToken()
    await session.refresh()
    assert.equal(session.status, 'in_correction')
    const network = await client.get('/').loginAs(await makeUser('network_admin'))
    network.assertTextIncludes('session en correction : résultats à saisir')
  })

  test('with anomalies the sheet is sent and the session waits until every line is processed', async ({
    client,
    assert,
  }) => {
    const { manager, accountManager, session, registration } = await passedSession()
    const missing = await client
      .post(`/sessions/${session.id}/anomalies`)
      .loginAs(manager)
      .form({ kind: 'virtual_candidate', description: 'Virtuel utilisé pour un test.' })
      .withCsrfToken()
      .redirects(0)
    missing.assertFlashMessage(
      'error',
      "Indiquez le candidat concerné par l'utilisation de virtuel."
    )
    await client
      .post(`/sessions/${session.id}/anomalies`)
      .loginAs(manager)
      .form({
        registration_id: registration.id,
        kind: 'virtual_candidate',
        description: 'Virtuel utilisé pour tester le poste 4.',
      })
      .withCsrfToken()
    await client
      .post(`/sessions/${session.id}/anomalies`)
      .loginAs(manager)
      .form({ kind: 'technical', description: 'Coupure réseau de 10 minutes en CO.' })
      .withCsrfToken()
    assert.equal((await SessionAnomaly.query().where('session_id', session.id)).length, 2)

    // A draft sheet blocks the direct move; so does a sent one until processed.
    const direct = await client
      .post(`/sessions/${session.id}/transitions/correct`)
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    direct.assertFlashMessage(
      'error',
      `Les anomalies de la session ${session.number} doivent être traitées avant la mise en correction.`
    )

    await client
      .post(`/sessions/${session.id}/anomalies/submission`)
      .loginAs(manager)
      .withCsrfToken()
    await session.refresh()
    assert.isNotNull(session.anomaliesSubmittedAt)
    assert.equal(session.status, 'passed')
    const conversation = await Conversation.findOrFail(session.anomaliesConversationId)
    assert.equal(conversation.type, 'anomaly')
    const late = await client
      .post(`/sessions/${session.id}/anomalies`)
      .loginAs(manager)
      .form({ kind: 'other', description: 'Une anomalie de plus après envoi.' })
      .withCsrfToken()
      .redirects(0)
    late.assertFlashMessage('error', "La feuille d'anomalies a déjà été envoyée.")

    const waiting = await client.get(`/sessions/${session.id}`).loginAs(manager)
    waiting.assertTextIncludes('2 anomalies en attente de traitement')
    const dashboard = await client.get('/').loginAs(accountManager)
    dashboard.assertTextIncludes('2 anomalies à traiter')

    const [first, second] = await SessionAnomaly.query()
      .where('session_id', session.id)
      .orderBy('id')
    await client
      .post(`/sessions/${session.id}/anomalies/${first.id}/processing`)
      .loginAs(accountManager)
      .form({ note: 'Justification acceptée.' })
      .withCsrfToken()
    await session.refresh()
    assert.equal(session.status, 'passed')
    await client
      .post(`/sessions/${session.id}/anomalies/${second.id}/processing`)
      .loginAs(accountManager)
      .form({})
      .withCsrfToken()
    await session.refresh()
    assert.equal(session.status, 'in_correction')
    await first.refresh()
    assert.equal(first.note, 'Justification acceptée.')
    const audit = await AuditLog.query()
      .where('action', 'exam_session.correct')
      .where('entity_id', String(session.id))
      .firstOrFail()
    assert.equal(audit.actorId, accountManager.id)
    const thread = await client.get(`/messages/${conversation.id}`).loginAs(manager)
    thread.assertTextIncludes('la session est en correction')
  })

  test('anomalies list filters and exports; other centres and roles are refused', async ({
    client,
    assert,
  }) => {
    const { manager, staff, accountManager, session, registration } = await passedSession()
    await client
      .post(`/sessions/${session.id}/anomalies`)
      .loginAs(manager)
      .form({
        registration_id: registration.id,
        kind: 'identity',
        description: "Pièce d'identité expirée présentée.",
      })
      .withCsrfToken()
    // Drafts stay the centre's.
    const draft = await client.get('/anomalies').loginAs(accountManager)
    draft.assertTextIncludes('Aucune anomalie')
    await client
      .post(`/sessions/${session.id}/anomalies/submission`)
      .loginAs(manager)
      .withCsrfToken()
    const list = await client.get('/anomalies?status=submitted').loginAs(accountManager)
    list.assertTextIncludes('VIRTUEL')
    list.assertTextIncludes('Identité du candidat')
    const today = DateTime.now().setZone('Europe/Paris').toISODate()!
    const tomorrow = DateTime.now().setZone('Europe/Paris').plus({ days: 1 }).toISODate()!
    ;(
      await client.get(`/anomalies?from=${today}&to=${today}`).loginAs(accountManager)
    ).assertTextIncludes('VIRTUEL')
    ;(await client.get(`/anomalies?from=${tomorrow}`).loginAs(accountManager)).assertTextIncludes(
      'Aucune anomalie'
    )
    const xlsx = await client.get('/anomalies/export/xlsx?kind=identity').loginAs(accountManager)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx.body() as any)
    const sheet = workbook.worksheets[0]
    assert.equal(sheet.rowCount, 2)
    const header = (sheet.getRow(1).values as unknown[]).slice(1)
    assert.equal(sheet.getRow(2).getCell(header.indexOf('Nom') + 1).value, 'VIRTUEL')

    const anomaly = await SessionAnomaly.firstOrFail()
    const elsewhere = await CentreFactory.create()
    const otherManager = await makeUser('account_manager', [elsewhere])
    const otherCentre = await makeUser('centre_manager', [elsewhere])
    await expectStatus(client.get(`/sessions/${session.id}/anomalies`).loginAs(otherManager), 404)
    await expectStatus(
      client
        .post(`/sessions/${session.id}/anomalies/${anomaly.id}/processing`)
        .loginAs(otherManager)
        .withCsrfToken(),
      404
    )
    await expectStatus(
      client
        .post(`/sessions/${session.id}/anomalies`)
        .loginAs(otherCentre)
        .form({ kind: 'other', description: 'Une anomalie venue d’ailleurs.' })
        .withCsrfToken(),
      404
    )
    const otherList = await client.get('/anomalies').loginAs(otherManager)
    assertTextExcludes(otherList, 'VIRTUEL')
    // The centre does not process; staff do not fill the sheet.
    await expectStatus(
      client
        .post(`/sessions/${session.id}/anomalies/${anomaly.id}/processing`)
        .loginAs(manager)
        .withCsrfToken(),
      403
    )
    await expectStatus(
      client
        .post(`/sessions/${session.id}/anomalies`)
        .loginAs(staff)
        .form({ kind: 'other', description: 'Le personnel ne remplit pas la feuille.' })
        .withCsrfToken(),
      403
    )
    await expectStatus(client.get('/anomalies').loginAs(staff), 403)
    const fresh = await ExamSession.findOrFail(session.id)
    assert.equal(fresh.status, 'passed')
  })
})
