import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { ApiClient } from '@japa/api-client'
import { type Centre } from '#centres'
import { type Candidate } from '#candidates'
import type { User } from '#accounts'
import { assignCredit, markOrderPaid, placeOrder } from '#orders'
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
import {
  type LeakPage,
  assertNoLeak,
  authorisationTests,
  routeKey,
  routerRoutes,
  userOf,
  usersOf,
  CENTRE_TEAM,
  MANAGER,
} from '#tests/helpers/authorization'
import { READERS, ROUTES, type World, inDays } from './orders_authorization.table.js'

/*
 * The orders module's authorisation table (orders_authorization.table.ts),
 * run as every role of the centre and as the users of another centre, then
 * what another centre never sees in lists, exports and bulk actions.
 */

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

  authorisationTests({
    routes: ROUTES,
    // The job routes: the user's own job when its role may start one, else someone else's.
    makeWorld: (client, role) =>
      makeWorld(
        client,
        role && BATCH_ROLES.includes(role) ? (centre) => userOf(role, [centre]) : undefined
      ),
    player: (world, role) =>
      BATCH_ROLES.includes(role) ? world.jobOwner : userOf(role, [world.centre]),
    snapshot: (world) => snapshot(world.centre.id),
    settle: settleJobs,
    outsidersTitle: 'another centre, another portfolio: records are not found, nothing changes',
    otherCentre: async () => {
      const other = await CentreFactory.create()
      await makeCreditStock(other, 3)
      await makeCandidate(other)
      return other
    },
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
    const roles: Role[] = ['centre_manager', 'centre_staff', 'account_manager']
    const insiders = await usersOf(roles, [world.centre])
    const outsiders = await usersOf(roles, [other])
    const coded = world.candidates.coded.id
    // Each page and what of the first centre it shows to its own team (and must never show elsewhere).
    const pages: LeakPage[] = [
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
    await assertNoLeak({ client, assert }, pages, insiders, outsiders)
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
    const module =
      /^\/(credit-products|orders|credits|activation-codes|credit-results|api-tokens|api\/v1\/results|documents|partner-sessions)(\/|$)|^\/candidates\/:id\/(credit|code|documents)(\/|$)/
    const routed = routerRoutes().filter((key) => module.test(key.split(' ')[1]))
    const listed = ROUTES.map(routeKey)
    assert.equal(new Set(listed).size, listed.length, 'a route listed twice')
    assert.sameMembers(listed, routed)
  })
})
