import router from '@adonisjs/core/services/router'
import { test } from '@japa/runner'
import type { ApiClient, ApiResponse } from '@japa/api-client'
import type { Assert } from '@japa/assert'
import type { SessionData } from '@adonisjs/session/types'
import type { Centre } from '#centres'
import type { User } from '#accounts'
import { ROLES as ALL_ROLES, type Role } from '#shared/roles'
import { CentreFactory, makeUser } from '#database/factories/index'

/*
 * Authorisation tables: every route of a module, role by role. A table is
 * data (`Route<World>[]`, exported as ROUTES from a module's
 * `app/<module>/tests/functional/<name>_authorization.table.ts`); its spec
 * builds the World and runs the table as each role (`runTableAs`) and as the
 * users of another centre (`runTableAsOutsiders`). tests/functional/route_matrix.spec.ts
 * imports every table and fails when a route of the router is in none.
 * See HOWTO in the route matrix spec.
 */

export type Method = 'get' | 'post' | 'put' | 'delete' | 'patch'

/**
 * How a user of another centre (or an account manager of another portfolio) is
 * answered, when its role would pass inside the centre:
 * - 'network': the page is the network's or the user's own, not a centre's: the role alone decides;
 * - 'scoped': no record named: a page of its own centres only (see the module's leak test);
 * - 403: the centre's page is refused to anyone outside it;
 * - 404: the address or the body names a record of the centre: not found, nothing changes;
 * - 422: the body names the centre itself (a domain refusal), nothing changes.
 * Roles refused inside the centre are refused outside too (403, or 404 when
 * the record is looked up before the role is checked).
 */
export type Elsewhere = 'network' | 'scoped' | 403 | 404 | 422

export interface Route<World> {
  method: Method
  /** The router's pattern (the route matrix matches on it). */
  pattern: string
  /** The address called (the pattern when it takes no parameter). */
  path?: (w: World) => string
  /** A valid body: the call passes for the roles allowed. */
  form?: (w: World) => Record<string, unknown>
  /** The body goes as JSON, as a script sends it (nested objects a form cannot carry). */
  json?: true
  /** Session values the call needs (a step begun earlier, such as a previewed import). */
  session?: (w: World) => SessionData
  /** The roles that pass; every other role of the centre gets `refused` (403 when not told). */
  allowed: readonly Role[]
  elsewhere: Elsewhere
  /** What a role not allowed gets inside the centre, when not 403 (a record it may not see: 404). */
  refused?: readonly number[]
  /** A record of one user (a background job): only the user who owns it reaches it, anyone else 404. */
  ownerOnly?: true
  /** A machine endpoint: a bearer token, never a session; without one, 401 for everyone. */
  token?: true
}

/** Every role: the users checked inside the centre (the admin: of the network). */
export const ROLES: readonly Role[] = ALL_ROLES

/** Every role: a page or an action that is everyone's own. */
export const EVERYONE = ROLES

/*
 * Role sets that recur across the tables (a table names its own for what is its alone).
 */

export const ADMIN: readonly Role[] = ['network_admin']
export const MANAGER: readonly Role[] = ['centre_manager']
export const TEACHER: readonly Role[] = ['teacher']
export const LEARNER: readonly Role[] = ['learner']
/** The network's side: the network admin and the account managers. */
export const NETWORK: readonly Role[] = ['network_admin', 'account_manager']
/** The centre's own team: its manager and its staff. */
export const CENTRE_TEAM: readonly Role[] = ['centre_manager', 'centre_staff']
/** Both sides: the network and the centre's team (a centre's lists, its records). */
export const CENTRE_READERS: readonly Role[] = [...NETWORK, ...CENTRE_TEAM]

/** Users of another centre (every centre role), and an account manager of another portfolio. */
export const OUTSIDERS: readonly Role[] = ROLES.filter((role) => role !== 'network_admin')

/** What a user of this role must get: 'pass' (neither 401, 403, 404 nor an error) or statuses. */
export type Outcome = 'pass' | readonly number[]

export function expected<W>(route: Route<W>, role: Role, outsider: boolean): Outcome {
  if (route.token) return [401]
  const allowed = route.allowed.includes(role)
  // The owned record of the world belongs to this user only when its role may own one (inside).
  if (route.ownerOnly) return allowed && !outsider ? 'pass' : [404]
  if (!outsider) return allowed ? 'pass' : (route.refused ?? [403])
  if (route.elsewhere === 'network' || route.elsewhere === 'scoped')
    return allowed ? 'pass' : (route.refused ?? [403])
  return allowed ? [route.elsewhere] : [403, 404]
}

/** "Refusal" statuses: a call that passes answers none of them (a redirect back is fine). */
export const REFUSALS = [401, 403, 404]

/** "GET /users/:id": how the router and the route matrix name a route. */
export function routeKey(route: { method: string; pattern: string }) {
  return `${route.method.toUpperCase()} ${route.pattern}`
}

/** Every route of the router, as "METHOD /pattern" (HEAD left out: it follows GET). */
export function routerRoutes(): string[] {
  const json = router.toJSON() as Record<string, unknown[]>
  const all = (json.root ?? Object.values(json).flat()) as { pattern: string; methods: string[] }[]
  return all.flatMap((route) =>
    route.methods
      .filter((m) => m !== 'HEAD')
      .map((method) => routeKey({ method, pattern: route.pattern }))
  )
}

/** Calls the route as this user, with the table's body (JSON answers for refusals of mutations). */
export function send<W>(client: ApiClient, user: User, route: Route<W>, w: W) {
  const path = route.path?.(w) ?? route.pattern
  let request = client[route.method](path).loginAs(user).redirects(0)
  if (route.session) request = request.withSession(route.session(w))
  if (route.method !== 'get') {
    const body = route.form?.(w) ?? {}
    request = request.header('Accept', 'application/json').withCsrfToken()
    request = route.json ? request.json(body) : request.form(body)
  }
  return request
}

export function check(assert: Assert, response: ApiResponse, outcome: Outcome, label: string) {
  const status = response.status()
  if (outcome === 'pass') {
    assert.notInclude(REFUSALS, status, `${label}: refused (${status})`)
    assert.isBelow(status, 500, `${label}: failed (${status})`)
    // Domain refusals (JSON with Accept) would mean the table's records are wrong.
    assert.isBelow(
      status,
      400,
      `${label}: ${status} ${String(response.text() ?? '').slice(0, 200)}`
    )
  } else {
    assert.oneOf(status, [...outcome], `${label}: ${status}`)
  }
}

interface Context {
  client: ApiClient
  assert: Assert
}

/**
 * Calls every route of the table as `user` (a user of the world's centre, or
 * of another one when `outsider`) and checks each answer against `expected`.
 * Returns the number of calls made.
 */
export async function runTableAs<W>(
  { client, assert }: Context,
  routes: readonly Route<W>[],
  world: W,
  user: User,
  { outsider = false, label = user.role }: { outsider?: boolean; label?: string } = {}
) {
  for (const route of routes) {
    const response = await send(client, user, route, world)
    check(assert, response, expected(route, user.role, outsider), `${label} ${routeKey(route)}`)
  }
  return routes.length
}

/**
 * Calls every route of the table as a user of `other` (a centre that is not
 * the world's) for each role of `roles`: an account manager whose portfolio
 * holds `other` only, and each centre role of `other`. Returns the number of calls.
 */
export async function runTableAsOutsiders<W>(
  context: Context,
  routes: readonly Route<W>[],
  world: W,
  other: Centre,
  roles: readonly Role[] = OUTSIDERS
) {
  let calls = 0
  for (const role of roles) {
    const user = await makeUser(role, [other])
    calls += await runTableAs(context, routes, world, user, {
      outsider: true,
      label: `other ${role}`,
    })
  }
  return calls
}

/** A role's user of these centres (the network admin belongs to none). */
export function userOf(role: Role, centres: Centre[]) {
  return makeUser(role, role === 'network_admin' ? [] : centres)
}

/** One user of each role, of these centres. */
export function usersOf(roles: readonly Role[], centres: Centre[]) {
  return Promise.all(roles.map((role) => makeUser(role, centres)))
}

/** Whether a role passes a mutation of the table (else it must change nothing). */
export function mutatesAs<W>(routes: readonly Route<W>[], role: Role) {
  return routes.some((r) => r.method !== 'get' && r.allowed.includes(role))
}

/** How a module's spec runs its table (`authorisationTests`). */
export interface AuthorisationSuite<W extends { centre: Centre }> {
  routes: readonly Route<W>[]
  /** The world the table acts on; `role`, when given, is the role about to play it. */
  makeWorld: (client: ApiClient, role?: Role) => Promise<W>
  /** The user of `role` who plays the world (when not told: a new user of its centre). */
  player?: (world: W, role: Role) => Promise<User> | User
  /**
   * What the routes could change: a refused call must leave all of it as it
   * was (`player`: the user who played, absent for the outsiders).
   */
  snapshot?: (world: W, player?: User) => Promise<unknown>
  /** Whether a role passes a mutation, and so may change the snapshot (`mutatesAs` when not told). */
  mutates?: (role: Role) => boolean
  /** Run after the table's calls, before the snapshot is taken again (background jobs settle). */
  settle?: () => Promise<unknown>
  /** After a role's run: checks that what it was allowed to write was written. */
  written?: (assert: Assert, world: W, role: Role) => Promise<void>
  /** The title of the test of another centre ("another centre, another portfolio: ..."). */
  outsidersTitle: string
  /** The other centre, with records of its own (a plain centre when not told). */
  otherCentre?: () => Promise<Centre>
}

/**
 * Declares, in the current group, the two tests every table has: each role of
 * the centre runs the table (a role that passes no mutation changes nothing),
 * and the users of another centre run it (nothing changes at all).
 */
export function authorisationTests<W extends { centre: Centre }>(suite: AuthorisationSuite<W>) {
  const { routes, snapshot = async () => null } = suite
  const mutates = suite.mutates ?? ((role: Role) => mutatesAs(routes, role))

  test('{$self}: each route passes or is refused as the table says')
    .with([...ROLES])
    .run(async ({ client, assert }, role) => {
      const world = await suite.makeWorld(client, role)
      const user = suite.player
        ? await suite.player(world, role)
        : await userOf(role, [world.centre])
      const before = await snapshot(world, user)
      await runTableAs({ client, assert }, routes, world, user)
      await suite.settle?.()
      // A role that passes no mutation changed nothing at all.
      if (!mutates(role)) assert.deepEqual(await snapshot(world, user), before)
      await suite.written?.(assert, world, role)
    })

  test(suite.outsidersTitle, async ({ client, assert }) => {
    const world = await suite.makeWorld(client)
    const other = suite.otherCentre ? await suite.otherCentre() : await CentreFactory.create()
    const before = await snapshot(world)
    const cases = await runTableAsOutsiders({ client, assert }, routes, world, other)
    await suite.settle?.()
    assert.deepEqual(await snapshot(world), before)
    assert.equal(cases, OUTSIDERS.length * routes.length)
  })
}

/** A page of a leak test: what of the centre it shows its own users, and who may open it. */
export type LeakPage = {
  path: string
  roles: readonly Role[]
  /** Who must never see the secrets here, when not the test's outsiders. */
  others?: readonly User[]
} & ({ secret: string } | { secrets: readonly string[] })

/**
 * Each page, opened by the insiders of its roles, shows every secret (so the
 * check means something); opened by the outsiders of its roles (or its own
 * `others`), it answers 200 and shows none. `nothingOf`: a word of the centre
 * an outsider's page never holds at all (unless the address itself holds it:
 * a search echoes its own words).
 */
export async function assertNoLeak(
  { client, assert }: Context,
  pages: readonly LeakPage[],
  insiders: readonly User[],
  outsiders: readonly User[],
  { nothingOf }: { nothingOf?: string } = {}
) {
  const text = (response: ApiResponse) => response.text().toLowerCase()
  for (const page of pages) {
    const secrets = 'secrets' in page ? page.secrets : [page.secret]
    const may = (u: User) => page.roles.includes(u.role)
    for (const user of insiders.filter(may)) {
      const seen = await client.get(page.path).loginAs(user)
      assert.equal(seen.status(), 200, `${user.role} ${page.path}`)
      for (const secret of secrets)
        assert.include(text(seen), secret.toLowerCase(), `${user.role} ${page.path}`)
    }
    for (const user of (page.others ?? outsiders).filter(may)) {
      const seen = await client.get(page.path).loginAs(user)
      const label = `other ${user.role} ${page.path}`
      assert.equal(seen.status(), 200, label)
      for (const secret of secrets) assert.notInclude(text(seen), secret.toLowerCase(), label)
      if (nothingOf && !page.path.includes(nothingOf))
        assert.notInclude(text(seen), nothingOf.toLowerCase(), label)
    }
  }
}

/*
 * Routes outside the tables: what a guest reaches (tests/functional/guest_access.spec.ts).
 */

/** Pages a guest reaches: every other route sends a guest to the login page. */
export const PUBLIC_ROUTES: ReadonlySet<string> = new Set([
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
  'GET /health',
])

/** Machine endpoints: a bearer token instead of a session; without it, a 401 (no redirect). */
export const TOKEN_ROUTES: ReadonlySet<string> = new Set(['POST /api/v1/results'])
