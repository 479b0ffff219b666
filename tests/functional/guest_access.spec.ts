import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import { PUBLIC_ROUTES, TOKEN_ROUTES } from '#tests/helpers/authorization'

/**
 * Every route, as a guest: only the public pages (PUBLIC_ROUTES) answer; every
 * other route sends the guest to the login page, or answers 401 when it takes a
 * token (TOKEN_ROUTES). A new route is covered automatically.
 */

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
        if (PUBLIC_ROUTES.has(key)) continue
        const request = client.request(concrete(route), method as any).redirects(0)
        if (TOKEN_ROUTES.has(key)) {
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
