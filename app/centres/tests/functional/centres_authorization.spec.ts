import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import ExcelJS from 'exceljs'
import type { ApiResponse } from '@japa/api-client'
import { Group } from '#centres'
import type { Role } from '#shared/roles'
import { CentreFactory, makeDivision, makeUser } from '#database/factories/index'
import {
  OUTSIDERS,
  ROLES,
  runTableAs,
  runTableAsOutsiders,
  userOf,
} from '#tests/helpers/authorization'
import {
  CENTRE_TEAM,
  CLASS_READERS,
  GROUP_READERS,
  IMPORTERS,
  ROUTES,
  type World,
} from './centres_authorization.table.js'

/*
 * The centres module's authorisation table (centres_authorization.table.ts),
 * run as every role of the centre and as the users of another centre, then
 * what another centre never sees in lists, exports and pickers.
 */

/** A one-pixel PNG: the centre's logo. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a5cb0000000049454e44ae426082',
  'hex'
)

/** An import file whose only row has an unknown type: applying it writes nothing. */
async function importFile(centreId: number) {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Utilisateurs')
  sheet.addRow(['Type', 'Nom', 'Prénom', 'Email', 'Identifiant externe', 'Classes', 'Groupes'])
  sheet.addRow(['Directeur', 'Petit', 'Léa', 'lea.petit@example.test', '', '', ''])
  const key = `imports/${centreId}/authorisation-${Date.now()}.xlsx`
  await drive.use().put(key, Buffer.from(await workbook.xlsx.writeBuffer()))
  return key
}

/** A training centre named Vermillon, with a logo, four groups, a class and a previewed import. */
async function makeWorld(): Promise<World> {
  const centre = await CentreFactory.merge({ name: 'Centre Vermillon', kind: 'both' }).create()
  const logoKey = `centres/${centre.id}/logo/authorisation.png`
  await drive.use().put(logoKey, PNG)
  centre.merge({ logoKey, logoMime: 'image/png' })
  await centre.save()
  const group = (name: string, hidden = false) =>
    Group.create({ centreId: centre.id, name, category: 'other', hidden })
  const learner = await makeUser('learner', [centre], { lastName: 'Vermillonapprenant' })
  return {
    centre,
    groups: {
      edited: await group('Groupe Vermillon'),
      toHide: await group('Groupe Vermillon à masquer'),
      hidden: await group('Groupe Vermillon masqué', true),
      toDelete: await group('Groupe Vermillon à supprimer'),
    },
    division: await makeDivision(centre, 'Classe Vermillon', [learner]),
    learner,
    importKey: await importFile(centre.id),
  }
}

/** What the routes could change: a refused call must leave all of it as it was. */
async function snapshot(centreId: number) {
  const of = (table: string, columns: string[]) =>
    db.from(table).where('centre_id', centreId).orderBy('id').select(columns)
  return {
    centres: await db
      .from('centres')
      .orderBy('id')
      .select('id', 'code', 'name', 'kind', 'status', 'city', 'phone', 'logo_key'),
    groups: await of('groups', ['id', 'name', 'category', 'hidden']),
    divisions: await of('divisions', ['id', 'name']),
    members: await of('centre_memberships', ['user_id']),
    users: await db
      .from('users')
      .whereIn('id', db.from('centre_memberships').where('centre_id', centreId).select('user_id'))
      .orderBy('id')
      .select('id', 'email', 'status'),
    tokens: await db.from('user_tokens').orderBy('id').select('id', 'user_id', 'purpose'),
    audit: await db.from('audit_logs').orderBy('id').select('id', 'action'),
  }
}

test.group('Centres · authorisation, route by route', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('{$self}: each route passes or is refused as the table says')
    .with([...ROLES])
    .run(async ({ client, assert }, role) => {
      const world = await makeWorld()
      const user = await userOf(role, [world.centre])
      const before = await snapshot(world.centre.id)
      await runTableAs({ client, assert }, ROUTES, world, user)
      // A role that passes no mutation changed nothing at all.
      const mutates = ROUTES.some((r) => r.method !== 'get' && r.allowed.includes(role))
      if (!mutates) assert.deepEqual(await snapshot(world.centre.id), before)
    })

  test('another centre, another portfolio: records are not found, nothing changes', async ({
    client,
    assert,
  }) => {
    const world = await makeWorld()
    // A training centre too: its own import and class pages answer its users.
    const other = await CentreFactory.merge({ kind: 'both' }).create()
    await makeDivision(other, 'Classe Outremer')
    const before = await snapshot(world.centre.id)
    const cases = await runTableAsOutsiders({ client, assert }, ROUTES, world, other)
    assert.deepEqual(await snapshot(world.centre.id), before)
    assert.equal(cases, OUTSIDERS.length * ROUTES.length)
  })
})

test.group('Centres · what another centre never sees', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('lists, exports, pickers and "Ma fiche centre" leave the other centre out', async ({
    client,
    assert,
  }) => {
    const world = await makeWorld()
    const other = await CentreFactory.merge({ kind: 'both', name: 'Centre Outremer' }).create()
    await makeDivision(other, 'Classe Outremer')
    const usersOf = (centre: typeof other) =>
      Promise.all(
        (['account_manager', 'centre_manager', 'centre_staff', 'teacher'] as Role[]).map((role) =>
          makeUser(role, [centre])
        )
      )
    const insiders = await usersOf(world.centre)
    const outsiders = await usersOf(other)
    const id = world.centre.id
    // Each page, what of the first centre it shows to its own team, and who may open it.
    const pages: { path: string; secret: string; roles: readonly Role[] }[] = [
      { path: '/centres', secret: 'Centre Vermillon', roles: ['account_manager'] },
      { path: '/centres?q=Vermillon', secret: 'Centre Vermillon', roles: ['account_manager'] },
      { path: '/centres/export/csv', secret: 'Centre Vermillon', roles: ['account_manager'] },
      { path: '/groups', secret: 'Groupe Vermillon', roles: GROUP_READERS },
      { path: '/groups?q=Vermillon', secret: 'Groupe Vermillon', roles: GROUP_READERS },
      { path: '/groups/export/csv', secret: 'Groupe Vermillon', roles: GROUP_READERS },
      { path: '/classes', secret: 'Classe Vermillon', roles: CLASS_READERS },
      {
        path: `/classes?division=${world.division.id}`,
        secret: 'vermillonapprenant',
        roles: CLASS_READERS,
      },
      { path: `/my-centre?centre=${id}`, secret: 'Centre Vermillon', roles: CENTRE_TEAM },
      // One training centre: the form names it in a hidden field.
      { path: '/imports/users', secret: `name="centre_id" value="${id}"`, roles: IMPORTERS },
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
})
