import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { User } from '#accounts'
import AuditLog from '#shared/audit/audit_log'
import { CentreFactory, makeUser } from '#database/factories/index'
import { assertRedirect, assertFieldError, assertTextExcludes } from '#tests/helpers/http'

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
