import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { configProvider } from '@adonisjs/core'
import { Settings } from 'luxon'
import type { Assert } from '@japa/assert'
import env from '#start/env'
import User from '#accounts/models/user'
import UserToken from '#accounts/models/user_token'
import { CentreFactory, TEST_PASSWORD, makeUser } from '#database/factories/index'
import { assertRedirect } from '#tests/helpers/http'

/*
 * Login sessions as a browser lives them: real logins through the form, each
 * device with its own cookies, sent back exactly as the server set them (no
 * loginAs: the test client's session plugin replaces the session cookie and
 * destroys the session after each request). A copy of a device's cookies can
 * be replayed after the session should have ended.
 */
const SESSION = 'passerelle-session'
const REMEMBER = 'remember_web'

class Device {
  constructor(public cookies = new Map<string, string>()) {}

  /** Another device holding a copy of some of this one's cookies. */
  copy(...names: string[]) {
    return new Device(new Map([...this.cookies].filter(([name]) => names.includes(name))))
  }

  async send(method: string, path: string, form?: Record<string, string>, csrf?: string) {
    const headers: Record<string, string> = {
      'cookie': [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      'accept': 'text/html',
      'accept-language': 'fr',
    }
    if (csrf) headers['x-csrf-token'] = csrf
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded'
    const response = await fetch(`http://${env.get('HOST')}:${env.get('PORT')}${path}`, {
      method,
      headers,
      body: form ? new URLSearchParams(form).toString() : undefined,
      redirect: 'manual',
    })
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';')
      const name = pair.slice(0, pair.indexOf('='))
      const value = pair.slice(pair.indexOf('=') + 1)
      const gone = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a))
      if (gone || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    return {
      status: response.status,
      location: response.headers.get('location'),
      text: await response.text(),
    }
  }

  /** The CSRF token of a page (form field or meta tag). */
  async csrf(path: string) {
    const page = await this.send('GET', path)
    return /name='_csrf' value='([^']+)'|<meta name="csrf-token" content="([^"]+)"/
      .exec(page.text)
      ?.slice(1)
      .find(Boolean) as string
  }

  get session() {
    return this.cookies.get(SESSION)
  }
}

async function logIn(user: User, remember = false) {
  const device = new Device()
  const csrf = await device.csrf('/login')
  const form: Record<string, string> = { _csrf: csrf, email: user.email, password: TEST_PASSWORD }
  if (remember) form.remember = 'true'
  const before = device.session
  const response = await device.send('POST', '/login', form)
  if (response.status !== 302 || response.location !== '/')
    throw new Error(`login failed: ${response.status} ${response.location}`)
  return { device, before }
}

async function assertIn(assert: Assert, device: Device, user: User) {
  const home = await device.send('GET', '/')
  assert.equal(home.status, 200, `${user.email} should be in`)
  assert.include(home.text, user.lastName.toUpperCase())
}

async function assertOut(assert: Assert, device: Device) {
  const home = await device.send('GET', '/')
  assert.equal(home.status, 302)
  assert.equal(home.location, '/login')
}

/** Runs `check` with luxon's clock moved forward (the app reads the time through luxon). */
async function hoursLater<T>(hours: number, check: () => Promise<T>) {
  const shift = hours * 3600_000
  Settings.now = () => Date.now() + shift
  try {
    return await check()
  } finally {
    Settings.now = () => Date.now()
  }
}

const rememberTokens = async (user: User) =>
  Number((await db.from('remember_me_tokens').where('tokenable_id', user.id).count('* as n'))[0].n)

test.group('Login sessions', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a login gives a new session id: the id from before the login is worth nothing', async ({
    assert,
  }) => {
    const user = await makeUser('centre_manager', [await CentreFactory.create()])
    const { device, before } = await logIn(user)
    assert.isString(before)
    assert.isString(device.session)
    assert.notEqual(device.session, before)
    await assertIn(assert, device, user)
    await assertOut(assert, new Device(new Map([[SESSION, before!]])))
  })

  test('logging out ends the session on the server: a copy of its cookie is refused', async ({
    assert,
  }) => {
    const user = await makeUser('centre_staff', [await CentreFactory.create()])
    const { device } = await logIn(user)
    const copy = device.copy(SESSION)
    await assertIn(assert, copy, user)
    const logout = await device.send('POST', '/logout', {}, await device.csrf('/'))
    assert.equal(logout.location, '/login')
    await assertOut(assert, device)
    await assertOut(assert, copy)
  })

  test('a password change ends the other sessions and every remember-me token, not this one', async ({
    assert,
  }) => {
    const user = await makeUser('teacher')
    const laptop = (await logIn(user, true)).device
    const tablet = (await logIn(user)).device
    assert.isString(laptop.cookies.get(REMEMBER))
    assert.equal(await rememberTokens(user), 1)
    const change = await tablet.send(
      'PUT',
      '/profile/password',
      {
        current_password: TEST_PASSWORD,
        password: 'new-password-123',
        password_confirmation: 'new-password-123',
      },
      await tablet.csrf('/profile')
    )
    assert.equal(change.location, '/profile')
    await assertIn(assert, tablet, user)
    await assertOut(assert, laptop.copy(SESSION))
    await assertOut(assert, laptop.copy(REMEMBER))
    await assertOut(assert, laptop)
    assert.equal(await rememberTokens(user), 0)
  })

  test('a password reset ends every session of the user', async ({ assert }) => {
    const user = await makeUser('centre_staff', [await CentreFactory.create()])
    const laptop = (await logIn(user, true)).device
    const tablet = (await logIn(user)).device
    const token = await UserToken.issue(user, 'password_reset')
    const stranger = new Device()
    const csrf = await stranger.csrf(`/reset-password/${token}`)
    const reset = await stranger.send('POST', `/reset-password/${token}`, {
      _csrf: csrf,
      password: 'new-password-123',
      password_confirmation: 'new-password-123',
    })
    assert.equal(reset.location, '/login')
    await assertOut(assert, tablet)
    await assertOut(assert, laptop)
    assert.equal(await rememberTokens(user), 0)
  })

  test('disabling a user ends its sessions at once, remembered devices too', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const user = await makeUser('centre_staff', [centre])
    const laptop = (await logIn(user, true)).device
    const tablet = (await logIn(user)).device
    const copies = [tablet.copy(SESSION), laptop.copy(REMEMBER)]
    await assertIn(assert, tablet, user)
    const admin = await makeUser('network_admin')
    const disable = await client
      .post(`/users/${user.id}/disablement`)
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    assertRedirect(disable, `/users/${user.id}`)
    assert.equal(await rememberTokens(user), 0)
    await assertOut(assert, tablet)
    await assertOut(assert, laptop)
    // Enabled again: the old sessions stay ended; a new login works.
    await client.delete(`/users/${user.id}/disablement`).loginAs(admin).withCsrfToken()
    for (const copy of copies) await assertOut(assert, copy)
    await assertIn(assert, (await logIn(user)).device, user)
  })

  test('disabling inside a transaction ends the sessions once it commits', async ({ assert }) => {
    const user = await makeUser('learner')
    const { device } = await logIn(user)
    const copy = device.copy(SESSION)
    await db.transaction(async (trx) => {
      user.useTransaction(trx)
      user.status = 'disabled'
      await user.save()
    })
    user.status = 'active'
    await User.query().where('id', user.id).update({ status: 'active' })
    // Active again in the database, but the session ended when it was disabled.
    await assertOut(assert, copy)
  })

  test('a session ends 12 hours after its login, even in use, and the login page says why', async ({
    assert,
  }) => {
    const user = await makeUser('centre_manager', [await CentreFactory.create()])
    const { device } = await logIn(user)
    const copy = device.copy(SESSION)
    await hoursLater(11, () => assertIn(assert, device, user))
    await hoursLater(12.5, () => assertOut(assert, device))
    const login = await device.send('GET', '/login')
    assert.include(login.text, 'Votre session a expiré')
    assert.include(login.text, 'au plus 12 heures')
    await assertOut(assert, copy)
  })

  test('past 12 hours, a remembered device gets a new session id from its token', async ({
    assert,
  }) => {
    const user = await makeUser('centre_staff', [await CentreFactory.create()])
    const { device } = await logIn(user, true)
    const old = device.copy(SESSION)
    const renewed = await hoursLater(13, async () => {
      await assertIn(assert, device, user)
      return device.session
    })
    assert.notEqual(renewed, old.session)
    await assertOut(assert, old)
    await assertIn(assert, device.copy(SESSION), user)
  })
})

test.group('Login sessions · the database store', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('keeps sessions in user_sessions, tagged by user, with a 2-hour idle expiry', async ({
    assert,
  }) => {
    const config: any = await configProvider.resolve(app, app.config.get('session'))
    assert.notProperty(config.stores, 'cookie')
    assert.equal(config.age, '2h')
    const store = config.stores.database(null, config)
    await store.write('s-1', { auth_web: 7, auth_started_at: 1 })
    await store.tag('s-1', '7')
    await store.write('s-2', { auth_web: 7 })
    await store.tag('s-2', '7')
    await store.write('s-3', { auth_web: 8 })
    await store.tag('s-3', '8')
    const tagged = await store.tagged('7')
    assert.sameMembers(
      tagged.map((s: { id: string }) => s.id),
      ['s-1', 's-2']
    )
    assert.deepEqual(await store.read('s-1'), { auth_web: 7, auth_started_at: 1 })
    const row = await db.from('user_sessions').where('id', 's-1').firstOrFail()
    assert.equal(row.user_id, '7')
    const idle = new Date(row.expires_at).getTime() - Date.now()
    assert.closeTo(idle, 2 * 3600_000, 60_000)
    // Idle for longer than the age: gone.
    await db
      .from('user_sessions')
      .where('id', 's-2')
      .update({ expires_at: new Date(Date.now() - 1000) })
    assert.isNull(await store.read('s-2'))
    assert.isNull(await db.from('user_sessions').where('id', 's-2').first())
    await store.destroy('s-1')
    assert.isNull(await store.read('s-1'))
    assert.lengthOf(await store.tagged('8'), 1)
  })

  test('a request that changes nothing pushes the expiry back at most once a minute', async ({
    assert,
  }) => {
    const config: any = await configProvider.resolve(app, app.config.get('session'))
    const store = config.stores.database(null, config)
    const expiry = async () =>
      new Date((await db.from('user_sessions').where('id', 's-t').firstOrFail()).expires_at)
    const oneHourLeft = () =>
      db
        .from('user_sessions')
        .where('id', 's-t')
        .update({ expires_at: new Date(Date.now() + 3600_000) })
    await store.write('s-t', { auth_web: 7 })
    await oneHourLeft()
    // Written a moment ago: the touch of the next request is skipped.
    await store.touch('s-t')
    assert.closeTo((await expiry()).getTime() - Date.now(), 3600_000, 60_000)
    // A minute later, the expiry is pushed back to the full two hours.
    Settings.now = () => Date.now() + 61_000
    try {
      await store.touch('s-t')
      assert.closeTo((await expiry()).getTime() - Date.now(), 2 * 3600_000, 60_000)
      await oneHourLeft()
      await store.touch('s-t')
      assert.closeTo((await expiry()).getTime() - Date.now(), 3600_000, 60_000)
    } finally {
      Settings.now = () => Date.now()
    }
    // Another store (another request) shares what this process pushed.
    await config.stores.database(null, config).touch('s-t')
    assert.closeTo((await expiry()).getTime() - Date.now(), 3600_000, 60_000)
    // Destroyed, it is gone.
    await store.destroy('s-t')
    assert.isNull(await db.from('user_sessions').where('id', 's-t').first())
  })
})
