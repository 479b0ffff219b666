import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { Candidate } from '#candidates'
import Attestation from '#sessions/models/attestation'
import RegistrationRequest from '#sessions/models/registration_request'
import RegistrationResult from '#sessions/models/registration_result'
import { registerCandidates } from '#sessions/services/registrations'
import { publishResults } from '#sessions/services/results'
import { CentreFactory, makeCandidate, makeSession, makeUser } from '#database/factories/index'
import { expectStatus } from '#tests/helpers/http'

async function published(options: { withholdSecond?: boolean } = {}) {
  const centre = await CentreFactory.create()
  const staff = await makeUser('centre_staff', [centre])
  const accountManager = await makeUser('account_manager', [centre])
  const admin = await makeUser('network_admin')
  const session = await makeSession(centre)
  const a = await makeCandidate(centre, { lastName: 'Aubry', firstName: 'Zoé' })
  const b = await makeCandidate(centre, { lastName: 'Bonnet', firstName: 'Hugo' })
  const [ra, rb] = await registerCandidates(null, session.id, [
    { candidate: a, input: { tests: ['CE', 'CO'], channel: 'on_site' } },
    { candidate: b, input: { tests: ['CE', 'CO'], channel: 'on_site' } },
  ])
  await session.merge({ status: 'in_correction' }).save()
  await RegistrationResult.createMany([
    { registrationId: ra.id, testCode: 'CE', score: 250, level: 'B2', source: 'manual' },
    { registrationId: ra.id, testCode: 'CO', score: 301, level: 'C1', source: 'manual' },
    // The second candidate's CO is not marked yet.
    { registrationId: rb.id, testCode: 'CE', score: 120, level: 'A2', source: 'manual' },
  ])
  if (options.withholdSecond)
    await RegistrationRequest.create({
      kind: 'fraud',
      centreId: centre.id,
      sessionId: session.id,
      registrationId: rb.id,
      candidateId: b.id,
      status: 'in_review',
      category: 'device',
      description: 'Téléphone allumé pendant la CO.',
    })
  else
    await RegistrationResult.create({
      registrationId: rb.id,
      testCode: 'CO',
      score: 200,
      level: 'B1',
      source: 'manual',
    })
  await publishResults(admin, session.id, null)
  return { centre, staff, accountManager, admin, session, ra, rb, a, b }
}

test.group('Results · after publication', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a fraud reported after publication suspends the attestation; dismissed, the same code is valid again', async ({
    client,
    assert,
  }) => {
    const { staff, accountManager, session, ra, a } = await published()
    const attestation = await Attestation.findByOrFail('registration_id', ra.id)
    await client
      .post(`/sessions/${session.id}/registrations/${ra.id}/requests/fraud`)
      .loginAs(staff)
      .form({ category: 'identity', description: 'Doute sur la personne présente à la CO.' })
      .withCsrfToken()
    await attestation.refresh()
    assert.equal(attestation.status, 'suspended')
    ;(await client.get(`/verify/${attestation.code}`)).assertTextIncludes('Attestation suspendue')
    await expectStatus(
      client.get(`/sessions/${session.id}/registrations/${ra.id}/attestation`).loginAs(staff),
      404
    )
    assert.equal((await Candidate.findOrFail(a.id)).examValidation, 'pending')

    const fraud = await RegistrationRequest.findByOrFail('kind', 'fraud')
    await client
      .post(`/requests/${fraud.id}/refusal`)
      .loginAs(accountManager)
      .form({ reason: 'Identité vérifiée.' })
      .withCsrfToken()
    await attestation.refresh()
    assert.equal(attestation.status, 'valid')
    assert.equal((await Attestation.query().where('registration_id', ra.id)).length, 1)
    assert.equal((await Candidate.findOrFail(a.id)).examValidation, 'validated')
  })

  test('a confirmed fraud invalidates the exam on the candidate file', async ({
    client,
    assert,
  }) => {
    const { staff, accountManager, session, ra, a } = await published()
    await client
      .post(`/sessions/${session.id}/registrations/${ra.id}/requests/fraud`)
      .loginAs(staff)
      .form({ category: 'identity', description: 'Une autre personne a passé la CO.' })
      .withCsrfToken()
    const fraud = await RegistrationRequest.findByOrFail('kind', 'fraud')
    await client.post(`/requests/${fraud.id}/acceptance`).loginAs(accountManager).withCsrfToken()
    assert.equal((await Candidate.findOrFail(a.id)).examValidation, 'invalidated')
    assert.equal((await Attestation.findByOrFail('registration_id', ra.id)).status, 'revoked')
  })

  test('withheld at publication with a result missing: released, the result is entered and only then an attestation is issued', async ({
    client,
    assert,
  }) => {
    const { accountManager, session, rb } = await published({ withholdSecond: true })
    const fraud = await RegistrationRequest.findByOrFail('kind', 'fraud')
    await client
      .post(`/requests/${fraud.id}/refusal`)
      .loginAs(accountManager)
      .form({ reason: 'Téléphone éteint, vérifié.' })
      .withCsrfToken()
    // CO is still missing: no attestation stating half the results.
    assert.isNull(await Attestation.findBy('registration_id', rb.id))
    await client
      .post(`/sessions/${session.id}/results`)
      .loginAs(accountManager)
      .form({ [`results[r${rb.id}][CO][score]`]: '210', [`results[r${rb.id}][CO][level]`]: 'B1' })
      .withCsrfToken()
    const attestation = await Attestation.findByOrFail('registration_id', rb.id)
    assert.deepEqual(
      attestation.snapshot.tests.map((t) => `${t.code} ${t.score}`),
      ['CE 120', 'CO 210']
    )
  })

  test('a postponement is not accepted once marking has started', async ({ client, assert }) => {
    const { accountManager, session, ra, a, centre } = await published()
    const request = await RegistrationRequest.create({
      kind: 'postponement',
      centreId: centre.id,
      sessionId: session.id,
      registrationId: ra.id,
      candidateId: a.id,
      status: 'submitted',
      description: 'Demande arrivée tardivement.',
    })
    const response = await client
      .post(`/requests/${request.id}/acceptance`)
      .loginAs(accountManager)
      .withCsrfToken()
      .redirects(0)
    response.assertFlashMessage(
      'error',
      `Un report ne peut plus être demandé pour la session ${session.number} : la correction a commencé.`
    )
    await request.refresh()
    assert.equal(request.status, 'submitted')
  })

  test('unpublishing suspends the attestations; publishing again restores the same codes', async ({
    client,
    assert,
  }) => {
    const { admin, session, ra } = await published()
    const attestation = await Attestation.findByOrFail('registration_id', ra.id)
    await client
      .post(`/sessions/${session.id}/transitions/unpublish`)
      .loginAs(admin)
      .withCsrfToken()
    await attestation.refresh()
    assert.equal(attestation.status, 'suspended')
    await client.post(`/sessions/${session.id}/results/publication`).loginAs(admin).withCsrfToken()
    await attestation.refresh()
    assert.equal(attestation.status, 'valid')
    assert.equal((await Attestation.query().where('registration_id', ra.id)).length, 1)
  })

  test('ids and filters out of range are a clean 404 or an empty list, never a 500', async ({
    client,
  }) => {
    const { staff, accountManager, session } = await published()
    await expectStatus(client.get('/requests/99999999999').loginAs(accountManager), 404)
    await expectStatus(client.get(`/sessions/99999999999/results`).loginAs(staff), 404)
    await expectStatus(
      client.get(`/sessions/${session.id}/registrations/99999999999/attestation`).loginAs(staff),
      404
    )
    const list = await client
      .get('/requests/frauds?session=99999999999999999999&centre=99999999999')
      .loginAs(accountManager)
    list.assertStatus(200)
    list.assertTextIncludes('Aucune demande')
    await expectStatus(
      client
        .get('/anomalies?session=99999999999999999999&centre=99999999999')
        .loginAs(accountManager),
      200
    )
    await expectStatus(client.get('/sessions?centre=99999999999&product=1e30').loginAs(staff), 200)
  })
})
