import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { anonymiseCandidate } from '#candidates'
import Attestation from '#sessions/models/attestation'
import RegistrationRequest from '#sessions/models/registration_request'
import RegistrationResult from '#sessions/models/registration_result'
import { Registration } from '#sessions'
import { registerCandidates } from '#sessions/services/registrations'
import { publishResults } from '#sessions/services/results'
import { addAnomaly } from '#sessions/services/anomalies'
import { transferPreregistration } from '#sessions/services/preregistrations'
import Preregistration from '#sessions/models/preregistration'
import { DateTime } from 'luxon'
import { CentreFactory, makeCandidate, makeSession, makeUser } from '#database/factories/index'
import { PDF, fixture, readZip } from '#tests/helpers/files'
import drive from '@adonisjs/drive/services/main'
import { Conversation } from '#messaging'
import db from '@adonisjs/lucid/services/db'

test.group('Sessions · personal data (GDPR)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the export holds registrations, requests with their documents, results, attestations, pre-registrations and anomalies; anonymisation scrubs names, contact details and free text, history included, and keeps scores', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    const admin = await makeUser('network_admin')
    const session = await makeSession(centre)
    const candidate = await makeCandidate(centre, { lastName: 'Girard', firstName: 'Inès' })
    const [registration] = await registerCandidates(null, session.id, [
      { candidate, input: { tests: ['CE'], channel: 'on_site', idNumber: 'ZX-998877' } },
    ])
    await client
      .post(`/sessions/${session.id}/registrations/${registration.id}/requests/accommodation`)
      .loginAs(manager)
      .field('category', 'extra_time')
      .field('description', 'Dyslexie sévère, certificat du Dr Martin.')
      .file('attachments[]', await fixture('certificat.pdf', PDF), { filename: 'certificat.pdf' })
      .withCsrfToken()
    const asked = await RegistrationRequest.firstOrFail()
    const attachment = await db.from('message_attachments').firstOrFail()
    // Online, she pre-registers for a later session; the centre transfers it to her file.
    const later = await makeSession(centre)
    const preregistration = await Preregistration.create({
      centreId: centre.id,
      sessionId: later.id,
      civility: 'mme',
      lastName: 'Girard',
      firstName: 'Inès',
      email: candidate.email!,
      phone: '0611223344',
      birthDate: DateTime.utc(1995, 4, 12),
      tests: ['CE'],
      status: 'pending',
    })
    await transferPreregistration(manager, preregistration, later, ['CE'])
    await session.merge({ status: 'passed' }).save()
    await addAnomaly(manager, session.id, {
      registrationId: registration.id,
      kind: 'identity',
      description: 'Mme Girard présente le passeport de sa sœur.',
    })
    await session.merge({ status: 'in_correction' }).save()
    await RegistrationResult.create({
      registrationId: registration.id,
      testCode: 'CE',
      score: 250,
      level: 'B2',
      source: 'manual',
    })
    await publishResults(admin, session.id, null)
    const attestation = await Attestation.findByOrFail('registration_id', registration.id)

    const zip = await client.get(`/candidates/${candidate.id}/personal-data`).loginAs(manager)
    const files = await readZip(zip.body())
    const data = JSON.parse(files['data.json'].toString('utf8'))
    assert.isTrue(
      files[`sessions/demande-${asked.id}/${attachment.id}-certificat.pdf`].equals(PDF),
      'the certificate sent with the request'
    )
    assert.deepInclude(data.sessions.preregistrations[0], {
      lastName: 'Girard',
      phone: '0611223344',
      birthDate: '1995-04-12',
      status: 'transferred',
    })
    assert.deepInclude(data.sessions.anomalies[0], {
      session: session.number,
      kind: 'identity',
      description: 'Mme Girard présente le passeport de sa sœur.',
    })
    assert.equal(data.sessions.registrations[0].session, session.number)
    assert.equal(data.sessions.registrations[0].idNumber, 'ZX-998877')
    assert.deepEqual(data.sessions.registrations[0].results, [
      { test: 'CE', score: 250, level: 'B2' },
    ])
    assert.equal(data.sessions.requests[0].description, 'Dyslexie sévère, certificat du Dr Martin.')
    assert.equal(data.sessions.attestations[0].code, attestation.code)

    await anonymiseCandidate(manager, candidate)
    await registration.refresh()
    assert.isNull(registration.idNumber)
    const request = await RegistrationRequest.findByOrFail('registration_id', registration.id)
    assert.notInclude(request.description, 'Martin')
    await attestation.refresh()
    assert.equal(attestation.snapshot.name, `ANONYME #${candidate.id}`)
    assert.equal(attestation.snapshot.tests[0].score, 250)
    const thread = await Conversation.findOrFail(asked.conversationId)
    assert.notInclude(thread.title, 'Girard')
    assert.isNull(await db.from('message_attachments').where('id', attachment.id).first())
    assert.isFalse(await drive.use().exists(attachment.storage_key))
    const messages = await client.get(`/messages/${thread.id}`).loginAs(manager)
    assert.notInclude(messages.text(), 'Dr Martin')
    const page = await client.get(`/verify/${attestation.code}`)
    page.assertTextIncludes('ANONYME')
    assert.notInclude(page.text(), 'Girard')
    assert.lengthOf(await Registration.query().where('candidate_id', candidate.id), 2)
    await preregistration.refresh()
    assert.equal(preregistration.lastName, 'ANONYME')
    assert.equal(preregistration.email, `anonymised-${preregistration.id}@invalid`)
    assert.isNull(preregistration.phone)
    assert.equal(preregistration.birthDate.toISODate(), '1995-01-01')
    assert.equal(preregistration.status, 'transferred')
    const anomaly = await db.from('session_anomalies').firstOrFail()
    assert.equal(anomaly.description, '—')
    assert.equal(anomaly.kind, 'identity')
    // The history of her registrations, requests and threads no longer names her.
    const history = JSON.stringify(await db.from('audit_logs'))
    assert.notInclude(history, 'Girard')
    assert.notInclude(history, 'ZX-998877')
  })
})
