import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { makeUser, TEST_PASSWORD } from '#database/factories/index'

test.group('Security headers, remember me', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('pages carry a CSP with nonces, anti-framing, no-sniff, referrer and permissions policies', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/login')
    const csp = response.header('content-security-policy') ?? ''
    assert.include(csp, "default-src 'self'")
    assert.match(csp, /script-src 'self' 'unsafe-eval' 'nonce-[\w-]+'/)
    assert.include(csp, "frame-ancestors 'none'")
    response.assertHeader('x-frame-options', 'DENY')
    response.assertHeader('x-content-type-options', 'nosniff')
    response.assertHeader('referrer-policy', 'strict-origin-when-cross-origin')
    assert.include(response.header('permissions-policy') ?? '', 'camera=(self)')
    // Static files and the public verification page carry them too.
    const asset = await client.get('/css/app.css')
    asset.assertHeader('referrer-policy', 'strict-origin-when-cross-origin')
    const verify = await client.get('/verify')
    verify.assertHeader('referrer-policy', 'strict-origin-when-cross-origin')
  })

  test('"remember me" sets a long-lived token cookie; a plain login does not', async ({
    client,
    assert,
  }) => {
    const user = await makeUser('centre_staff')
    const remembered = await client
      .post('/login')
      .form({ email: user.email, password: TEST_PASSWORD, remember: 'true' })
      .withCsrfToken()
      .redirects(0)
    const token = remembered.cookie('remember_web')
    assert.isAbove(Number(token?.maxAge), 29 * 24 * 3600)
    const plain = await client
      .post('/login')
      .form({ email: user.email, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    const cleared = plain.cookie('remember_web')
    assert.isTrue(
      !cleared || !cleared.value || Number(cleared.maxAge) <= 0,
      JSON.stringify(cleared)
    )
  })
})
