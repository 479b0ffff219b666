import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { Conversation } from '#messaging'
import { CentreFactory, makeUser } from '#database/factories/index'
import { assertFieldError, expectStatus } from '#tests/helpers/http'

test.group('Passports · sharing the logs', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("the examiner sends the device's log to the centre's account manager as a message", async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const evaluator = await makeUser('evaluator', [centre], {
      firstName: 'Éva',
      lastName: 'Luatrice',
    })
    const sent = await client
      .post('/passport/logs')
      .loginAs(evaluator)
      .form({ log: '2026-11-30T09:00:00Z upload-failed clip EO-A: HTTP 503' })
      .withCsrfToken()
      .redirects(0)
    sent.assertFlashMessage('success', 'Les logs ont été envoyés à votre chargé(e) de clientèle.')
    const conversation = await Conversation.query()
      .where('centre_id', centre.id)
      .preload('messages')
      .firstOrFail()
    assert.include(conversation.title, 'Logs Passeport — Éva LUATRICE')
    assert.equal(conversation.recipient, 'account_manager')
    assert.include(conversation.messages[0].body, 'upload-failed clip EO-A: HTTP 503')

    const empty = await client
      .post('/passport/logs')
      .loginAs(evaluator)
      .form({ log: '  ' })
      .withCsrfToken()
      .redirects(0)
    assertFieldError(empty, 'log', 'Aucun journal à envoyer depuis cet appareil.')
    const learner = await makeUser('learner', [centre])
    await expectStatus(
      client.post('/passport/logs').loginAs(learner).form({ log: 'x' }).withCsrfToken(),
      403
    )
  })
})
