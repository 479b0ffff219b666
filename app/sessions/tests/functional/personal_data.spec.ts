import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { anonymiseCandidate } from '#candidates'
import Attestation from '#sessions/models/attestation'
import RegistrationRequest from '#sessions/models/registration_request'
import RegistrationResult from '#sessions/models/registration_result'
import { Registration } from '#sessions'
import { registerCandidates } from '#sessions/services/registrations'
import { publishResults } from '#sessions/services/results'
import { CentreFactory, makeCandidate, makeSession, makeUser } from '#database/factories/index'
import { PDF, fixture, readZip } from '#tests/helpers/files'
import drive from '@adonisjs/drive/services/main'
import { Conversation } from '#messaging'
import db from '@adonisjs/lucid/services/db'

test.group('Sessions · personal data (GDPR)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the export holds registrations, requests, results and attestations; anonymisation scrubs names and free text, keeps scores', async ({
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
    const data = JSON.parse((await readZip(zip.body()))['data.json'].toString('utf8'))
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
    assert.lengthOf(await Registration.query().where('candidate_id', candidate.id), 1)
  })
})
