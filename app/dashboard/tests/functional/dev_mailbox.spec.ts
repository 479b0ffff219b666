import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { makeUser } from '#database/factories/index'

test.group('Development mailbox', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('shows the mail sent through the mailbox transport', async ({ client }) => {
    const user = await makeUser('centre_staff', [], { email: 'mailbox.reader@example.test' })
    await client.post('/forgot-password').form({ email: user.email }).withCsrfToken()
    const response = await client.get('/dev/mailbox')
    response.assertTextIncludes('Réinitialisation de votre mot de passe Passerelle')
    response.assertTextIncludes('mailbox.reader@example.test')
    response.assertTextIncludes('/reset-password/')
  })
})
