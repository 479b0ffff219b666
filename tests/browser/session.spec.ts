import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { makeUser, TEST_PASSWORD } from '#database/factories/index'
import { logIn } from '#tests/browser/helpers'

test.group('Browser | session', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('logging in issues a new session id (no session fixation)', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const user = await makeUser('centre_manager')
    const page = await visit('/login')
    const sessionId = async () => {
      const cookies = await browserContext.cookies()
      return cookies.find((c) => c.name === 'passerelle-session')?.value
    }
    const before = await sessionId()
    assert.exists(before)
    await logIn(page, user.email, TEST_PASSWORD)
    await page.getByTestId('current-user').waitFor()
    const after = await sessionId()
    assert.exists(after)
    assert.notEqual(after, before)
  })
})
