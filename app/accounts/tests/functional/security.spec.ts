import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import app from '@adonisjs/core/services/app'
import { spawn } from 'node:child_process'
import { rm } from 'node:fs/promises'
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

/**
 * Runs the app as in production (NODE_ENV=production, its own SQLite file,
 * migrated first) and gives `check` its base URL; stops it afterwards.
 */
async function inProduction(check: (base: string) => Promise<void>) {
  const port = 3900 + Math.floor(Math.random() * 90)
  const file = `tmp/production-check-${port}.sqlite3`
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    APP_URL: `https://passerelle.example`,
    LOG_LEVEL: 'warn',
    DB_CONNECTION: 'sqlite',
    SQLITE_FILE: file,
    SESSION_DRIVER: 'database',
  }
  const run = (args: string[]) => spawn(process.execPath, args, { cwd: app.appRoot, env })
  const migrate = run(['ace.js', 'migration:run', '--force'])
  const migrated = await new Promise<number | null>((resolve) => migrate.on('exit', resolve))
  if (migrated !== 0) throw new Error(`migration:run exited with ${migrated}`)
  const server = run(['--import=@poppinss/ts-exec', 'bin/server.ts'])
  let output = ''
  server.stdout.on('data', (chunk) => (output += chunk))
  server.stderr.on('data', (chunk) => (output += chunk))
  try {
    const base = `http://127.0.0.1:${port}`
    for (let waited = 0; ; waited += 200) {
      const up = await fetch(`${base}/login`).then(
        () => true,
        () => false
      )
      if (up) break
      if (waited > 20_000) throw new Error(`the server did not start: ${output}`)
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    await check(base)
  } finally {
    server.kill()
    await new Promise((resolve) => server.on('exit', resolve))
    for (const suffix of ['', '-wal', '-shm'])
      await rm(app.makePath(file + suffix), { force: true })
  }
}

test.group('Security headers and cookies in production', () => {
  test('HSTS for 180 days; the session cookie is Secure, HttpOnly and SameSite=Lax; no dev mailbox', async ({
    assert,
  }) => {
    await inProduction(async (base) => {
      const login = await fetch(`${base}/login`)
      assert.equal(login.status, 200)
      assert.equal(login.headers.get('strict-transport-security'), 'max-age=15552000')
      assert.include(login.headers.get('content-security-policy') ?? '', "frame-ancestors 'none'")
      const cookie = login.headers.getSetCookie().find((c) => c.startsWith('passerelle-session='))
      assert.isString(cookie)
      const flags = cookie!.split(';').map((part) => part.trim().toLowerCase())
      assert.includeMembers(flags, ['httponly', 'secure', 'samesite=lax', 'path=/'])
      // Errors show no stack or source in production.
      const missing = await fetch(`${base}/does-not-exist`)
      assert.equal(missing.status, 404)
      assert.notInclude(await missing.text(), 'node_modules')
      // The development mailbox (invitation and reset links) does not exist.
      const mailbox = await fetch(`${base}/dev/mailbox`, { redirect: 'manual' })
      assert.equal(mailbox.status, 404)
    })
  }).timeout(60_000)
})

test.group('Hostile characters in forms', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a NUL character in a form or a query string is dropped, never a 500', async ({
    client,
    assert,
  }) => {
    const user = await makeUser('teacher')
    const response = await client
      .put('/profile')
      .loginAs(user)
      .form({ first_name: 'Élo\u0000ïse', last_name: 'N\u0000Diaye', locale: 'fr' })
      .withCsrfToken()
      .redirects(0)
    assert.equal(response.status(), 302)
    await user.refresh()
    assert.equal(user.firstName, 'Éloïse')
    assert.equal(user.lastName, 'NDiaye')
    const json = await client
      .put('/profile')
      .loginAs(user)
      .json({ first_name: 'A\u0000b', last_name: 'C', locale: 'fr' })
      .withCsrfToken()
      .redirects(0)
    assert.isBelow(json.status(), 500)
    await user.refresh()
    assert.equal(user.firstName, 'Ab')
  })
})
