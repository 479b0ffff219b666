import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import ExcelJS from 'exceljs'
import { Group } from '#centres'
import type { Role } from '#shared/roles'
import { CentreFactory, makeDivision, makeUser } from '#database/factories/index'
import {
  type LeakPage,
  assertNoLeak,
  authorisationTests,
  usersOf,
  CENTRE_TEAM,
} from '#tests/helpers/authorization'
import {
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

  authorisationTests({
    routes: ROUTES,
    makeWorld,
    snapshot: (world) => snapshot(world.centre.id),
    outsidersTitle: 'another centre, another portfolio: records are not found, nothing changes',
    otherCentre: async () => {
      // A training centre too: its own import and class pages answer its users.
      const other = await CentreFactory.merge({ kind: 'both' }).create()
      await makeDivision(other, 'Classe Outremer')
      return other
    },
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
    const roles: Role[] = ['account_manager', 'centre_manager', 'centre_staff', 'teacher']
    const insiders = await usersOf(roles, [world.centre])
    const outsiders = await usersOf(roles, [other])
    const id = world.centre.id
    // Each page, what of the first centre it shows to its own team, and who may open it.
    const pages: LeakPage[] = [
      { path: '/centres', secret: 'Centre Vermillon', roles: ['account_manager'] },
      { path: '/centres?q=Vermillon', secret: 'Centre Vermillon', roles: ['account_manager'] },
      { path: '/centres/export/csv', secret: 'Centre Vermillon', roles: ['account_manager'] },
      {
        path: '/centres/choices?centre=Vermillon',
        secret: 'Centre Vermillon',
        roles: ['account_manager', ...CENTRE_TEAM],
      },
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
    await assertNoLeak({ client, assert }, pages, insiders, outsiders)
  })
})
