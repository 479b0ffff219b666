import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import { Group } from '#centres'
import type { Role } from '#shared/roles'
import { CentreFactory, makeCandidate, makeUser } from '#database/factories/index'
import {
  type LeakPage,
  assertNoLeak,
  authorisationTests,
  usersOf,
  CENTRE_TEAM,
} from '#tests/helpers/authorization'
import { READERS, ROUTES, type World } from './candidates_authorization.table.js'

/*
 * The candidates module's authorisation table (candidates_authorization.table.ts),
 * run as every role of the centre and as the users of another centre, then
 * what another centre never sees in the lists, exports and pickers.
 */

/** A one-pixel PNG: the photo of the file shown. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a5cb0000000049454e44ae426082',
  'hex'
)

/** A centre named Vermillon: one candidate per mutation (one with a photo), two groups. */
async function makeWorld(): Promise<World> {
  const centre = await CentreFactory.merge({ name: 'Centre Vermillon' }).create()
  const candidate = (lastName: string) => makeCandidate(centre, { lastName })
  const shown = await candidate('Vermillonfiche')
  shown.photoKey = `candidates/${centre.id}/authorisation-photo.png`
  await drive.use().put(shown.photoKey, PNG)
  await shown.save()
  const group = (name: string) =>
    Group.create({ centreId: centre.id, name, category: 'client', hidden: false })
  const groups = { group: await group('Groupe Vermillon'), second: await group('Groupe bis') }
  const candidates = {
    shown,
    edited: await candidate('Vermillonmodifie'),
    invited: await candidate('Vermilloninvite'),
    toDelete: await candidate('Vermillonsupprime'),
    toAnonymise: await candidate('Vermillonanonyme'),
    toGroup: await candidate('Vermillonagrouper'),
    toAssociate: await candidate('Vermillonassocier'),
    inGroup: await candidate('Vermillonmembre'),
    inGroupToo: await candidate('Vermillonmembrebis'),
  }
  await db.table('candidate_group').multiInsert([
    { candidate_id: candidates.inGroup.id, group_id: groups.group.id, created_at: new Date() },
    { candidate_id: candidates.inGroupToo.id, group_id: groups.second.id, created_at: new Date() },
  ])
  return { centre, candidates, groups }
}

/** What the routes could change: a refused call must leave all of it as it was. */
async function snapshot(centreId: number) {
  const candidates = db.from('candidates').where('centre_id', centreId)
  return {
    candidates: await candidates
      .clone()
      .orderBy('id')
      .select('id', 'last_name', 'email', 'town', 'user_id', 'anonymised_at'),
    groups: await db
      .from('candidate_group')
      .whereIn('candidate_id', candidates.clone().select('id'))
      .orderBy(['group_id', 'candidate_id'])
      .select('group_id', 'candidate_id'),
    settings: await db.from('network_settings').orderBy('key').select('key', 'value'),
  }
}

test.group('Candidates · authorisation, route by route', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  authorisationTests({
    routes: ROUTES,
    makeWorld,
    snapshot: (world) => snapshot(world.centre.id),
    outsidersTitle:
      "another centre's users never reach a candidate or a group: 404, nothing changes",
    otherCentre: async () => {
      const other = await CentreFactory.create()
      await makeCandidate(other, { lastName: 'Outremer' })
      return other
    },
  })
})

test.group('Candidates · what another centre never sees', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the candidate list, its search and filters, its export and the wizard leave the other centre out', async ({
    client,
    assert,
  }) => {
    const world = await makeWorld()
    const other = await CentreFactory.merge({ name: 'Centre Outremer' }).create()
    await makeCandidate(other, { lastName: 'Outremer' })
    // Two centres each: the wizard then offers a choice of centre.
    const second = await CentreFactory.merge({ name: 'Centre Azur' }).create()
    const secondOther = await CentreFactory.merge({ name: 'Centre Corail' }).create()
    const roles: Role[] = ['account_manager', 'centre_manager', 'centre_staff']
    const insiders = await usersOf(roles, [world.centre, second])
    const outsiders = await usersOf(roles, [other, secondOther])
    const groupId = world.groups.group.id
    const pages: LeakPage[] = [
      { path: '/candidates', secret: 'Vermillonfiche', roles: READERS },
      { path: '/candidates?q=Vermillon', secret: 'Vermillonfiche', roles: READERS },
      { path: `/candidates?group=${groupId}`, secret: 'Vermillonmembre', roles: READERS },
      { path: '/candidates/export/csv', secret: 'Vermillonfiche', roles: READERS },
      { path: '/candidates/create/identity', secret: 'Centre Vermillon', roles: CENTRE_TEAM },
    ]
    await assertNoLeak({ client, assert }, pages, insiders, outsiders)
  })

  test("another centre's candidate ids posted to a group are left out", async ({
    client,
    assert,
  }) => {
    const world = await makeWorld()
    const other = await CentreFactory.create()
    const own = await Group.create({
      centreId: other.id,
      name: 'Groupe Outremer',
      category: 'client',
      hidden: false,
    })
    const staff = await makeUser('centre_staff', [other])
    const before = await snapshot(world.centre.id)
    const associated = await client
      .post(`/groups/${own.id}/candidates`)
      .loginAs(staff)
      .form({ 'candidate_ids[]': world.candidates.toAssociate.id })
      .withCsrfToken()
    // Accepted (its own group), and the foreign id silently left out.
    associated.assertStatus(200)
    const members = await db.from('candidate_group').where('group_id', own.id)
    assert.lengthOf(members, 0)
    const addOne = await client
      .post(`/candidates/${world.candidates.toGroup.id}/groups`)
      .loginAs(await makeUser('centre_staff', [world.centre]))
      .form({ group_id: own.id })
      .withCsrfToken()
    addOne.assertStatus(404)
    assert.deepEqual(await snapshot(world.centre.id), before)
  })
})
