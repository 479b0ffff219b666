import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { Centre } from '#centres'
import { User } from '#accounts'
import AuditLog from '#shared/audit/audit_log'
import { CentreFactory, makeUser } from '#database/factories/index'
import {
  assertRedirect,
  assertFieldError,
  assertTextExcludes,
  expectStatus,
} from '#tests/helpers/http'

const form = (overrides: Record<string, unknown> = {}) => ({
  code: 'fr-tls-01',
  name: 'Toulouse Langues',
  kind: 'exam',
  country: 'FR',
  time_zone: 'Europe/Paris',
  online_visibility: 'with_sessions',
  city: 'Toulouse',
  ...overrides,
})

test.group('Centres', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a network admin creates a centre in an account manager portfolio; it is audited', async ({
    client,
    assert,
  }) => {
    const admin = await makeUser('network_admin')
    const manager = await makeUser('account_manager')
    const response = await client
      .post('/centres')
      .loginAs(admin)
      .form(form({ account_manager_id: manager.id }))
      .withCsrfToken()
      .redirects(0)
    const centre = await Centre.findByOrFail('code', 'FR-TLS-01')
    assertRedirect(response, `/centres/${centre.id}`)
    assert.include(await User.centreIdsOf(manager.id), centre.id)
    assert.exists(
      await AuditLog.query()
        .where('action', 'centre.created')
        .where('entity_id', String(centre.id))
        .first()
    )

    const page = await client.get(`/centres/${centre.id}`).loginAs(manager)
    page.assertTextIncludes('Toulouse Langues')
    page.assertTextIncludes(manager.fullName)
  })

  test('codes are unique and fields validated, entries kept', async ({ client }) => {
    const admin = await makeUser('network_admin')
    await CentreFactory.merge({ code: 'FR-TLS-01' }).create()
    const response = await client
      .post('/centres')
      .loginAs(admin)
      .form(form({ time_zone: 'Mars/Olympus', country: 'XX' }))
      .withCsrfToken()
      .redirects(0)
    assertFieldError(response, 'code', 'Cette valeur est déjà utilisée.')
    assertFieldError(response, 'time_zone', 'Choisissez une valeur de la liste.')
    assertFieldError(response, 'country', 'Choisissez une valeur de la liste.')
    response.assertFlashMessage('name', 'Toulouse Langues')
  })

  test('account managers list and edit only their portfolio, and cannot change status or portfolio', async ({
    client,
    assert,
  }) => {
    const mine = await CentreFactory.merge({ name: 'Mon centre à moi' }).create()
    const other = await CentreFactory.merge({ name: 'Le centre des autres' }).create()
    const manager = await makeUser('account_manager', [mine])
    const list = await client.get('/centres').loginAs(manager)
    list.assertTextIncludes('Mon centre à moi')
    assertTextExcludes(list, 'Le centre des autres')
    await expectStatus(client.get(`/centres/${other.id}`).loginAs(manager), 404)
    await expectStatus(client.get(`/centres/${other.id}/edit`).loginAs(manager), 404)

    const rival = await makeUser('account_manager')
    await client
      .put(`/centres/${mine.id}`)
      .loginAs(manager)
      .form(
        form({ code: mine.code, name: 'Renommé', status: 'inactive', account_manager_id: rival.id })
      )
      .withCsrfToken()
    await mine.refresh()
    assert.equal(mine.name, 'Renommé')
    assert.equal(mine.status, 'active')
    assert.notInclude(await User.centreIdsOf(rival.id), mine.id)
  })

  test('a network admin moves a centre to another portfolio; the change is audited', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const before = await makeUser('account_manager', [centre])
    const after = await makeUser('account_manager')
    const admin = await makeUser('network_admin')
    await client
      .put(`/centres/${centre.id}`)
      .loginAs(admin)
      .form(form({ code: centre.code, name: centre.name, account_manager_id: after.id }))
      .withCsrfToken()
    assert.notInclude(await User.centreIdsOf(before.id), centre.id)
    assert.include(await User.centreIdsOf(after.id), centre.id)
    const entry = await AuditLog.query().where('action', 'centre.updated').firstOrFail()
    assert.equal(entry.before?.accountManagerId, before.id)
    assert.equal(entry.after?.accountManagerId, after.id)
  })

  test('centre roles cannot reach the centres list, pages or forms', async ({ client }) => {
    const centre = await CentreFactory.create()
    for (const role of [
      'centre_manager',
      'centre_staff',
      'evaluator',
      'teacher',
      'learner',
    ] as const) {
      const user = await makeUser(role, [centre])
      await expectStatus(client.get('/centres').loginAs(user), 403)
      await expectStatus(client.get(`/centres/${centre.id}`).loginAs(user), 403)
      await expectStatus(client.get('/centres/create').loginAs(user), 403)
      await expectStatus(client.post('/centres').loginAs(user).form(form()).withCsrfToken(), 403)
    }
    const manager = await makeUser('account_manager', [centre])
    await expectStatus(client.get('/centres/create').loginAs(manager), 403)
  })

  test('the list searches and filters', async ({ client }) => {
    const admin = await makeUser('network_admin')
    await CentreFactory.merge({
      name: 'Institut de Casablanca',
      country: 'MA',
      kind: 'exam',
    }).create()
    await CentreFactory.merge({ name: 'Lycée de Nantes', country: 'FR', kind: 'training' }).create()
    const search = await client.get('/centres?q=casa').loginAs(admin)
    search.assertTextIncludes('Institut de Casablanca')
    assertTextExcludes(search, 'Lycée de Nantes')
    const training = await client.get('/centres?kind=training').loginAs(admin)
    training.assertTextIncludes('Lycée de Nantes')
    assertTextExcludes(training, 'Institut de Casablanca')
  })
})

test.group('Ma fiche centre', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a centre manager updates its contact details but nothing else', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.merge({ name: 'Alliance Lyon' }).create()
    const manager = await makeUser('centre_manager', [centre])
    const page = await client.get('/my-centre').loginAs(manager)
    page.assertTextIncludes('Alliance Lyon')
    const response = await client
      .put(`/my-centre/${centre.id}`)
      .loginAs(manager)
      .form({
        address: '12 rue de la République',
        city: 'Lyon',
        phone: '+33 4 72 00 00 00',
        name: 'Hacked',
        status: 'inactive',
      })
      .withCsrfToken()
      .redirects(0)
    assertRedirect(response, `/my-centre?centre=${centre.id}`)
    await centre.refresh()
    assert.equal(centre.address, '12 rue de la République')
    assert.equal(centre.name, 'Alliance Lyon')
    assert.equal(centre.status, 'active')
    assert.exists(await AuditLog.query().where('action', 'centre.profile_updated').first())
  })

  test("staff see the page read-only; nobody updates another centre's profile", async ({
    client,
  }) => {
    const centre = await CentreFactory.create()
    const other = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    const page = await client.get('/my-centre').loginAs(staff)
    assertTextExcludes(page, '/my-centre/' + centre.id)
    await expectStatus(
      client.put(`/my-centre/${centre.id}`).loginAs(staff).form({ city: 'X' }).withCsrfToken(),
      403
    )
    const manager = await makeUser('centre_manager', [centre])
    await expectStatus(
      client.put(`/my-centre/${other.id}`).loginAs(manager).form({ city: 'X' }).withCsrfToken(),
      404
    )
    const admin = await makeUser('network_admin')
    await expectStatus(
      client.put(`/my-centre/${centre.id}`).loginAs(admin).form({ city: 'X' }).withCsrfToken(),
      403
    )
    await expectStatus(client.get('/my-centre').loginAs(await makeUser('account_manager')), 403)
  })
})

test.group('Centres | export as shown', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("an account manager's export holds its filtered portfolio only", async ({
    client,
    assert,
  }) => {
    const ExcelJS = (await import('exceljs')).default
    const casa = await CentreFactory.merge({
      name: 'Institut de Casablanca',
      country: 'MA',
      code: 'MA-CAS-09',
    }).create()
    const rabat = await CentreFactory.merge({
      name: 'Institut de Rabat',
      country: 'MA',
      code: 'MA-RAB-09',
    }).create()
    const lyon = await CentreFactory.merge({ name: 'Lyon', country: 'FR' }).create()
    const foreign = await CentreFactory.merge({ name: 'Hors portefeuille', country: 'MA' }).create()
    const manager = await makeUser('account_manager', [casa, rabat, lyon], {
      firstName: 'Karim',
      lastName: 'Benali',
    })
    const response = await client
      .get('/centres/export/xlsx?country=MA&sort=code&dir=desc')
      .loginAs(manager)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(response.body())
    const values = workbook.worksheets[0]
      .getSheetValues()
      .filter(Boolean)
      .map((row: any) => [row[1], row[2], row[6]])
    assert.deepEqual(values, [
      ['Code', 'Nom', 'Chargé(e) de clientèle'],
      ['MA-RAB-09', 'Institut de Rabat', 'Karim BENALI'],
      ['MA-CAS-09', 'Institut de Casablanca', 'Karim BENALI'],
    ])
    assert.notInclude(JSON.stringify(values), foreign.name)
    const csv = await client.get('/centres/export/csv?q=lyon').loginAs(manager)
    assert.lengthOf(csv.text().trim().split('\r\n'), 2)
    await expectStatus(
      client.get('/centres/export/csv').loginAs(await makeUser('centre_manager', [casa])),
      403
    )
  })
})

test.group('Centre logo', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a manager uploads a logo, served only to those who see the centre; non-images are refused', async ({
    client,
    assert,
  }) => {
    const { mkdir, writeFile } = await import('node:fs/promises')
    const app = (await import('@adonisjs/core/services/app')).default
    await mkdir(app.tmpPath('test-fixtures'), { recursive: true })
    const png = app.tmpPath('test-fixtures', 'logo.png')
    await writeFile(
      png,
      Buffer.from(
        '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a5cb0000000049454e44ae426082',
        'hex'
      )
    )
    const svg = app.tmpPath('test-fixtures', 'logo.svg')
    await writeFile(svg, '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')

    const centre = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    const refused = await client
      .put(`/my-centre/${centre.id}`)
      .loginAs(manager)
      .field('city', 'Lyon')
      .file('logo', svg)
      .withCsrfToken()
      .redirects(0)
    assertFieldError(
      refused,
      'logo',
      'Le logo doit être une image PNG, JPEG ou WebP (son contenu a été vérifié).'
    )
    await centre.refresh()
    assert.isNull(centre.logoKey)

    await client
      .put(`/my-centre/${centre.id}`)
      .loginAs(manager)
      .field('city', 'Lyon')
      .file('logo', png)
      .withCsrfToken()
    await centre.refresh()
    assert.match(centre.logoKey ?? '', new RegExp(`^centres/${centre.id}/logo/`))
    const logo = await client.get(`/centres/${centre.id}/logo`).loginAs(manager)
    logo.assertHeader('content-type', 'image/png')
    logo.assertHeader('x-content-type-options', 'nosniff')
    await expectStatus(
      client
        .get(`/centres/${centre.id}/logo`)
        .loginAs(await makeUser('centre_manager', [await CentreFactory.create()])),
      404
    )
  })
})
