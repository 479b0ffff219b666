import { chromium } from 'playwright'
const [, , email, path, out, width] = process.argv
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' })
const page = await browser.newPage({ viewport: { width: Number(width || 1280), height: 900 }, locale: 'fr-FR' })
const base = 'http://127.0.0.1:3340'
await page.goto(base + '/login')
await page.getByLabel('Email').fill(email)
await page.getByLabel('Mot de passe', { exact: false }).first().fill('passerelle-demo')
await page.getByRole('button', { name: 'Se connecter' }).click()
await page.waitForLoadState('networkidle')
await page.goto(base + path)
await page.waitForLoadState('networkidle')
await page.screenshot({ path: out, fullPage: true })
const text = await page.locator('main').innerText()
console.log(text.slice(0, 3000))
await browser.close()
