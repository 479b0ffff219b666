import { AssertionError } from 'node:assert'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Locator, Page } from 'playwright'
import { decoratorsCollection } from '@japa/browser-client'

/**
 * @japa/browser-client's assertTextContains can pass when it should fail: a
 * retry still waiting on innerText (2 s) when its 5 s budget runs out makes the
 * race resolve as a success (a missing element "contains" any text). This one
 * polls with short waits and fails with what it saw.
 */
async function textContains(page: Page, selector: string | Locator, expected: string) {
  const locator = typeof selector === 'string' ? page.locator(selector) : selector
  const deadline = Date.now() + 5000
  let seen = ''
  for (;;) {
    try {
      const text = await locator.innerText({ timeout: 250 })
      if (text.includes(expected)) return
      seen = `its text was '${text.slice(0, 400)}'`
    } catch (error) {
      seen = (error as Error).message.split('\n')[0]
    }
    if (Date.now() > deadline) break
    await sleep(100)
  }
  throw new AssertionError({
    message: `expected ${String(selector)} inner text to include '${expected}': ${seen}`,
  })
}

decoratorsCollection.register({
  page(page) {
    ;(page as any).assertTextContains = function (selector: string | Locator, expected: string) {
      return textContains(this, selector, expected)
    }
  },
})
