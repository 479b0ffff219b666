import type { Browser, Page } from 'playwright'
import { DEMO_PASSWORD } from '#database/demo'

/** Fills and submits the login form as a person would. */
export async function logIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Mot de passe', { exact: false }).first().fill(password)
  await page.getByRole('button', { name: 'Se connecter' }).click()
}

/** The visible labels of the main menu, top level and submenus. */
export async function menuLabels(page: Page) {
  const texts = await page.getByTestId('main-menu').locator('a, summary').allTextContents()
  return texts.map((text) => text.trim())
}

/** A second, independent browser session (another person at another desk). */
export async function newPerson(browser: Browser) {
  const context = await browser.newContext({
    locale: 'fr-FR',
    baseURL: `http://${process.env.HOST}:${process.env.PORT}`,
  })
  return context.newPage()
}

/**
 * Waits until the service worker controls the page, as after an installed
 * app's first visit: once it is active, a reload puts the page under it.
 */
export async function underServiceWorker(page: Page) {
  await page.evaluate('navigator.serviceWorker.ready.then(() => true)')
  if (!(await page.evaluate('navigator.serviceWorker.controller !== null'))) await page.reload()
  await page.waitForFunction('navigator.serviceWorker.controller !== null', null, {
    timeout: 20_000,
  })
}
