import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { Group } from '#centres'
import { type Candidate } from '#candidates'
import type { User } from '#accounts'
import { CentreFactory, makeCandidate, makeUser } from '#database/factories/index'

type Method = 'get' | 'post' | 'put' | 'delete'
interface Route {
  method: Method
  path: string
  form?: Record<string, unknown>
  /** Refused with 404 to a user of another centre (the record's existence does not leak). */
  byId: boolean
}

/** Every route of the candidates module, with a valid body where it takes one. */
function routes(candidate: Candidate, group: Group): Route[] {
  const c = `/candidates/${candidate.id}`
  const g = `/groups/${group.id}/candidates`
  return [
    { method: 'get', path: '/candidates', byId: false },
    { method: 'get', path: '/candidates/export/xlsx', byId: false },
    { method: 'get', path: '/candidates/create', byId: false },
    { method: 'get', path: '/candidates/create/identity', byId: false },
    { method: 'post', path: '/candidates/create/identity', form: { civility: 'm' }, byId: false },
    { method: 'post', path: '/candidates/create/account', form: { account: 'none' }, byId: false },
    {
      method: 'post',
      path: '/candidates/create/information',
      form: { status: 'other', funding: 'other' },
      byId: false,
    },
    { method: 'get', path: '/candidates/retention', byId: false },
    { method: 'put', path: '/candidates/retention', form: { years: 3 }, byId: false },
    { method: 'get', path: c, byId: true },
    { method: 'get', path: `${c}/created`, byId: true },
    { method: 'get', path: `${c}/edit/contact`, byId: true },
    { method: 'put', path: `${c}/contact`, form: { town: 'Ailleurs' }, byId: true },
    { method: 'post', path: `${c}/invitation`, byId: true },
    { method: 'delete', path: c, byId: true },
    { method: 'get', path: `${c}/photo`, byId: true },
    { method: 'get', path: `${c}/personal-data`, byId: true },
    { method: 'get', path: `${c}/anonymise`, byId: true },
    {
      method: 'post',
      path: `${c}/anonymise`,
      form: { understood: '1', confirmation: candidate.lastName },
      byId: true,
    },
    { method: 'post', path: `${c}/groups`, form: { group_id: group.id }, byId: true },
    { method: 'delete', path: `${c}/groups/${group.id}`, byId: true },
    { method: 'get', path: g, byId: true },
    { method: 'get', path: `${g}/export/csv`, byId: true },
    { method: 'get', path: `${g}/associate`, byId: true },
    { method: 'post', path: g, form: { candidate_ids: [candidate.id] }, byId: true },
    { method: 'delete', path: `${g}/${candidate.id}`, byId: true },
  ]
}

async function call(client: any, user: User, route: Route) {
  let request = client[route.method](route.path).loginAs(user).redirects(0)
  if (route.method !== 'get') request = request.form(route.form ?? {}).withCsrfToken()
  return request
}

test.group('Candidates · authorisation, route by route', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('evaluators, teachers and learners are refused every route', async ({ client, assert }) => {
    const centre = await CentreFactory.create()
    const candidate = await makeCandidate(centre)
    const groupRow = await Group.create({
      centreId: centre.id,
      name: 'G',
      category: 'other',
      hidden: false,
    })
    for (const role of ['evaluator', 'teacher', 'learner'] as const) {
      const user = await makeUser(role, [centre])
      for (const route of routes(candidate, groupRow)) {
        const response = await call(client, user, route)
        assert.equal(response.status(), 403, `${role} ${route.method} ${route.path}`)
      }
    }
    await candidate.refresh()
    assert.isNull(candidate.anonymisedAt)
  })

  test("another centre's users never reach a candidate or a group: 404, and lists leave them out", async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const other = await CentreFactory.create()
    const candidate = await makeCandidate(centre, { lastName: 'Secret' })
    const groupRow = await Group.create({
      centreId: centre.id,
      name: 'G',
      category: 'other',
      hidden: false,
    })
    const outsiders = [
      await makeUser('centre_manager', [other]),
      await makeUser('centre_staff', [other]),
      await makeUser('account_manager', [other]),
    ]
    for (const user of outsiders) {
      for (const route of routes(candidate, groupRow).filter((r) => r.byId)) {
        const response = await call(client, user, route)
        assert.equal(response.status(), 404, `${user.role} ${route.method} ${route.path}`)
      }
      const list = await client.get('/candidates').loginAs(user)
      assert.notInclude(list.text(), 'SECRET')
      const csv = await client.get('/candidates/export/csv').loginAs(user)
      assert.notInclude(csv.text(), 'SECRET')
    }
    await candidate.refresh()
    assert.equal(candidate.lastName, 'Secret')
    assert.isNull(candidate.anonymisedAt)
  })

  test("the account manager reads its portfolio's candidates but changes nothing", async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const candidate = await makeCandidate(centre, { lastName: 'Portefeuille' })
    const groupRow = await Group.create({
      centreId: centre.id,
      name: 'G',
      category: 'other',
      hidden: false,
    })
    const manager = await makeUser('account_manager', [centre])
    const readable = new Set([
      'get /candidates',
      'get /candidates/export/xlsx',
      `get /candidates/${candidate.id}`,
      `get /candidates/${candidate.id}/photo`,
      `get /groups/${groupRow.id}/candidates`,
      `get /groups/${groupRow.id}/candidates/export/csv`,
    ])
    for (const route of routes(candidate, groupRow)) {
      const response = await call(client, manager, route)
      const key = `${route.method} ${route.path}`
      if (readable.has(key)) {
        // The photo route answers 404 only because this file has no photo.
        assert.oneOf(response.status(), [200, 404], key)
        if (key === 'get /candidates') assert.include(response.text(), 'PORTEFEUILLE')
      } else {
        assert.equal(response.status(), 403, key)
      }
    }
  })

  test('centre staff may not export or anonymise personal data, nor change the retention', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const candidate = await makeCandidate(centre)
    const staff = await makeUser('centre_staff', [centre])
    for (const path of [
      `/candidates/${candidate.id}/personal-data`,
      `/candidates/${candidate.id}/anonymise`,
      '/candidates/retention',
    ]) {
      assert.equal((await client.get(path).loginAs(staff)).status(), 403, path)
    }
  })
})
