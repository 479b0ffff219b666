import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'

/**
 * Every route, as a guest: only the listed public pages answer; every other
 * route sends the guest to the login page. A new route is covered automatically.
 */
const PUBLIC = new Set([
  'GET /login',
  'POST /login',
  'GET /forgot-password',
  'POST /forgot-password',
  'GET /reset-password/:token',
  'POST /reset-password/:token',
  'GET /invitations/:token',
  'POST /invitations/:token',
  'POST /locale',
  'GET /dev/mailbox',
  'GET /inscription/:code',
  'POST /inscription/:code',
  'POST /inscription/:code/contact',
  'GET /verify',
  'POST /verify',
  'GET /verify/:code',
])

/** Machine endpoints: a bearer token instead of a session; without it, a 401 (no redirect). */
const TOKEN = new Set(['POST /api/v1/results'])

/** Candidate values for route parameters; the first that the route's matcher accepts is used. */
const SAMPLES = [
  '1',
  'csv',
  'identity',
  'contact',
  'photo',
  'product',
  'open',
  'fraud',
  'frauds',
  'EO-A',
  'report',
]

function concrete(route: { pattern: string; matchers?: Record<string, { match?: RegExp }> }) {
  return route.pattern.replace(/:([a-zA-Z]+)/g, (_m, name: string) => {
    const match = route.matchers?.[name]?.match
    return SAMPLES.find((sample) => !match || new RegExp(match).test(sample)) ?? '1'
  })
}

test.group('Guests', () => {
  test('every non-public route sends a guest to the login page', async ({ client, assert }) => {
    const routes = router.toJSON().root ?? Object.values(router.toJSON()).flat()
    const checked: string[] = []
    for (const route of routes as {
      pattern: string
      methods: string[]
      matchers?: Record<string, { match?: RegExp }>
    }[]) {
      for (const method of route.methods.filter((m) => m !== 'HEAD')) {
        const key = `${method} ${route.pattern}`
        if (PUBLIC.has(key)) continue
        const request = client.request(concrete(route), method as any).redirects(0)
        if (TOKEN.has(key)) {
          const refused = await request.json({})
          assert.equal(refused.status(), 401, key)
          checked.push(key)
          continue
        }
        const response = await (method === 'GET' ? request : request.withCsrfToken())
        assert.equal(response.status(), 302, key)
        assert.equal(response.header('location'), '/login', key)
        checked.push(key)
      }
    }
    assert.isAbove(checked.length, 40)
  })
})
