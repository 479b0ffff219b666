import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { CENTRE_SELECT_LIMIT } from '#centres'
import { CentreFactory, TEST_PASSWORD, makeSession, makeUser } from '#database/factories/index'
import { logIn } from '#tests/browser/helpers'

test.group('Browser | centre filter', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('past 30 centres, the network searches a centre by name, picks a suggestion or types and presses Enter', async ({
    visit,
    assert,
  }) => {
    const rows = Array.from({ length: CENTRE_SELECT_LIMIT + 1 }, (_, i) => ({
      code: `PAD-${String(i).padStart(3, '0')}`,
      name: `Centre de remplissage ${i}`,
    }))
    await CentreFactory.merge(rows).createMany(rows.length)
    const lyon = await CentreFactory.merge({ name: 'Alliance Lyon', code: 'FR-LYO' }).create()
    const paris = await CentreFactory.merge({ name: 'Espace Paris', code: 'FR-PAR' }).create()
    const inLyon = await makeSession(lyon)
    const inParis = await makeSession(paris)
    const admin = await makeUser('network_admin')
    const page = await visit('/login')
    await logIn(page, admin.email, TEST_PASSWORD)
    await page.getByTestId('current-user').waitFor()
    await page.goto('/sessions')
    await page.evaluate(() => ((globalThis as any).__noReload = true))
    await page.assertTextContains('#sessions-table', String(inParis.number))

    // Focused, the field offers the first centres by name; typing narrows the suggestions.
    const field = page.getByLabel('Centre', { exact: true })
    const suggestions = (): Promise<string[]> =>
      page
        .locator('#f-centre-choices option')
        .evaluateAll((options: any[]) => options.map((option) => option.value))
    const suggested = (count: number) =>
      page.waitForFunction(
        `document.querySelectorAll('#f-centre-choices option').length === ${count}`
      )
    await field.focus()
    await suggested(20)
    assert.equal((await suggestions())[0], 'Alliance Lyon (FR-LYO)')
    await field.pressSequentially('lyo', { delay: 30 })
    await suggested(1)
    assert.deepEqual(await suggestions(), ['Alliance Lyon (FR-LYO)'])

    // Picking a suggestion (the browser replaces the text) filters the list at once.
    await field.evaluate((input: any) => {
      input.value = 'Alliance Lyon (FR-LYO)'
      const { InputEvent } = globalThis as any
      input.dispatchEvent(
        new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText' })
      )
    })
    await page.waitForURL(/centre=Alliance\+Lyon|centre=Alliance%20Lyon/)
    await page.assertTextContains('#sessions-table', String(inLyon.number))
    await page.assertNotExists(`#sessions-table >> text=${inParis.number}`)

    // Typed text and Enter: every centre whose name holds it.
    await field.fill('espace')
    await field.press('Enter')
    await page.waitForURL(/centre=espace/)
    await page.assertTextContains('#sessions-table', String(inParis.number))
    await page.assertNotExists(`#sessions-table >> text=${inLyon.number}`)
    assert.isTrue(await page.evaluate(() => (globalThis as any).__noReload === true))

    // A link with the centre's id names it in the field.
    await page.goto(`/sessions?centre=${lyon.id}`)
    assert.equal(await field.inputValue(), 'Alliance Lyon (FR-LYO)')
  })
})
