import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import RegistrationRequest from '#sessions/models/registration_request'
import RegistrationResult from '#sessions/models/registration_result'
import SessionAnomaly from '#sessions/models/session_anomaly'
import BackgroundJob from '#shared/jobs/background_job'
import { registerCandidates } from '#sessions/services/registrations'
import { publishResults } from '#sessions/services/results'
import { CentreFactory, makeCandidate, makeSession, makeUser } from '#database/factories/index'
import { expectStatus } from '#tests/helpers/http'
import { fixture } from '#tests/helpers/files'

async function setup() {
  const centre = await CentreFactory.create()
  const manager = await makeUser('centre_manager', [centre])
  const staff = await makeUser('centre_staff', [centre])
  const accountManager = await makeUser('account_manager', [centre])
  const session = await makeSession(centre)
  const candidate = await makeCandidate(centre, { lastName: 'Garde', firstName: 'Lina' })
  const [registration] = await registerCandidates(null, session.id, [
    { candidate, input: { tests: ['CE', 'EO'], channel: 'on_site' } },
  ])
  const elsewhere = await CentreFactory.create()
  return {
    centre,
    manager,
    staff,
    accountManager,
    session,
    registration,
    otherManager: await makeUser('centre_manager', [elsewhere]),
    otherAccountManager: await makeUser('account_manager', [elsewhere]),
  }
}

test.group('Requests, anomalies and results · the remaining guards', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('re-registration, anomaly sheet and results import refuse other centres and wrong roles', async ({
    client,
    assert,
  }) => {
    const s = await setup()
    const later = await makeSession(s.centre, { startsAt: DateTime.utc().plus({ days: 40 }) })
    const postponement = await RegistrationRequest.create({
      kind: 'postponement',
      centreId: s.centre.id,
      sessionId: s.session.id,
      registrationId: s.registration.id,
      candidateId: s.registration.candidateId,
      status: 'accepted',
      description: 'Malade le jour de la session.',
    })
    for (const user of [s.otherManager, s.otherAccountManager])
      await expectStatus(
        client
          .post(`/requests/${postponement.id}/reregistration`)
          .loginAs(user)
          .form({ session_id: later.id })
          .withCsrfToken(),
        404
      )

    await s.session.merge({ status: 'passed' }).save()
    const anomaly = await SessionAnomaly.create({
      sessionId: s.session.id,
      centreId: s.centre.id,
      registrationId: s.registration.id,
      kind: 'identity',
      description: "Pièce d'identité expirée.",
      status: 'draft',
    })
    await expectStatus(
      client
        .delete(`/sessions/${s.session.id}/anomalies/${anomaly.id}`)
        .loginAs(s.otherManager)
        .withCsrfToken(),
      404
    )
    await expectStatus(
      client
        .post(`/sessions/${s.session.id}/anomalies/submission`)
        .loginAs(s.otherManager)
        .withCsrfToken(),
      404
    )
    await expectStatus(
      client
        .delete(`/sessions/${s.session.id}/anomalies/${anomaly.id}`)
        .loginAs(s.staff)
        .withCsrfToken(),
      403
    )
    await expectStatus(
      client
        .post(`/sessions/${s.session.id}/anomalies/submission`)
        .loginAs(s.accountManager)
        .withCsrfToken(),
      403
    )
    await expectStatus(client.get('/anomalies/export/csv').loginAs(s.staff), 403)
    assert.isNotNull(await SessionAnomaly.find(anomaly.id))
    // The manager takes a draft line back, after a confirmation in the page.
    await client
      .delete(`/sessions/${s.session.id}/anomalies/${anomaly.id}`)
      .loginAs(s.manager)
      .withCsrfToken()
    assert.isNull(await SessionAnomaly.find(anomaly.id))

    await s.session.merge({ status: 'in_correction' }).save()
    const file = await fixture('empty-results.csv', Buffer.from('N° inscription;CE score /300\n'))
    await expectStatus(
      client
        .post(`/sessions/${s.session.id}/results/import`)
        .loginAs(s.otherAccountManager)
        .file('file', file)
        .withCsrfToken(),
      404
    )
    await expectStatus(
      client
        .post(`/sessions/${s.session.id}/results/import`)
        .loginAs(s.staff)
        .file('file', file)
        .withCsrfToken(),
      403
    )
    const job = await BackgroundJob.create({
      type: 'attestations',
      userId: s.staff.id,
      centreId: s.centre.id,
      subjectType: 'exam_session',
      subjectId: s.session.id,
      status: 'done',
      total: 1,
      done: 1,
    })
    await expectStatus(
      client.get(`/sessions/${s.session.id}/attestations/jobs/${job.id}`).loginAs(s.otherManager),
      404
    )
    await expectStatus(
      client.get(`/sessions/${s.session.id}/attestations/jobs/${job.id}`).loginAs(s.manager),
      404
    )
  })

  test('a score from the exam passport is overridden only with a reason, audited', async ({
    client,
    assert,
  }) => {
    const s = await setup()
    await s.session.merge({ status: 'in_correction' }).save()
    await RegistrationResult.create({
      registrationId: s.registration.id,
      testCode: 'EO',
      score: 300,
      level: 'B2',
      source: 'passport',
    })
    const key = `results[r${s.registration.id}][EO]`
    const refused = await client
      .post(`/sessions/${s.session.id}/results`)
      .loginAs(s.accountManager)
      .form({ [`${key}[score]`]: '340', [`${key}[level]`]: 'C1' })
      .withCsrfToken()
      .redirects(0)
    refused.assertFlashMessage(
      'error',
      'Indiquez le motif du changement de la note de GARDE Lina (EO).'
    )
    await client
      .post(`/sessions/${s.session.id}/results`)
      .loginAs(s.accountManager)
      .form({
        [`${key}[score]`]: '340',
        [`${key}[level]`]: 'C1',
        [`reasons[r${s.registration.id}]`]: 'Grille mal reportée par l’examinateur',
      })
      .withCsrfToken()
    const result = await RegistrationResult.findByOrFail('test_code', 'EO')
    assert.equal(result.score, 340)
    assert.equal(result.source, 'manual')
    assert.equal(result.reason, 'Grille mal reportée par l’examinateur')
  })

  test('a test marked absent after its (passport) result was entered does not count in the total', async ({
    assert,
  }) => {
    const s = await setup()
    await s.session.merge({ status: 'in_correction' }).save()
    for (const [testCode, score] of [
      ['CE', 250],
      ['EO', 300],
    ] as const)
      await RegistrationResult.create({
        registrationId: s.registration.id,
        testCode,
        score,
        level: 'B2',
        source: testCode === 'EO' ? 'passport' : 'manual',
      })
    await s.registration.load('tests')
    await s.registration.tests
      .find((t) => t.testCode === 'EO')!
      .merge({ absent: true })
      .save()
    await publishResults(null, s.session.id, null)
    const { Candidate } = await import('#candidates')
    const candidate = await Candidate.findOrFail(s.registration.candidateId)
    assert.equal(candidate.examScore, 250)
  })

  test('the network admin sets the appeal delay; it decides when an appeal is too late', async ({
    client,
    assert,
  }) => {
    const s = await setup()
    const admin = await makeUser('network_admin')
    await expectStatus(client.get('/results/settings').loginAs(s.accountManager), 403)
    const invalid = await client
      .put('/results/settings')
      .loginAs(admin)
      .form({ appeal_delay_days: '0', validity_months: '24' })
      .withCsrfToken()
      .redirects(0)
    assert.isDefined((invalid.flashMessages()?.inputErrorsBag as any)?.appeal_delay_days)
    await client
      .put('/results/settings')
      .loginAs(admin)
      .form({ appeal_delay_days: '10', validity_months: '36' })
      .withCsrfToken()
    const page = await client.get('/results/settings').loginAs(admin)
    page.assertTextIncludes('value="10"')
    await s.session
      .merge({
        status: 'results_published',
        resultsPublishedAt: DateTime.utc().minus({ days: 12 }),
      })
      .save()
    const late = await client
      .post(`/sessions/${s.session.id}/registrations/${s.registration.id}/requests/appeal`)
      .loginAs(s.staff)
      .form({ description: 'Le candidat conteste sa note.' })
      .withCsrfToken()
      .redirects(0)
    late.assertFlashMessage(
      'error',
      `Le délai de recours après la publication des résultats de la session ${s.session.number} est dépassé.`
    )
  })

  test('the public verification page is rate-limited per address', async ({ client, assert }) => {
    let last = 0
    for (let i = 0; i < 31; i++) last = (await client.get('/verify/AAAA-BBBB-CCCC-DDDD')).status()
    assert.equal(last, 429)
  })
})
