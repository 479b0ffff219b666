import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { glob } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'
import {
  PUBLIC_ROUTES,
  TOKEN_ROUTES,
  type Route,
  routeKey,
  routerRoutes,
} from '#tests/helpers/authorization'

/*
 * The authorisation matrix: every route of the router is in exactly one
 * module's authorisation table, or public (PUBLIC_ROUTES: a guest reaches it),
 * or a machine endpoint (TOKEN_ROUTES), or still PENDING below. A new route
 * in none of them fails this test.
 *
 * How to add a module's table:
 * - write `app/<module>/tests/functional/<name>_authorization.table.ts`: it
 *   exports `ROUTES: Route<World>[]` (tests/helpers/authorization.ts), one
 *   entry `{ method: 'get', pattern: '/router/:pattern', path, form, allowed, elsewhere }`
 *   per route, `pattern` written exactly as the router declares it. It is not
 *   a spec (this test imports it; importing a spec would run its tests twice);
 * - run it from `<name>_authorization.spec.ts` next to it: `runTableAs` for
 *   each role of the centre, `runTableAsOutsiders` for the users of another
 *   centre, a snapshot around refused mutations, and a leak test for lists,
 *   exports and search pages (see app/orders/tests/functional/);
 * - remove the table's routes from PENDING: this test fails while a route is
 *   both in a table and pending, so PENDING only shrinks.
 */

/** Routes no table covers yet. Only removals: a route gets a table, never a place here. */
const PENDING: readonly string[] = []

/** Every authorisation table of the modules, by file (relative to the app root). */
async function tables() {
  const found: { file: string; routes: readonly Route<unknown>[] }[] = []
  for await (const file of glob('app/*/tests/functional/*_authorization.table.ts', {
    cwd: app.makePath(),
  })) {
    const module = await import(pathToFileURL(app.makePath(file)).href)
    if (!Array.isArray(module.ROUTES)) throw new Error(`${file} exports no ROUTES array`)
    found.push({ file, routes: module.ROUTES })
  }
  return found.sort((a, b) => a.file.localeCompare(b.file))
}

test.group('Authorisation matrix', () => {
  test('every route of the router is in exactly one table, public, a token endpoint or pending', async ({
    assert,
  }) => {
    const routed = routerRoutes()
    const known = new Set(routed)
    assert.equal(known.size, routed.length, 'a route declared twice')
    const found = await tables()
    assert.isNotEmpty(found, 'no authorisation table found')

    /** The table(s) each route is in. */
    const tabled = new Map<string, string[]>()
    for (const { file, routes } of found)
      for (const route of routes) {
        const key = routeKey(route)
        assert.isTrue(known.has(key), `${file}: ${key} is no route of the router`)
        tabled.set(key, [...(tabled.get(key) ?? []), file])
      }
    for (const [key, files] of tabled)
      assert.lengthOf(files, 1, `${key} is in more than one table entry: ${files.join(', ')}`)

    const pending = new Set(PENDING)
    assert.equal(pending.size, PENDING.length, 'a route pending twice')
    for (const key of PENDING) {
      assert.isTrue(known.has(key), `PENDING: ${key} is no longer a route: remove it`)
      assert.isFalse(tabled.has(key), `PENDING: ${key} is in ${tabled.get(key)}: remove it`)
      assert.isFalse(PUBLIC_ROUTES.has(key) || TOKEN_ROUTES.has(key), `PENDING: ${key} is public`)
    }

    const uncovered = routed.filter(
      (key) =>
        !tabled.has(key) && !PUBLIC_ROUTES.has(key) && !TOKEN_ROUTES.has(key) && !pending.has(key)
    )
    assert.deepEqual(uncovered, [], 'routes in no authorisation table: write their entries')
  })
})
