import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { Conversation } from '#messaging'
import MessageAttachment from '#messaging/models/message_attachment'
import { CentreFactory, makeUser } from '#database/factories/index'
import { assertFieldError, expectStatus } from '#tests/helpers/http'
import { PDF, fixture } from '#tests/helpers/files'

test.group('Messaging attachments', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a PDF travels with the message and only the centre and the network can download it', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const other = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    const accountManager = await makeUser('account_manager', [centre])
    await client
      .post('/messages')
      .loginAs(manager)
      .field('title', 'Bon de commande')
      .field('body', 'Ci-joint le bon signé.')
      .file('attachments[]', await fixture('bon.pdf', PDF), { filename: 'bon de commande.pdf' })
      .withCsrfToken()
    const conversation = await Conversation.findByOrFail('title', 'Bon de commande')
    const attachment = await MessageAttachment.firstOrFail()
    const thread = await client.get(`/messages/${conversation.id}`).loginAs(accountManager)
    thread.assertTextIncludes('bon de commande.pdf')

    const download = await client
      .get(`/messages/${conversation.id}/attachments/${attachment.id}`)
      .loginAs(accountManager)
    download.assertHeader('content-type', 'application/pdf')
    assert.include(download.header('content-disposition') ?? '', 'attachment;')
    assert.equal(Buffer.from(download.body()).subarray(0, 5).toString(), '%PDF-')

    await expectStatus(
      client
        .get(`/messages/${conversation.id}/attachments/${attachment.id}`)
        .loginAs(await makeUser('centre_manager', [other])),
      404
    )
  })

  test('a file that is not a PDF or an image is refused by its content and nothing is sent', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    const response = await client
      .post('/messages')
      .loginAs(manager)
      .field('title', 'Script')
      .field('body', 'Voici')
      .file('attachments[]', await fixture('evil.pdf', Buffer.from('#!/bin/sh\necho pwned\n')), {
        filename: 'evil.pdf',
      })
      .withCsrfToken()
      .redirects(0)
    assertFieldError(
      response,
      'attachments',
      "Le fichier evil.pdf n'est ni un PDF ni une image (son contenu a été vérifié)."
    )
    response.assertFlashMessage('title', 'Script')
    assert.isNull(await Conversation.findBy('title', 'Script'))
  })
})
