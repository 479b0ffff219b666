import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { Conversation } from '#messaging'
import AuditLog from '#shared/audit/audit_log'
import { lastMailTo } from '#shared/mail/mailbox'
import { CentreFactory, makeUser } from '#database/factories/index'
import { assertFieldError, assertTextExcludes, expectStatus } from '#tests/helpers/http'

async function setup() {
  const centre = await CentreFactory.merge({ name: 'Alliance Lyon' }).create()
  const other = await CentreFactory.merge({ name: 'Autre centre' }).create()
  const manager = await makeUser('centre_manager', [centre], { firstName: 'Sophie' })
  const accountManager = await makeUser('account_manager', [centre], { firstName: 'Claire' })
  const outsider = await makeUser('centre_manager', [other])
  return { centre, other, manager, accountManager, outsider }
}

test.group('Messaging', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a centre contacts its account manager, who is emailed and sees it unread', async ({
    client,
    assert,
  }) => {
    const { manager, accountManager } = await setup()
    const sent = await client
      .post('/messages')
      .loginAs(manager)
      .form({ title: 'Question sur les tarifs', body: 'Bonjour,\nquel tarif pour le TEF Canada ?' })
      .withCsrfToken()
      .redirects(0)
    const conversation = await Conversation.findByOrFail('title', 'Question sur les tarifs')
    assert.equal(sent.header('location'), `/messages/${conversation.id}`)
    const mail = await lastMailTo(accountManager.email)
    assert.equal(mail?.subject, 'Nouveau message : Question sur les tarifs')
    assert.include(mail!.text, `/messages/${conversation.id}`)

    const list = await client.get('/messages').loginAs(accountManager)
    list.assertTextIncludes('Question sur les tarifs')
    list.assertTextIncludes('data-testid="unread-badge"')
    list.assertTextIncludes('data-status="unread"')
    // The home's "Reste à traiter" and the menu badge say the same (counted once).
    const home = await client.get('/').loginAs(accountManager)
    home.assertTextIncludes('1 conversation non lue')
    home.assertTextIncludes('data-testid="unread-badge"')

    const thread = await client.get(`/messages/${conversation.id}`).loginAs(accountManager)
    thread.assertTextIncludes('quel tarif pour le TEF Canada ?')
    // Counted before the read, the badge is counted again after it.
    assertTextExcludes(thread, 'data-testid="unread-badge"')
    const after = await client.get('/messages').loginAs(accountManager)
    assertTextExcludes(after, 'data-testid="unread-badge"')
  })

  test('a reply reaches the centre and is unread there until read', async ({ client, assert }) => {
    const { manager, accountManager, centre } = await setup()
    const { startConversation } = await import('#messaging/services/messaging')
    const { conversation } = await startConversation({
      centreId: centre.id,
      title: 'Salle',
      body: 'Une salle ?',
      author: manager,
    })
    await client
      .post(`/messages/${conversation.id}/replies`)
      .loginAs(accountManager)
      .form({ body: 'Oui, la salle B.' })
      .withCsrfToken()
    const mail = await lastMailTo(manager.email)
    assert.equal(mail?.subject, 'Nouveau message : Salle')
    const list = await client.get('/messages?unread=yes').loginAs(manager)
    list.assertTextIncludes('Salle')
    list.assertTextIncludes('data-testid="unread-badge"')
    const thread = await client.get(`/messages/${conversation.id}`).loginAs(manager)
    thread.assertTextIncludes('Oui, la salle B.')
    const none = await client.get('/messages?unread=yes').loginAs(manager)
    none.assertTextIncludes('Aucune conversation')
  })

  test('empty messages are refused with a clear error', async ({ client }) => {
    const { manager } = await setup()
    const response = await client
      .post('/messages')
      .loginAs(manager)
      .form({ title: '', body: '' })
      .withCsrfToken()
      .redirects(0)
    assertFieldError(response, 'title', 'Ce champ est obligatoire.')
    assertFieldError(response, 'body', 'Ce champ est obligatoire.')
  })

  test('closing stops replies until reopened; both are audited', async ({ client, assert }) => {
    const { manager, accountManager, centre } = await setup()
    const { startConversation } = await import('#messaging/services/messaging')
    const { conversation } = await startConversation({
      centreId: centre.id,
      title: 'Fin',
      body: 'Merci',
      author: manager,
    })
    await client
      .post(`/messages/${conversation.id}/closure`)
      .loginAs(accountManager)
      .withCsrfToken()
    await conversation.refresh()
    assert.equal(conversation.status, 'closed')
    await expectStatus(
      client
        .post(`/messages/${conversation.id}/replies`)
        .loginAs(manager)
        .form({ body: 'Encore une chose' })
        .withCsrfToken(),
      403
    )
    await client.delete(`/messages/${conversation.id}/closure`).loginAs(manager).withCsrfToken()
    await conversation.refresh()
    assert.equal(conversation.status, 'open')
    assert.equal(
      await AuditLog.query()
        .whereIn('action', ['conversation.closed', 'conversation.reopened'])
        .count('* as n')
        .then((r) => Number(r[0].$extras.n)),
      2
    )
  })

  test("nobody reaches another centre's conversations; roles outside messaging are refused", async ({
    client,
  }) => {
    const { manager, outsider, centre, other } = await setup()
    const { startConversation } = await import('#messaging/services/messaging')
    const { conversation } = await startConversation({
      centreId: centre.id,
      title: 'Confidentiel',
      body: 'Secret',
      author: manager,
    })
    await expectStatus(client.get(`/messages/${conversation.id}`).loginAs(outsider), 404)
    await expectStatus(
      client
        .post(`/messages/${conversation.id}/replies`)
        .loginAs(outsider)
        .form({ body: 'x' })
        .withCsrfToken(),
      404
    )
    await expectStatus(
      client.post(`/messages/${conversation.id}/closure`).loginAs(outsider).withCsrfToken(),
      404
    )
    const list = await client.get('/messages').loginAs(outsider)
    assertTextExcludes(list, 'Confidentiel')
    const foreignManager = await makeUser('account_manager', [other])
    await expectStatus(client.get(`/messages/${conversation.id}`).loginAs(foreignManager), 404)
    for (const role of ['evaluator', 'teacher', 'learner'] as const) {
      const user = await makeUser(role, [centre])
      await expectStatus(client.get('/messages').loginAs(user), 403)
      await expectStatus(client.get(`/messages/${conversation.id}`).loginAs(user), 403)
    }
    await expectStatus(
      client.get('/messages/new').loginAs(await makeUser('account_manager', [centre])),
      403
    )
    const admin = await makeUser('network_admin')
    const adminView = await client.get(`/messages/${conversation.id}`).loginAs(admin)
    adminView.assertTextIncludes('Secret')
  })

  test('a message body is shown as text, never as HTML', async ({ client }) => {
    const { manager, centre } = await setup()
    const { startConversation } = await import('#messaging/services/messaging')
    const { conversation } = await startConversation({
      centreId: centre.id,
      title: '<b>x</b>',
      body: '<script>alert(1)</script>',
      author: manager,
    })
    const thread = await client.get(`/messages/${conversation.id}`).loginAs(manager)
    thread.assertTextIncludes('&lt;script&gt;alert(1)&lt;/script&gt;')
    assertTextExcludes(thread, '<script>alert(1)</script>')
  })
})
