import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { Candidate } from '#candidates'
import { Conversation } from '#messaging'
import { Registration } from '#sessions'
import Preregistration from '#sessions/models/preregistration'
import { CentreFactory, makeCandidate, makeSession, makeUser } from '#database/factories/index'
import { assertRedirect, assertTextExcludes } from '#tests/helpers/http'

const person = {
  civility: 'mme',
  last_name: 'Lambert',
  first_name: 'Chloé',
  email: 'chloe.lambert@example.test',
  birth_date: '1993-05-06',
  consent: '1',
}

test.group('Sessions · online pre-registration', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("a listed centre's page shows its open sessions; a hidden centre has no page", async ({
    client,
  }) => {
    const listed = await CentreFactory.merge({ onlineVisibility: 'with_sessions' }).create()
    const hidden = await CentreFactory.merge({ onlineVisibility: 'hidden' }).create()
    const open = await makeSession(listed)
    await open.merge({ visibility: 'with_sessions' }).save()
    const unlisted = await makeSession(listed, { productCode: 'TEFIRN' })
    const page = await client.get(`/inscription/${listed.code}`)
    page.assertStatus(200)
    page.assertTextIncludes('TEF Canada')
    assertTextExcludes(page, 'TEF Intégration')
    void unlisted
    ;(await client.get(`/inscription/${hidden.code}`)).assertStatus(404)
    ;(await client.get('/inscription/NOPE-000')).assertStatus(404)
  })

  test('a guest pre-registers; the centre transfers it into a session, matching the candidate', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.merge({ onlineVisibility: 'with_sessions' }).create()
    const staff = await makeUser('centre_staff', [centre])
    const session = await makeSession(centre)
    await session.merge({ visibility: 'with_sessions' }).save()
    const known = await makeCandidate(centre, {
      lastName: 'Lambert',
      firstName: 'Chloé',
      email: 'chloe.lambert@example.test',
    })
    const sent = await client
      .post(`/inscription/${centre.code}`)
      .form({ ...person, 'session_id': session.id, 'tests[]': ['CE', 'EO'] })
      .withCsrfToken()
      .redirects(0)
    assertRedirect(sent, `/inscription/${centre.code}`)
    const preregistration = await Preregistration.findByOrFail('email', person.email)
    assert.equal(preregistration.status, 'pending')
    assert.deepEqual(preregistration.tests, ['CE', 'EO'])

    const home = await client.get('/').loginAs(staff)
    home.assertTextIncludes('1 pré-inscription à traiter')
    const list = await client.get('/preregistrations').loginAs(staff)
    list.assertTextIncludes('LAMBERT Chloé')
    const transferred = await client
      .post(`/preregistrations/${preregistration.id}/transfer`)
      .loginAs(staff)
      .form({ 'session_id': session.id, 'tests[]': ['CE', 'EO'] })
      .withCsrfToken()
      .redirects(0)
    assertRedirect(transferred, '/preregistrations')
    const registration = await Registration.query()
      .where('session_id', session.id)
      .preload('tests')
      .firstOrFail()
    assert.equal(registration.candidateId, known.id, 'the known file is reused')
    assert.equal(registration.channel, 'online')
    assert.sameMembers(
      registration.tests.map((t) => t.testCode),
      ['CE', 'EO']
    )
    await preregistration.refresh()
    assert.equal(preregistration.status, 'transferred')
    const again = await client
      .post(`/preregistrations/${preregistration.id}/transfer`)
      .loginAs(staff)
      .form({ session_id: session.id })
      .withCsrfToken()
      .redirects(0)
    again.assertFlashMessage('error', 'Cette pré-inscription a déjà été traitée.')
  })

  test('a new person gets a new file; declining keeps nothing registered', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.merge({ onlineVisibility: 'without_sessions' }).create()
    const manager = await makeUser('centre_manager', [centre])
    const session = await makeSession(centre, { productCode: 'TEFIRN' })
    await client.post(`/inscription/${centre.code}`).form(person).withCsrfToken()
    await client
      .post(`/inscription/${centre.code}`)
      .form({ ...person, email: 'other@example.test', last_name: 'Autre' })
      .withCsrfToken()
    const [first, second] = await Preregistration.query().orderBy('id')
    assert.isNull(first.sessionId)
    await client
      .post(`/preregistrations/${first.id}/transfer`)
      .loginAs(manager)
      .form({ session_id: session.id })
      .withCsrfToken()
    const file = await Candidate.findByOrFail('email', person.email)
    assert.equal(file.centreId, centre.id)
    assert.equal(file.examStatus, 'planned')
    await client.post(`/preregistrations/${second.id}/decline`).loginAs(manager).withCsrfToken()
    await second.refresh()
    assert.equal(second.status, 'declined')
    assert.lengthOf(await Registration.query().where('session_id', session.id), 1)
  })

  test('robots and floods: the honeypot keeps nothing, the sixth request in an hour is refused', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.merge({ onlineVisibility: 'without_sessions' }).create()
    await client
      .post(`/inscription/${centre.code}`)
      .form({ ...person, website: 'http://spam.example' })
      .withCsrfToken()
    assert.lengthOf(await Preregistration.all(), 0)
    for (let i = 0; i < 5; i++)
      await client
        .post(`/inscription/${centre.code}`)
        .form({ ...person, email: `p${i}@example.test` })
        .withCsrfToken()
    const refused = await client
      .post(`/inscription/${centre.code}`)
      .form({ ...person, email: 'p6@example.test' })
      .withCsrfToken()
      .redirects(0)
    refused.assertFlashMessage(
      'error',
      'Trop de demandes depuis votre connexion : réessayez dans une heure.'
    )
    assert.lengthOf(await Preregistration.query().where('centre_id', centre.id), 5)
  })

  test('a contact request lands in the centre messaging', async ({ client, assert }) => {
    const centre = await CentreFactory.merge({ onlineVisibility: 'without_sessions' }).create()
    const manager = await makeUser('centre_manager', [centre])
    await client
      .post(`/inscription/${centre.code}/contact`)
      .form({
        name: 'Paul Henry',
        email: 'paul@example.test',
        message: 'Quand ont lieu les prochaines sessions ?',
      })
      .withCsrfToken()
    const conversation = await Conversation.query().where('centre_id', centre.id).firstOrFail()
    assert.equal(conversation.type, 'contact_request')
    const inbox = await client.get('/messages').loginAs(manager)
    inbox.assertTextIncludes('Demande de contact de Paul Henry')
  })

  test("another centre's users never see or handle a pre-registration", async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.merge({ onlineVisibility: 'without_sessions' }).create()
    const other = await CentreFactory.create()
    const outsider = await makeUser('centre_manager', [other])
    const evaluator = await makeUser('evaluator', [centre])
    await client.post(`/inscription/${centre.code}`).form(person).withCsrfToken()
    const preregistration = await Preregistration.firstOrFail()
    const list = await client.get('/preregistrations').loginAs(outsider)
    assertTextExcludes(list, 'LAMBERT')
    for (const path of [`/preregistrations/${preregistration.id}/transfer`]) {
      assert.equal((await client.get(path).loginAs(outsider)).status(), 404)
    }
    assert.equal(
      (
        await client
          .post(`/preregistrations/${preregistration.id}/decline`)
          .loginAs(outsider)
          .withCsrfToken()
      ).status(),
      404
    )
    assert.equal((await client.get('/preregistrations').loginAs(evaluator)).status(), 403)
    assert.equal(
      (
        await client
          .post(`/preregistrations/${preregistration.id}/decline`)
          .loginAs(evaluator)
          .withCsrfToken()
      ).status(),
      403
    )
    await preregistration.refresh()
    assert.equal(preregistration.status, 'pending')
  })
})
