import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import router from '@adonisjs/core/services/router'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { ApiClient, ApiResponse } from '@japa/api-client'
import type { Assert } from '@japa/assert'
import { type Centre } from '#centres'
import { type Candidate } from '#candidates'
import type { User } from '#accounts'
import { type CreditProduct, assignCredit, markOrderPaid, placeOrder } from '#orders'
import type { Role } from '#shared/roles'
import { settleJobs } from '#shared/jobs/jobs'
import PartnerSession from '#orders/models/partner_session'
import { createApiToken } from '#orders/services/api_tokens'
import {
  CentreFactory,
  makeCandidate,
  makeCreditProduct,
  makeCreditStock,
  makeUser,
} from '#database/factories/index'

/*
 * Every route of the orders module, role by role: who passes, who is refused
 * (403), and what a user of another centre (or an account manager of another
 * portfolio) gets. The table below is the specification; a route of the
 * module missing from it fails the last test.
 */

type Method = 'get' | 'post' | 'put' | 'delete'

/** Who may act, among the users of the centre (or whose portfolio holds it). */
const ADMIN: readonly Role[] = ['network_admin']
const MANAGER: readonly Role[] = ['centre_manager']
const CENTRE_TEAM: readonly Role[] = ['centre_manager', 'centre_staff']
const VALIDATORS: readonly Role[] = ['network_admin', 'account_manager']
const CANCELLERS: readonly Role[] = ['network_admin', 'account_manager', 'centre_manager']
const READERS: readonly Role[] = [
  'network_admin',
  'account_manager',
  'centre_manager',
  'centre_staff',
]
const NOBODY: readonly Role[] = []

/** The users checked on every route: each role, of the centre (the admin: of the network). */
const ROLES: readonly Role[] = [
  'network_admin',
  'account_manager',
  'centre_manager',
  'centre_staff',
  'evaluator',
  'teacher',
  'learner',
]

/** Users of another centre, and an account manager of another portfolio. */
const OUTSIDERS: readonly Role[] = ['centre_manager', 'centre_staff', 'account_manager']

/**
 * How a user of another centre (or of another portfolio) is answered, when
 * its role would pass inside the centre:
 * - 'network': the page is the network's, not a centre's: the role alone decides;
 * - 'scoped': no record named: a page of its own centres only (see the leak test);
 * - 404: the address or the body names a record of the centre: not found, nothing changes;
 * - 422: the body names the centre itself (a domain refusal), nothing changes.
 * Roles refused inside the centre are refused outside too (403, or 404 when
 * the record is looked up before the role is checked).
 */
type Elsewhere = 'network' | 'scoped' | 404 | 422

interface Route {
  method: Method
  /** The router's pattern (the coverage test matches on it). */
  pattern: string
  /** The address called (the pattern when it takes no parameter). */
  path?: (w: World) => string
  /** A valid body: the call passes for the roles allowed. */
  form?: (w: World) => Record<string, unknown>
  /** The roles that pass; every other role gets 403. */
  allowed: readonly Role[]
  elsewhere: Elsewhere
  /** A background job: only the user who started it reaches it; anyone else gets 404. */
  ownerOnly?: true
  /** A machine endpoint: a bearer token, never a session; without one, 401 for everyone. */
  token?: true
}

/** The records of one centre that the routes act on, one per mutation so that none spoils another. */
interface World {
  centre: Centre
  admin: User
  product: CreditProduct
  orders: Record<'open' | 'toCancel' | 'paid', { id: number; number: string }>
  candidates: Record<
    'free' | 'toChange' | 'toRemove' | 'coded' | 'bulkFree' | 'bulkAssigned',
    Candidate
  >
  /** The activation code of `candidates.coded` (a supervised exam). */
  code: string
  apiTokenId: number
  partnerSession: PartnerSession
  /** A finished document job (its PDF made), started by `jobOwner`. */
  jobId: number
  jobOwner: User
}

const inDays = (days: number) => DateTime.now().setZone('Europe/Paris').plus({ days }).toISODate()!

const productForm = (reference: string) => ({
  name: 'Examen blanc à distance',
  type: 'mock_remote',
  reference,
  unit_price: '71,00',
  vat_rate: '20',
  validity_months: '12',
  status: 'active',
  all_centres: '1',
})

const partnerForm = () => ({
  centre_name: 'Centre La Poste - Grenoble',
  address: '11, boulevard Maréchal Lyautey',
  postcode: '38000',
  city: 'Grenoble',
  date: inDays(30),
  time: '09:00',
  seats: '4',
})

const ROUTES: Route[] = [
  // The credit catalogue (network admin).
  { method: 'get', pattern: '/credit-products', allowed: ADMIN, elsewhere: 'network' },
  { method: 'get', pattern: '/credit-products/create', allowed: ADMIN, elsewhere: 'network' },
  {
    method: 'post',
    pattern: '/credit-products',
    form: () => productForm('AUTH-NEW'),
    allowed: ADMIN,
    elsewhere: 'network',
  },
  {
    method: 'get',
    pattern: '/credit-products/:id/edit',
    path: (w) => `/credit-products/${w.product.id}/edit`,
    allowed: ADMIN,
    elsewhere: 'network',
  },
  {
    method: 'put',
    pattern: '/credit-products/:id',
    path: (w) => `/credit-products/${w.product.id}`,
    form: (w) => productForm(w.product.reference),
    allowed: ADMIN,
    elsewhere: 'network',
  },

  // Orders: "Mes commandes", the cart, validation and delivery.
  { method: 'get', pattern: '/orders', allowed: READERS, elsewhere: 'scoped' },
  {
    method: 'get',
    pattern: '/orders/export/:format',
    path: () => '/orders/export/csv',
    allowed: READERS,
    elsewhere: 'scoped',
  },
  { method: 'get', pattern: '/orders/new', allowed: MANAGER, elsewhere: 'scoped' },
  {
    method: 'post',
    pattern: '/orders',
    form: (w) => ({ centre_id: w.centre.id, quantities: { [`p${w.product.id}`]: '2' } }),
    allowed: MANAGER,
    elsewhere: 422,
  },
  {
    method: 'get',
    pattern: '/orders/:id',
    path: (w) => `/orders/${w.orders.open.id}`,
    allowed: READERS,
    elsewhere: 404,
  },
  {
    method: 'delete',
    pattern: '/orders/:id',
    path: (w) => `/orders/${w.orders.toCancel.id}`,
    allowed: CANCELLERS,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/orders/:id/payment',
    path: (w) => `/orders/${w.orders.open.id}/payment`,
    allowed: MANAGER,
    elsewhere: 404,
  },
  {
    method: 'post',
    pattern: '/orders/:id/payment',
    path: (w) => `/orders/${w.orders.open.id}/payment`,
    allowed: VALIDATORS,
    elsewhere: 404,
  },
  {
    method: 'post',
    pattern: '/orders/:id/delivery',
    path: (w) => `/orders/${w.orders.paid.id}/delivery`,
    allowed: VALIDATORS,
    elsewhere: 404,
  },

  // A candidate's certification.
  {
    method: 'get',
    pattern: '/candidates/:id/credit',
    path: (w) => `/candidates/${w.candidates.free.id}/credit`,
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },
  {
    method: 'post',
    pattern: '/candidates/:id/credit',
    path: (w) => `/candidates/${w.candidates.free.id}/credit`,
    form: () => ({ type: 'mock_remote' }),
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },
  {
    method: 'put',
    pattern: '/candidates/:id/credit',
    path: (w) => `/candidates/${w.candidates.toChange.id}/credit`,
    form: () => ({ type: 'mock_remote' }),
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },
  {
    method: 'delete',
    pattern: '/candidates/:id/credit',
    path: (w) => `/candidates/${w.candidates.toRemove.id}/credit`,
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },

  // "Gérer les certifications".
  { method: 'get', pattern: '/credits/manage', allowed: CENTRE_TEAM, elsewhere: 'scoped' },
  {
    method: 'get',
    pattern: '/credits/manage/assign',
    path: () => '/credits/manage/assign?type=mock_remote',
    allowed: CENTRE_TEAM,
    elsewhere: 'scoped',
  },
  {
    method: 'get',
    pattern: '/credits/manage/assign/:type',
    path: () => '/credits/manage/assign/mock_remote',
    allowed: CENTRE_TEAM,
    elsewhere: 'scoped',
  },
  { method: 'get', pattern: '/credits/manage/remove', allowed: CENTRE_TEAM, elsewhere: 'scoped' },
  {
    method: 'post',
    pattern: '/credits/assignments',
    form: (w) => ({ type: 'mock_remote', candidate_ids: [w.candidates.bulkFree.id] }),
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },
  {
    method: 'post',
    pattern: '/credits/removals',
    form: (w) => ({ candidate_ids: [w.candidates.bulkAssigned.id] }),
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },

  // Activation codes.
  {
    method: 'get',
    pattern: '/candidates/:id/code',
    path: (w) => `/candidates/${w.candidates.coded.id}/code`,
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },
  { method: 'get', pattern: '/activation-codes', allowed: CENTRE_TEAM, elsewhere: 'scoped' },
  {
    method: 'get',
    pattern: '/activation-codes/selection',
    path: (w) => `/activation-codes/selection?candidate_ids[]=${w.candidates.coded.id}`,
    allowed: CENTRE_TEAM,
    elsewhere: 'scoped',
  },
  {
    method: 'get',
    pattern: '/activation-codes/export/:format',
    path: (w) => `/activation-codes/export/csv?candidate_ids[]=${w.candidates.coded.id}`,
    allowed: CENTRE_TEAM,
    elsewhere: 'scoped',
  },

  // Results and the exam platform's tokens (network admin).
  { method: 'get', pattern: '/credit-results', allowed: ADMIN, elsewhere: 'network' },
  // No file: the admin is sent back to the form with the reason (a redirect, not a refusal).
  { method: 'post', pattern: '/credit-results/import', allowed: ADMIN, elsewhere: 'network' },
  { method: 'get', pattern: '/api-tokens', allowed: ADMIN, elsewhere: 'network' },
  {
    method: 'post',
    pattern: '/api-tokens',
    form: () => ({ name: 'Plateforme de test' }),
    allowed: ADMIN,
    elsewhere: 'network',
  },
  {
    method: 'delete',
    pattern: '/api-tokens/:id',
    path: (w) => `/api-tokens/${w.apiTokenId}`,
    allowed: ADMIN,
    elsewhere: 'network',
  },
  // A session is no token: 401 for every user (see the token test for a real one).
  {
    method: 'post',
    pattern: '/api/v1/results',
    allowed: NOBODY,
    elsewhere: 'network',
    token: true,
  },

  // Documents: one candidate's, or many as one PDF made in the background.
  {
    method: 'get',
    pattern: '/candidates/:id/documents/:kind',
    path: (w) => `/candidates/${w.candidates.coded.id}/documents/registration`,
    allowed: READERS,
    elsewhere: 404,
  },
  { method: 'get', pattern: '/documents', allowed: READERS, elsewhere: 'scoped' },
  {
    method: 'get',
    pattern: '/documents/choose',
    path: () => '/documents/choose?kinds=registration',
    allowed: READERS,
    elsewhere: 'scoped',
  },
  {
    method: 'get',
    pattern: '/documents/for/:kinds',
    path: () => '/documents/for/registration',
    allowed: READERS,
    elsewhere: 'scoped',
  },
  {
    method: 'post',
    pattern: '/documents/jobs',
    form: (w) => ({ kinds: 'registration', candidate_ids: [w.candidates.coded.id] }),
    allowed: READERS,
    elsewhere: 404,
  },
  // `allowed`: the roles that may start a job, and so read their own.
  {
    method: 'get',
    pattern: '/documents/jobs/:id',
    path: (w) => `/documents/jobs/${w.jobId}`,
    allowed: READERS,
    elsewhere: 404,
    ownerOnly: true,
  },
  {
    method: 'get',
    pattern: '/documents/jobs/:id/download',
    path: (w) => `/documents/jobs/${w.jobId}/download`,
    allowed: READERS,
    elsewhere: 404,
    ownerOnly: true,
  },

  // Sessions of partner exam centres (network admin).
  { method: 'get', pattern: '/partner-sessions', allowed: ADMIN, elsewhere: 'network' },
  { method: 'get', pattern: '/partner-sessions/create', allowed: ADMIN, elsewhere: 'network' },
  {
    method: 'post',
    pattern: '/partner-sessions',
    form: partnerForm,
    allowed: ADMIN,
    elsewhere: 'network',
  },
  {
    method: 'get',
    pattern: '/partner-sessions/:id/edit',
    path: (w) => `/partner-sessions/${w.partnerSession.id}/edit`,
    allowed: ADMIN,
    elsewhere: 'network',
  },
  {
    method: 'put',
    pattern: '/partner-sessions/:id',
    path: (w) => `/partner-sessions/${w.partnerSession.id}`,
    form: partnerForm,
    allowed: ADMIN,
    elsewhere: 'network',
  },
  {
    method: 'delete',
    pattern: '/partner-sessions/:id',
    path: (w) => `/partner-sessions/${w.partnerSession.id}`,
    allowed: ADMIN,
    elsewhere: 'network',
  },
]

/** What a user of this role must get: 'pass' (neither 401, 403, 404 nor an error) or statuses. */
type Outcome = 'pass' | number[]

function expected(route: Route, role: Role, outsider: boolean): Outcome {
  if (route.token) return [401]
  const allowed = route.allowed.includes(role)
  // The job of the world was started by this user only when the role may start one (inside).
  if (route.ownerOnly) return allowed && !outsider ? 'pass' : [404]
  if (!outsider || route.elsewhere === 'network' || route.elsewhere === 'scoped')
    return allowed ? 'pass' : [403]
  return allowed ? [route.elsewhere] : [403, 404]
}

/** "Refusal" statuses: a call that passes answers none of them (a redirect back is fine). */
const REFUSALS = [401, 403, 404]

function send(client: ApiClient, user: User, route: Route, w: World) {
  const path = route.path?.(w) ?? route.pattern
  let request = client[route.method](path).loginAs(user).redirects(0)
  if (route.method !== 'get')
    request = request
      .header('Accept', 'application/json')
      .form(route.form?.(w) ?? {})
      .withCsrfToken()
  return request
}

function check(assert: Assert, response: ApiResponse, outcome: Outcome, label: string) {
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
    assert.oneOf(status, outcome, `${label}: ${status}`)
  }
}

/** Starts a document job as this user (through the route) and waits for its PDF. */
async function startJob(client: ApiClient, user: User, candidate: Candidate) {
  const started = await client
    .post('/documents/jobs')
    .withCsrfToken()
    .loginAs(user)
    .form({ kinds: 'registration', candidate_ids: [candidate.id] })
    .redirects(0)
  const id = Number(/\/documents\/jobs\/(\d+)$/.exec(started.header('location') ?? '')?.[1])
  if (!id) throw new Error(`no job started: ${started.status()}`)
  await settleJobs()
  const job = await db.from('background_jobs').where('id', id).firstOrFail()
  if (job.status !== 'done') throw new Error(`job ${id}: ${job.status} ${job.error}`)
  return id
}

/**
 * A centre with stock (37 remote mock exams, 5 supervised ones), three orders
 * (to validate, to cancel, paid), candidates for each mutation, a token, a
 * partner session, and a finished document job of `jobBy` (a staff member of
 * the centre when not told).
 */
async function makeWorld(client: ApiClient, jobBy?: (centre: Centre) => Promise<User>) {
  const centre = await CentreFactory.create()
  const admin = await makeUser('network_admin')
  const manager = await makeUser('centre_manager', [centre])
  const product = await makeCreditProduct({ type: 'mock_remote' })
  await makeCreditStock(centre, 37, product, admin)
  await makeCreditStock(centre, 5, await makeCreditProduct({ type: 'mock_manual' }), admin)

  const one = new Map([[product.id, 1]])
  const open = await placeOrder(manager, centre.id, one)
  const toCancel = await placeOrder(manager, centre.id, one)
  const paid = await placeOrder(manager, centre.id, one)
  await markOrderPaid(admin, paid.id)

  const candidate = (lastName: string) => makeCandidate(centre, { lastName })
  const candidates = {
    free: await candidate('Vermillonlibre'),
    toChange: await candidate('Vermillonchange'),
    toRemove: await candidate('Vermillonretrait'),
    coded: await candidate('Vermilloncode'),
    bulkFree: await candidate('Vermillonlot'),
    bulkAssigned: await candidate('Vermillonlotretrait'),
  }
  for (const planned of [candidates.toChange, candidates.toRemove, candidates.bulkAssigned])
    await assignCredit(manager, planned.id, { type: 'mock_remote' })
  const coded = await assignCredit(manager, candidates.coded.id, { type: 'mock_manual' })

  const partnerSession = await PartnerSession.create({
    centreName: 'Centre partenaire',
    address: '1, rue du Port',
    postcode: '38000',
    city: 'Grenoble',
    startsAt: DateTime.utc().plus({ days: 40 }),
    seats: 5,
    status: 'open',
  })
  const { id: apiTokenId } = await createApiToken(admin, 'Plateforme')
  const jobOwner = jobBy ? await jobBy(centre) : await makeUser('centre_staff', [centre])
  const world: World = {
    centre,
    admin,
    product,
    orders: {
      open: { id: open.id, number: open.number! },
      toCancel: { id: toCancel.id, number: toCancel.number! },
      paid: { id: paid.id, number: paid.number! },
    },
    candidates,
    code: coded.activationCode!,
    apiTokenId,
    partnerSession,
    jobId: await startJob(client, jobOwner, candidates.coded),
    jobOwner,
  }
  return world
}

/** What the routes could change: a refused call must leave all of it as it was. */
async function snapshot(centreId: number) {
  const of = (table: string, columns: string[]) =>
    db.from(table).where('centre_id', centreId).orderBy('id').select(columns)
  return {
    orders: await of('credit_orders', ['id', 'status']),
    lines: await of('credit_order_lines', ['id', 'remaining']),
    assignments: await of('credit_assignments', ['id', 'candidate_id', 'status', 'ended_at']),
    candidates: await of('candidates', ['id', 'exam_status']),
    jobs: await of('background_jobs', ['id', 'status']),
    products: await db.from('credit_products').orderBy('id').select('id', 'name', 'reference'),
    partnerSessions: await db.from('partner_sessions').orderBy('id').select('id', 'status'),
    apiTokens: await db.from('api_tokens').orderBy('id').select('id', 'revoked_at'),
  }
}

/** Who may start a document job ("Générer des documents"), and so read its own. */
const BATCH_ROLES = READERS

test.group('Orders · authorisation, route by route', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('{$self}: each route passes or is refused as the table says')
    .with([...ROLES])
    .run(async ({ client, assert }, role) => {
      const world = await makeWorld(client, async (centre) =>
        // The job routes: the user's own job when its role may start one, else someone else's.
        BATCH_ROLES.includes(role)
          ? makeUser(role, role === 'network_admin' ? [] : [centre])
          : makeUser('centre_staff', [centre])
      )
      const user = BATCH_ROLES.includes(role)
        ? world.jobOwner
        : await makeUser(role, role === 'network_admin' ? [] : [world.centre])
      const before = await snapshot(world.centre.id)
      for (const route of ROUTES) {
        const response = await send(client, user, route, world)
        check(
          assert,
          response,
          expected(route, role, false),
          `${role} ${route.method} ${route.pattern}`
        )
      }
      await settleJobs()
      // A role that passes no mutation changed nothing at all.
      const mutates = ROUTES.some((r) => r.method !== 'get' && r.allowed.includes(role))
      if (!mutates) assert.deepEqual(await snapshot(world.centre.id), before)
    })

  test('another centre, another portfolio: records are not found, nothing changes', async ({
    client,
    assert,
  }) => {
    const world = await makeWorld(client)
    const other = await CentreFactory.create()
    await makeCreditStock(other, 3)
    await makeCandidate(other)
    const before = await snapshot(world.centre.id)
    let cases = 0
    for (const role of OUTSIDERS) {
      const user = await makeUser(role, [other])
      for (const route of ROUTES) {
        const response = await send(client, user, route, world)
        check(
          assert,
          response,
          expected(route, role, true),
          `other ${role} ${route.method} ${route.pattern}`
        )
        cases++
      }
    }
    await settleJobs()
    assert.deepEqual(await snapshot(world.centre.id), before)
    assert.equal(cases, OUTSIDERS.length * ROUTES.length)
  })
})

test.group('Orders · what another centre never sees', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('lists, exports, pickers and code pages leave the other centre out', async ({
    client,
    assert,
  }) => {
    const world = await makeWorld(client)
    const restricted = await makeCreditProduct({
      name: 'Offre réservée Vermillon',
      allCentres: false,
    })
    await restricted.related('centres').attach([world.centre.id])
    const other = await CentreFactory.create()
    await makeCreditStock(other, 3, await makeCreditProduct({ type: 'demo' }))
    await makeCandidate(other, { lastName: 'Outremer' })
    const insiders = [
      await makeUser('centre_manager', [world.centre]),
      await makeUser('centre_staff', [world.centre]),
      await makeUser('account_manager', [world.centre]),
    ]
    const outsiders = [
      await makeUser('centre_manager', [other]),
      await makeUser('centre_staff', [other]),
      await makeUser('account_manager', [other]),
    ]
    const coded = world.candidates.coded.id
    // Each page and what of the first centre it shows to its own team (and must never show elsewhere).
    const pages: { path: string; secret: string; roles: readonly Role[] }[] = [
      { path: '/orders', secret: world.orders.open.number, roles: READERS },
      {
        path: '/orders?centre=' + world.centre.id,
        secret: world.orders.open.number,
        roles: READERS,
      },
      { path: '/orders?q=CMD', secret: world.orders.paid.number, roles: READERS },
      { path: '/orders', secret: 'data-testid="stock-mock_remote"', roles: READERS },
      { path: '/orders/export/csv', secret: world.orders.open.number, roles: READERS },
      {
        path: '/orders/new?centre=' + world.centre.id,
        secret: 'Offre réservée Vermillon',
        roles: MANAGER,
      },
      // 37 remote mock exams, 3 of them assigned.
      { path: '/credits/manage', secret: '34 restantes', roles: CENTRE_TEAM },
      { path: '/credits/manage/assign/mock_remote', secret: 'vermillonlibre', roles: CENTRE_TEAM },
      { path: '/credits/manage/remove', secret: 'vermillonretrait', roles: CENTRE_TEAM },
      { path: '/activation-codes', secret: 'vermilloncode', roles: CENTRE_TEAM },
      {
        path: `/activation-codes/selection?candidate_ids[]=${coded}`,
        secret: world.code,
        roles: CENTRE_TEAM,
      },
      {
        path: `/activation-codes/export/csv?candidate_ids[]=${coded}`,
        secret: world.code,
        roles: CENTRE_TEAM,
      },
      { path: '/documents/for/registration', secret: 'vermilloncode', roles: READERS },
    ]
    const text = (response: ApiResponse) => response.text().toLowerCase()
    for (const page of pages) {
      // The secret is really on the page for the centre's own team: the check below means something.
      for (const user of insiders.filter((u) => page.roles.includes(u.role))) {
        const seen = await client.get(page.path).loginAs(user)
        assert.equal(seen.status(), 200, `${user.role} ${page.path}`)
        assert.include(text(seen), page.secret.toLowerCase(), `${user.role} ${page.path}`)
      }
      for (const user of outsiders.filter((u) => page.roles.includes(u.role))) {
        const seen = await client.get(page.path).loginAs(user)
        assert.equal(seen.status(), 200, `other ${user.role} ${page.path}`)
        assert.notInclude(text(seen), page.secret.toLowerCase(), `other ${user.role} ${page.path}`)
      }
    }
  })

  test("another centre's candidate ids in a bulk action are refused whole and change nothing", async ({
    client,
    assert,
  }) => {
    const world = await makeWorld(client)
    const other = await CentreFactory.create()
    await makeCreditStock(other, 5)
    const own = await makeCandidate(other, { lastName: 'Outremer' })
    const ownAssigned = await makeCandidate(other, { lastName: 'Outremerbis' })
    const staff = await makeUser('centre_staff', [other])
    await assignCredit(staff, ownAssigned.id, { type: 'mock_remote' })
    const before = {
      first: await snapshot(world.centre.id),
      other: await snapshot(other.id),
    }
    const post = (path: string, form: Record<string, unknown>) =>
      client
        .post(path)
        .header('Accept', 'application/json')
        .withCsrfToken()
        .loginAs(staff)
        .form(form)
        .redirects(0)
    const { bulkAssigned, bulkFree, coded } = world.candidates
    for (const ids of [[bulkAssigned.id], [ownAssigned.id, bulkAssigned.id]]) {
      const removal = await post('/credits/removals', { candidate_ids: ids })
      assert.equal(removal.status(), 404, `removals ${ids}`)
    }
    for (const ids of [[bulkFree.id], [own.id, bulkFree.id]]) {
      const assignment = await post('/credits/assignments', {
        type: 'mock_remote',
        candidate_ids: ids,
      })
      assert.equal(assignment.status(), 404, `assignments ${ids}`)
    }
    for (const ids of [[coded.id], [ownAssigned.id, coded.id]]) {
      const job = await post('/documents/jobs', { kinds: 'registration', candidate_ids: ids })
      assert.equal(job.status(), 404, `documents ${ids}`)
    }
    const order = await client
      .post('/orders')
      .header('Accept', 'application/json')
      .withCsrfToken()
      .loginAs(await makeUser('centre_manager', [other]))
      .form({ centre_id: world.centre.id, quantities: { [`p${world.product.id}`]: '5' } })
      .redirects(0)
    assert.equal(order.status(), 422)
    assert.equal(order.body().error, 'order_centre_required')
    await settleJobs()
    assert.deepEqual(await snapshot(world.centre.id), before.first)
    assert.deepEqual(await snapshot(other.id), before.other)
  })

  test('a document job is reached only by the user who started it', async ({ client, assert }) => {
    const world = await makeWorld(client)
    const paths = [`/documents/jobs/${world.jobId}`, `/documents/jobs/${world.jobId}/download`]
    for (const path of paths) {
      const own = await client.get(path).loginAs(world.jobOwner)
      assert.equal(own.status(), 200, path)
    }
    const download = await client.get(paths[1]).loginAs(world.jobOwner)
    assert.equal(download.header('content-type'), 'application/pdf')
    const other = await CentreFactory.create()
    const others = [
      await makeUser('centre_staff', [world.centre]),
      await makeUser('centre_manager', [world.centre]),
      await makeUser('account_manager', [world.centre]),
      world.admin,
      await makeUser('centre_staff', [other]),
    ]
    for (const user of others)
      for (const path of paths) {
        const response = await client.get(path).loginAs(user)
        assert.equal(response.status(), 404, `${user.role} ${path}`)
      }
  })

  test('the results endpoint takes a token, never a session', async ({ client, assert }) => {
    const admin = await makeUser('network_admin')
    const created = await client
      .post('/api-tokens')
      .withCsrfToken()
      .loginAs(admin)
      .form({ name: 'Plateforme' })
    const token = /psr_[A-Za-z0-9_-]+/.exec(created.text())?.[0]
    assert.isString(token)
    // A well-formed batch (for nobody known): past the token, the endpoint judges it (422).
    const batch = {
      results: [
        {
          result_id: 'R-AUTH-1',
          email: 'personne@example.test',
          exam_type: 'mock_remote',
          score: 500,
          passed_on: inDays(-1),
          validation: 'validated',
        },
      ],
    }
    const post = (authorization?: string) => {
      const request = client.post('/api/v1/results').json(batch)
      return authorization ? request.header('Authorization', authorization) : request
    }
    assert.equal((await post()).status(), 401, 'no token')
    assert.equal((await post('Bearer psr_notarealtokenatallxxxxxxxxxx')).status(), 401, 'wrong')
    assert.equal((await post(`Token ${token}`)).status(), 401, 'not a bearer')
    assert.equal((await post(`Bearer ${token}x`)).status(), 401, 'altered')
    const asAdmin = await client.post('/api/v1/results').loginAs(admin).json(batch)
    assert.equal(asAdmin.status(), 401, 'a session')
    const real = await post(`Bearer ${token}`)
    assert.equal(real.status(), 422)
    assert.equal(real.body().error, 'invalid_results')
    assert.equal(real.body().errors[0].code, 'result_no_candidate')
  })
})

test.group('Orders · authorisation table', () => {
  test('covers every route of the orders module', async ({ assert }) => {
    const json = router.toJSON() as Record<string, unknown[]>
    const all = (json.root ?? Object.values(json).flat()) as {
      pattern: string
      methods: string[]
    }[]
    const module =
      /^\/(credit-products|orders|credits|activation-codes|credit-results|api-tokens|api\/v1\/results|documents|partner-sessions)(\/|$)|^\/candidates\/:id\/(credit|code|documents)(\/|$)/
    const routed = all
      .filter((route) => module.test(route.pattern))
      .flatMap((route) =>
        route.methods.filter((m) => m !== 'HEAD').map((m) => `${m} ${route.pattern}`)
      )
    const listed = ROUTES.map((route) => `${route.method.toUpperCase()} ${route.pattern}`)
    assert.equal(new Set(listed).size, listed.length, 'a route listed twice')
    assert.sameMembers(listed, routed)
  })
})
