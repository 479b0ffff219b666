import { existsSync } from 'node:fs'

/**
 * Where Chromium is: CHROMIUM_PATH, else Debian's /usr/bin/chromium. Used for
 * PDFs and browser tests; a clear error when it is missing.
 */
export function chromiumPath(explicit?: string) {
  const path = explicit || process.env.CHROMIUM_PATH || '/usr/bin/chromium'
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}: install it (apt-get install chromium) or set CHROMIUM_PATH`
    )
  }
  return path
}
