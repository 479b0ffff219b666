// Creates .env from .env.example on a fresh clone, with a random APP_KEY.
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
}
