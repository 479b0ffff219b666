// Copies the browser libraries we serve ourselves (no CDN) into public/vendor.
import { cpSync, mkdirSync, existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const target = new URL('../public/vendor/', import.meta.url).pathname
mkdirSync(target, { recursive: true })

const files = [
  ['htmx.org', 'dist/htmx.min.js', 'htmx.min.js'],
  ['alpinejs', 'dist/cdn.min.js', 'alpine.min.js'],
]
for (const [pkg, file, name] of files) {
  const root = dirname(require.resolve(`${pkg}/package.json`))
  const source = join(root, file)
  if (!existsSync(source)) throw new Error(`vendor: ${source} is missing`)
  cpSync(source, join(target, name))
}
