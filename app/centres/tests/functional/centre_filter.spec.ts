import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type { Centre } from '#centres'
import { CENTRE_SELECT_LIMIT } from '#centres'
import { CentreFactory, makeSession, makeUser } from '#database/factories/index'
import { assertTextExcludes } from '#tests/helpers/http'

/*
 * A list's centre filter: a select of the actor's few centres, a search field
 * with suggestions past CENTRE_SELECT_LIMIT (the network's 1,000 centres were
 * 60 KB of every list). The filter takes a centre id (links), a suggestion's
 * "Name (CODE)" or typed text, and never reaches beyond the actor's centres.
 */

/** Centres beyond the select's limit, named so that searches can tell them apart. */
async function manyCentres() {
  const rows = Array.from({ length: CENTRE_SELECT_LIMIT + 1 }, (_, i) => ({
    code: `PAD-${String(i).padStart(3, '0')}`,
    name: `Centre de remplissage ${i}`,
  }))
  await CentreFactory.merge(rows).createMany(rows.length)
}

const sessionNumbers = (html: string) =>
  [...html.matchAll(/data-testid="session-row"[\s\S]*?<\/tr>/g)].map((m) => m[0])

test.group('Centre filter of the lists', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a few centres make a select; past the limit a search field, without the options', async ({
    client,
    assert,
  }) => {
    const lyon = await CentreFactory.merge({ name: 'Alliance Lyon', code: 'FR-LYO' }).create()
    const nantes = await CentreFactory.merge({ name: 'Lycée de Nantes', code: 'FR-NAN' }).create()
    const manager = await makeUser('centre_manager', [lyon, nantes])
    const own = await client.get('/sessions').loginAs(manager)
    own.assertStatus(200)
    own.assertTextIncludes('<select id="f-centre" name="centre">')
    own.assertTextIncludes(`<option value="${lyon.id}" >Alliance Lyon</option>`)
    assertTextExcludes(own, 'data-testid="centre-search"')

    await manyCentres()
    const admin = await makeUser('network_admin')
    for (const path of [
      '/sessions',
      '/orders',
      '/messages',
      '/anomalies',
      '/requests/postponements',
    ]) {
      const page = await client.get(path).loginAs(admin)
      page.assertStatus(200)
      page.assertTextIncludes('data-testid="centre-search"')
      page.assertTextIncludes('list="f-centre-choices"')
      assertTextExcludes(page, '<select id="f-centre"')
      assertTextExcludes(page, 'Centre de remplissage')
    }
    // The manager's two centres still make a select, whatever the network holds.
    const again = await client.get('/sessions').loginAs(manager)
    again.assertTextIncludes('<select id="f-centre" name="centre">')
    assert.notInclude(again.text(), 'Centre de remplissage')
  })

  test('the filter takes an id, a suggestion "Name (CODE)" or typed text; the field shows it', async ({
    client,
    assert,
  }) => {
    await manyCentres()
    const lyon = await CentreFactory.merge({ name: 'Alliance Lyon', code: 'FR-LYO' }).create()
    const lyonSud = await CentreFactory.merge({
      name: 'Alliance Lyon Sud',
      code: 'FR-LYS',
    }).create()
    const paris = await CentreFactory.merge({ name: 'Espace Paris', code: 'FR-PAR' }).create()
    const sessions = new Map<Centre, number>()
    for (const centre of [lyon, lyonSud, paris])
      sessions.set(centre, (await makeSession(centre)).number)
    const admin = await makeUser('network_admin')
    const shown = async (centre: string) => {
      const response = await client.get('/sessions').qs({ centre }).loginAs(admin)
      response.assertStatus(200)
      const rows = sessionNumbers(response.text()).join('\n')
      return {
        response,
        centres: [lyon, lyonSud, paris].filter((c) => rows.includes(`>${sessions.get(c)}<`)),
      }
    }

    // An id (a link): that centre, named in the field.
    const byId = await shown(String(lyon.id))
    assert.deepEqual(byId.centres, [lyon])
    byId.response.assertTextIncludes('value="Alliance Lyon (FR-LYO)"')
    // A suggestion: that centre only, though another's name holds it.
    assert.deepEqual((await shown('Alliance Lyon (FR-LYO)')).centres, [lyon])
    // Typed text: every centre whose name or code holds it, whatever the case.
    assert.deepEqual((await shown('alliance lyon')).centres, [lyon, lyonSud])
    assert.deepEqual((await shown('fr-par')).centres, [paris])
    // Text that names no centre: nothing, and the field keeps what was typed.
    const none = await shown('Marseille')
    assert.deepEqual(none.centres, [])
    none.response.assertTextIncludes('value="Marseille"')
    // LIKE's wildcards are text.
    assert.deepEqual((await shown('%')).centres, [])
    assert.deepEqual((await shown('_')).centres, [])
    // An id of nothing, or a huge one: nothing (no error).
    assert.deepEqual((await shown('99999999999')).centres, [])

    // A name that ends in brackets of its own, typed whole, still finds its centre.
    const annexe = await CentreFactory.merge({
      name: 'Lycée Hugo (annexe)',
      code: 'FR-HUG',
    }).create()
    const inAnnexe = await makeSession(annexe)
    const byName = await client.get('/sessions').qs({ centre: 'Hugo (annexe)' }).loginAs(admin)
    assert.include(sessionNumbers(byName.text()).join('\n'), `>${inAnnexe.number}<`)

    // The orders list filters the same way.
    const orders = await client.get('/orders').qs({ centre: 'FR-LYS' }).loginAs(admin)
    orders.assertStatus(200)
    orders.assertTextIncludes('value="FR-LYS"')
  })

  test("an account manager filtering by another portfolio's centre sees none of it", async ({
    client,
    assert,
  }) => {
    await manyCentres()
    const mine = await CentreFactory.merge({ name: 'Alliance Lyon', code: 'FR-LYO' }).create()
    const theirs = await CentreFactory.merge({ name: 'Alliance Lille', code: 'FR-LIL' }).create()
    const minesSession = await makeSession(mine)
    const theirSession = await makeSession(theirs)
    const pads = await db.from('centres').where('code', 'like', 'PAD-%').select('id')
    const manager = await makeUser('account_manager', [mine])
    await manager.syncCentres([mine.id, ...pads.map((row) => Number(row.id))])
    for (const centre of ['Alliance', String(theirs.id), 'Alliance Lille (FR-LIL)']) {
      const response = await client.get('/sessions').qs({ centre }).loginAs(manager)
      response.assertStatus(200)
      const rows = sessionNumbers(response.text()).join('\n')
      assert.notInclude(rows, `>${theirSession.number}<`, centre)
      if (centre === 'Alliance') assert.include(rows, `>${minesSession.number}<`)
    }
    // An id outside the portfolio is not named back in the field either.
    const byId = await client.get('/sessions').qs({ centre: theirs.id }).loginAs(manager)
    assertTextExcludes(byId, 'Alliance Lille')
  })
})

test.group('Centre suggestions (/centres/choices)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  const options = (html: string) => [...html.matchAll(/<option value="([^"]*)">/g)].map((m) => m[1])

  test("the actor's centres whose name or code holds the text, 20 at most, by name", async ({
    client,
    assert,
  }) => {
    await manyCentres()
    await CentreFactory.merge({ name: 'Alliance Lyon', code: 'FR-LYO' }).create()
    const admin = await makeUser('network_admin')

    const first = await client.get('/centres/choices').loginAs(admin)
    first.assertStatus(200)
    assert.lengthOf(options(first.text()), 20)
    assert.equal(options(first.text())[0], 'Alliance Lyon (FR-LYO)')

    const typed = await client.get('/centres/choices').qs({ centre: 'lyo' }).loginAs(admin)
    assert.deepEqual(options(typed.text()), ['Alliance Lyon (FR-LYO)'])
    const byCode = await client.get('/centres/choices').qs({ centre: 'pad-030' }).loginAs(admin)
    assert.deepEqual(options(byCode.text()), ['Centre de remplissage 30 (PAD-030)'])
    // A chosen suggestion suggests itself only.
    const chosen = await client
      .get('/centres/choices')
      .qs({ centre: 'Alliance Lyon (FR-LYO)' })
      .loginAs(admin)
    assert.deepEqual(options(chosen.text()), ['Alliance Lyon (FR-LYO)'])
    // Nothing found: an empty list that still replaces the old one (200, not 204).
    const none = await client.get('/centres/choices').qs({ centre: 'zzz' }).loginAs(admin)
    none.assertStatus(200)
    assert.deepEqual(options(none.text()), [])
    // Names are escaped in the options.
    await CentreFactory.merge({ name: 'Centre "<b>gras</b>"', code: 'FR-XSS' }).create()
    const hostile = await client.get('/centres/choices').qs({ centre: 'gras' }).loginAs(admin)
    assertTextExcludes(hostile, '<b>')
    hostile.assertTextIncludes('&lt;b&gt;')
  })

  test('a centre manager is suggested its own centres only; a teacher is refused', async ({
    client,
    assert,
  }) => {
    const mine = await CentreFactory.merge({ name: 'Alliance Lyon', code: 'FR-LYO' }).create()
    await CentreFactory.merge({ name: 'Alliance Lille', code: 'FR-LIL' }).create()
    const manager = await makeUser('centre_manager', [mine])
    const response = await client
      .get('/centres/choices')
      .qs({ centre: 'alliance' })
      .loginAs(manager)
    assert.deepEqual(options(response.text()), ['Alliance Lyon (FR-LYO)'])
    const teacher = await makeUser('teacher', [mine])
    const refused = await client.get('/centres/choices').loginAs(teacher)
    refused.assertStatus(403)
  })
})
