import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { User } from '#accounts'
import AuditLog from '#shared/audit/audit_log'
import { CentreFactory, makeUser } from '#database/factories/index'
import {
  assertRedirect,
  assertFieldError,
  assertTextExcludes,
  expectStatus,
} from '#tests/helpers/http'

test.group('Users | management', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the list searches, filters and sorts; htmx gets only the table', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const admin = await makeUser('network_admin')
    await makeUser('centre_staff', [centre], { lastName: 'Zola', firstName: 'Émile' })
    await makeUser('evaluator', [centre], { lastName: 'Abadie', firstName: 'Anne' })

    const search = await client.get('/users?q=zol').loginAs(admin)
    search.assertTextIncludes('ZOLA')
    search.assertTextIncludes('data-status="active">Actif</span>')
    assertTextExcludes(search, 'ABADIE')

    const filtered = await client.get('/users?role=evaluator').loginAs(admin)
    filtered.assertTextIncludes('ABADIE')
    assertTextExcludes(filtered, 'ZOLA')

    const sorted = await client.get('/users?sort=name&dir=desc').loginAs(admin)
    const text = sorted.text()
    assert.isBelow(text.indexOf('ZOLA'), text.indexOf('ABADIE'))

    const fragment = await client.get('/users?q=zol').loginAs(admin).header('HX-Request', 'true')
    assert.notInclude(fragment.text(), '<html')
    assert.include(fragment.text(), 'ZOLA')

    const none = await client.get('/users?q=nobody-matches').loginAs(admin)
    none.assertTextIncludes('Aucun utilisateur')
    // LIKE wildcards typed by the user are searched literally.
    const wildcard = await client.get('/users?q=%25').loginAs(admin)
    wildcard.assertTextIncludes('Aucun utilisateur')
  })

  test('changing a role is audited with before and after', async ({ client, assert }) => {
    const centre = await CentreFactory.create()
    const admin = await makeUser('network_admin')
    const user = await makeUser('centre_staff', [centre])
    const response = await client
      .put(`/users/${user.id}`)
      .loginAs(admin)
      .form({
        first_name: user.firstName,
        last_name: user.lastName,
        email: user.email,
        role: 'centre_manager',
        centre_ids: [centre.id],
      })
      .withCsrfToken()
      .redirects(0)
    assertRedirect(response, `/users/${user.id}`)
    await user.refresh()
    assert.equal(user.role, 'centre_manager')
    const entry = await AuditLog.query()
      .where('action', 'user.role_changed')
      .where('entity_id', String(user.id))
      .firstOrFail()
    assert.deepEqual(entry.before, { role: 'centre_staff' })
    assert.deepEqual(entry.after, { role: 'centre_manager' })
    assert.equal(entry.actorId, admin.id)
  })

  test('emails are unique and validation errors keep the entries', async ({ client }) => {
    const admin = await makeUser('network_admin')
    const existing = await makeUser('centre_staff')
    const response = await client
      .post('/users')
      .loginAs(admin)
      .form({
        first_name: 'Jean',
        last_name: 'Dupont',
        email: existing.email.toUpperCase(),
        role: 'centre_staff',
      })
      .withCsrfToken()
      .redirects(0)
    assertFieldError(response, 'email', 'Cette valeur est déjà utilisée.')
    response.assertFlashMessage('last_name', 'Dupont')
  })

  test('an account manager keeps centres outside its portfolio when editing', async ({
    client,
    assert,
  }) => {
    const mine = await CentreFactory.create()
    const other = await CentreFactory.create()
    const manager = await makeUser('account_manager', [mine])
    const user = await makeUser('centre_staff', [mine, other])
    await client
      .put(`/users/${user.id}`)
      .loginAs(manager)
      .form({
        first_name: 'Léa',
        last_name: user.lastName,
        email: user.email,
        role: 'centre_staff',
        centre_ids: [mine.id],
      })
      .withCsrfToken()
    assert.sameMembers(await User.centreIdsOf(user.id), [mine.id, other.id])
  })

  test('a manager cannot create a centre user outside its centres (no orphan account)', async ({
    client,
    assert,
  }) => {
    const mine = await CentreFactory.create()
    const other = await CentreFactory.create()
    const manager = await makeUser('account_manager', [mine])
    const count = async () => Number((await User.query().count('* as n'))[0].$extras.n)
    const before = await count()
    for (const centreIds of [[other.id], []]) {
      const refused = await client
        .post('/users')
        .loginAs(manager)
        .form({
          first_name: 'Orphée',
          last_name: 'Sanscentre',
          email: 'orphee.sanscentre@example.test',
          role: 'centre_staff',
          centre_ids: centreIds,
        })
        .withCsrfToken()
        .redirects(0)
      assertFieldError(
        refused,
        'centre_ids',
        'Choisissez au moins un de vos centres pour cet utilisateur.'
      )
    }
    assert.equal(await count(), before)
    assert.isNull(await User.findBy('email', 'orphee.sanscentre@example.test'))
  })

  test('disabling keeps the user, logs it out and blocks its login; enabling restores it', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const admin = await makeUser('network_admin')
    const user = await makeUser('centre_staff', [centre])
    await client.post(`/users/${user.id}/disablement`).loginAs(admin).withCsrfToken()
    await user.refresh()
    assert.equal(user.status, 'disabled')
    assert.exists(await AuditLog.query().where('action', 'user.disabled').first())

    const page = await client.get('/').loginAs(user).redirects(0)
    assertRedirect(page, '/login')

    await client.delete(`/users/${user.id}/disablement`).loginAs(admin).withCsrfToken()
    await user.refresh()
    assert.equal(user.status, 'active')
  })

  test('nobody disables itself', async ({ client }) => {
    const admin = await makeUser('network_admin')
    const response = await client
      .post(`/users/${admin.id}/disablement`)
      .loginAs(admin)
      .withCsrfToken()
    response.assertStatus(403)
  })
})

test.group('Users | export as shown', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('xlsx and csv hold the filtered rows only, in the table order', async ({
    client,
    assert,
  }) => {
    const ExcelJS = (await import('exceljs')).default
    const centre = await CentreFactory.create()
    const admin = await makeUser('network_admin')
    await makeUser('evaluator', [centre], { lastName: 'Zola', firstName: 'Émile' })
    await makeUser('evaluator', [centre], { lastName: 'Abadie', firstName: '=cmd|calc' })
    await makeUser('centre_staff', [centre], { lastName: 'Martin', firstName: 'Paul' })

    const xlsx = await client
      .get('/users/export/xlsx?role=evaluator&sort=name&dir=desc')
      .loginAs(admin)
    xlsx.assertStatus(200)
    xlsx.assertHeader(
      'content-type',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    )
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx.body())
    const sheet = workbook.worksheets[0]
    const rows = sheet
      .getSheetValues()
      .filter(Boolean)
      .map((row: any) => row.slice(1, 5))
    assert.deepEqual(rows, [
      ['Nom', 'Prénom', 'Email', 'Rôle'],
      ['ZOLA', 'Émile', rows[1][2], 'Évaluateur centre'],
      ['ABADIE', "'=cmd|calc", rows[2][2], 'Évaluateur centre'],
    ])

    const csv = await client.get('/users/export/csv?q=mart').loginAs(admin)
    csv.assertHeader('content-type', 'text/csv; charset=utf-8')
    const lines = csv
      .text()
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    assert.lengthOf(lines, 2)
    assert.match(lines[1], /^MARTIN;Paul;/)
  })

  test("an export never includes another centre's users, and is refused to roles without the list", async ({
    client,
  }) => {
    const mine = await CentreFactory.create()
    const other = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [mine])
    const stranger = await makeUser('centre_staff', [other], { lastName: 'Etranger' })
    const csv = await client.get('/users/export/csv').loginAs(manager)
    assertTextExcludes(csv, stranger.email)
    await expectStatus(
      client.get('/users/export/csv').loginAs(await makeUser('centre_staff', [mine])),
      403
    )
  })
})
