import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { User } from '#accounts'
import { CentreFactory, TEST_PASSWORD, makeUser } from '#database/factories/index'
import { logIn } from '#tests/browser/helpers'

test.group('Browser | users table', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  async function signedInAdmin(visit: (url: string) => Promise<any>) {
    const admin = await makeUser('network_admin')
    const page = await visit('/login')
    await logIn(page, admin.email, TEST_PASSWORD)
    await page.getByTestId('current-user').waitFor()
    return page
  }

  test('active search and sorting update the table in place and the URL', async ({
    visit,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    await makeUser('centre_staff', [centre], { lastName: 'Zola', firstName: 'Émile' })
    await makeUser('evaluator', [centre], { lastName: 'Abadie', firstName: 'Anne' })
    const page = await signedInAdmin(visit)
    await page.goto('/users')
    // A marker on the window survives partial updates, not full reloads.
    await page.evaluate(() => ((globalThis as any).__noReload = true))

    await page.getByLabel('Recherche').fill('zol')
    await page.waitForURL(/q=zol/)
    await page.assertTextContains('#users-table', 'ZOLA')
    await page.assertNotExists('#users-table >> text=ABADIE')

    await page.getByLabel('Recherche').fill('')
    await page.waitForURL((url: URL) => !url.search.includes('q=zol'))
    await page.getByRole('link', { name: 'Nom' }).click()
    await page.waitForURL(/dir=desc/)
    const names = await page.locator('#users-table tbody td:first-child').allTextContents()
    assert.isBelow(
      names.findIndex((n: string) => n.includes('ZOLA')),
      names.findIndex((n: string) => n.includes('ABADIE'))
    )
    assert.isTrue(await page.evaluate(() => (globalThis as any).__noReload === true))
  })

  test('disabling a user asks for confirmation first', async ({ visit, assert }) => {
    const centre = await CentreFactory.create()
    const target = await makeUser('centre_staff', [centre])
    const page = await signedInAdmin(visit)
    await page.goto(`/users/${target.id}`)

    await page.getByRole('button', { name: 'Désactiver' }).click()
    await page.getByRole('dialog').waitFor()
    await page.getByRole('button', { name: 'Annuler' }).click()
    await target.refresh()
    assert.equal(target.status, 'active')

    await page.getByRole('button', { name: 'Désactiver' }).click()
    await page.getByTestId('confirm').click()
    await page.assertTextContains('.flash-success', "L'utilisateur a été désactivé.")
    const after = await User.findOrFail(target.id)
    assert.equal(after.status, 'disabled')
  })
})
