// Creates .env from .env.example on a fresh clone, with a random APP_KEY,
// and brings an older .env up to date.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { randomBytes } from 'node:crypto'

const root = new URL('../', import.meta.url)
const env = new URL('.env', root)
mkdirSync(new URL('tmp/', root), { recursive: true })
if (!existsSync(env)) {
  const example = readFileSync(new URL('.env.example', root), 'utf8')
  writeFileSync(
    env,
    example.replace(/^APP_KEY=.*$/m, `APP_KEY=${randomBytes(24).toString('base64url')}`)
  )
  console.log('Created .env from .env.example')
} else {
  // Sessions moved from the cookie to the server (ended by logout, password change, disabling).
  const current = readFileSync(env, 'utf8')
  const updated = current.replace(/^SESSION_DRIVER=cookie$/m, 'SESSION_DRIVER=database')
  if (updated !== current) {
    writeFileSync(env, updated)
    console.log('.env: SESSION_DRIVER=cookie is now SESSION_DRIVER=database (server-side sessions)')
  }
}
