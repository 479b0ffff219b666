import { readFileSync } from 'node:fs'

/** The app's version (package.json), shown on the login page for support calls. */
export const appVersion: string = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8')
).version
