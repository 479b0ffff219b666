import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { User } from '#accounts'
import AccountRequest from '#messaging/models/account_request'
import Conversation from '#messaging/models/conversation'
import { lastMailTo } from '#shared/mail/mailbox'
import { CentreFactory, makeUser } from '#database/factories/index'
import { assertFieldError, expectStatus } from '#tests/helpers/http'

const request = (centreId: number, overrides: Record<string, unknown> = {}) => ({
  last_name: 'Bouiri',
  first_name: 'Asmaa',
  email: 'asmaa.bouiri@example.test',
  role: 'evaluator',
  phone: '+33 6 12 34 56 78',
  centre_id: centreId,
  ...overrides,
})

test.group('Account requests', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an evaluator request goes to the pedagogical service, which accepts it', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    const admin = await makeUser('network_admin')
    const accountManager = await makeUser('account_manager', [centre])

    await client.post('/account-requests').loginAs(manager).form(request(centre.id)).withCsrfToken()
    const pending = await AccountRequest.findByOrFail('email', 'asmaa.bouiri@example.test')
    const conversation = await Conversation.findOrFail(pending.conversationId)
    assert.equal(conversation.recipient, 'pedagogy')
    assert.equal((await lastMailTo(admin.email))?.subject, 'Nouveau message : Asmaa BOUIRI')

    const thread = await client.get(`/messages/${conversation.id}`).loginAs(admin)
    thread.assertTextIncludes(
      'je souhaite créer l&#x27;utilisateur centre Asmaa BOUIRI, asmaa.bouiri@example.test pour le rôle de Évaluateur centre'
    )
    thread.assertTextIncludes('Accepter et créer le compte')
    // An evaluator account is the pedagogical service's decision, not the account manager's.
    await expectStatus(
      client
        .post(`/account-requests/${pending.id}/acceptance`)
        .loginAs(accountManager)
        .withCsrfToken(),
      403
    )

    await client.post(`/account-requests/${pending.id}/acceptance`).loginAs(admin).withCsrfToken()
    const user = await User.findByOrFail('email', 'asmaa.bouiri@example.test')
    assert.equal(user.role, 'evaluator')
    assert.equal(user.status, 'invited')
    assert.deepEqual(await User.centreIdsOf(user.id), [centre.id])
    assert.equal((await lastMailTo(user.email))?.subject, 'Votre compte Passerelle a été créé')

    const answered = await client.get(`/messages/${conversation.id}`).loginAs(manager)
    answered.assertTextIncludes(
      'Le compte de l&#x27;utilisateur a bien été créé et l&#x27;email de définition du mot de passe a été envoyé.'
    )
    answered.assertTextIncludes('Conversation fermée')
    await expectStatus(
      client.post(`/account-requests/${pending.id}/acceptance`).loginAs(admin).withCsrfToken(),
      403
    )
  })

  test('a staff request goes to the account manager, who may refuse it with a reason', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    const accountManager = await makeUser('account_manager', [centre])
    await client
      .post('/account-requests')
      .loginAs(manager)
      .form(request(centre.id, { role: 'centre_staff' }))
      .withCsrfToken()
    const pending = await AccountRequest.findByOrFail('email', 'asmaa.bouiri@example.test')
    assert.equal(
      (await lastMailTo(accountManager.email))?.subject,
      'Nouveau message : Asmaa BOUIRI'
    )

    const empty = await client
      .post(`/account-requests/${pending.id}/refusal`)
      .loginAs(accountManager)
      .form({ reason: '' })
      .withCsrfToken()
      .redirects(0)
    assertFieldError(empty, 'reason', 'Ce champ est obligatoire.')
    await client
      .post(`/account-requests/${pending.id}/refusal`)
      .loginAs(accountManager)
      .form({ reason: 'Déjà un compte administratif' })
      .withCsrfToken()
    await pending.refresh()
    assert.equal(pending.status, 'refused')
    assert.isNull(await User.findBy('email', 'asmaa.bouiri@example.test'))
    const thread = await client.get(`/messages/${pending.conversationId}`).loginAs(manager)
    thread.assertTextIncludes('La demande de compte a été refusée : Déjà un compte administratif')
  })

  test('no duplicate emails: existing users and pending requests are refused', async ({
    client,
  }) => {
    const centre = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    const existing = await makeUser('centre_staff', [centre])
    const taken = await client
      .post('/account-requests')
      .loginAs(manager)
      .form(request(centre.id, { email: existing.email }))
      .withCsrfToken()
      .redirects(0)
    taken.assertFlashMessage('error', `Un compte existe déjà avec l'email ${existing.email}.`)
    await client.post('/account-requests').loginAs(manager).form(request(centre.id)).withCsrfToken()
    const again = await client
      .post('/account-requests')
      .loginAs(manager)
      .form(request(centre.id))
      .withCsrfToken()
      .redirects(0)
    again.assertFlashMessage(
      'error',
      'Une demande de compte est déjà en cours pour asmaa.bouiri@example.test.'
    )
  })

  test('only centre managers ask, and only for their centres and for staff or evaluators', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const other = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    await expectStatus(client.get('/account-requests/new').loginAs(staff), 403)
    await expectStatus(
      client.post('/account-requests').loginAs(staff).form(request(centre.id)).withCsrfToken(),
      403
    )
    await expectStatus(
      client.get('/account-requests/new').loginAs(await makeUser('evaluator', [centre])),
      403
    )
    const manager = await makeUser('centre_manager', [centre])
    await expectStatus(
      client.post('/account-requests').loginAs(manager).form(request(other.id)).withCsrfToken(),
      404
    )
    const escalation = await client
      .post('/account-requests')
      .loginAs(manager)
      .form(request(centre.id, { role: 'network_admin' }))
      .withCsrfToken()
      .redirects(0)
    assertFieldError(escalation, 'role', 'Choisissez une valeur de la liste.')
    assert.equal(
      await AccountRequest.query()
        .count('* as n')
        .then((r) => Number(r[0].$extras.n)),
      0
    )
  })

  test("an account manager cannot decide another portfolio's requests", async ({ client }) => {
    const centre = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    await client
      .post('/account-requests')
      .loginAs(manager)
      .form(request(centre.id, { role: 'centre_staff' }))
      .withCsrfToken()
    const pending = await AccountRequest.findByOrFail('email', 'asmaa.bouiri@example.test')
    const foreign = await makeUser('account_manager', [await CentreFactory.create()])
    await expectStatus(
      client.post(`/account-requests/${pending.id}/acceptance`).loginAs(foreign).withCsrfToken(),
      404
    )
    await expectStatus(
      client
        .post(`/account-requests/${pending.id}/refusal`)
        .loginAs(foreign)
        .form({ reason: 'Non merci' })
        .withCsrfToken(),
      404
    )
  })
})

test.group('Account requests | document', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the "document associé" travels with the request', async ({ client, assert }) => {
    const { mkdir, writeFile } = await import('node:fs/promises')
    const app = (await import('@adonisjs/core/services/app')).default
    const MessageAttachment = (await import('#messaging/models/message_attachment')).default
    await mkdir(app.tmpPath('test-fixtures'), { recursive: true })
    const pdf = app.tmpPath('test-fixtures', 'cv.pdf')
    await writeFile(
      pdf,
      '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'
    )
    const centre = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    await client
      .post('/account-requests')
      .loginAs(manager)
      .fields({ ...request(centre.id), centre_id: String(centre.id) })
      .file('attachments[]', pdf, { filename: 'cv-asmaa.pdf' })
      .withCsrfToken()
    const pending = await AccountRequest.findByOrFail('email', 'asmaa.bouiri@example.test')
    const attachment = await MessageAttachment.firstOrFail()
    assert.equal(attachment.filename, 'cv-asmaa.pdf')
    const thread = await client
      .get(`/messages/${pending.conversationId}`)
      .loginAs(await makeUser('network_admin'))
    thread.assertTextIncludes('cv-asmaa.pdf')
  })
})
