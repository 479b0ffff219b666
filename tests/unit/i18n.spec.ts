import { test } from '@japa/runner'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'

/** Flattens a translations file into dotted keys. */
function flatten(value: unknown, prefix = ''): string[] {
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, child]) =>
      flatten(child, prefix ? `${prefix}.${key}` : key)
    )
  }
  return [prefix]
}

async function keysOf(locale: string) {
  const dir = app.languageFilesPath(locale)
  const keys: string[] = []
  for (const file of await readdir(dir)) {
    const namespace = file.replace(/\.json$/, '')
    keys.push(...flatten(JSON.parse(await readFile(join(dir, file), 'utf8')), namespace))
  }
  return keys
}

async function filesUnder(dir: string, ext: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(ext))
    .map((e) => join(e.parentPath, e.name))
}

test.group('Translations', () => {
  test('French and English have the same keys', async ({ assert }) => {
    const fr = await keysOf('fr')
    const en = await keysOf('en')
    assert.deepEqual(
      fr.filter((k) => !en.includes(k)),
      [],
      'missing in English'
    )
    assert.deepEqual(
      en.filter((k) => !fr.includes(k)),
      [],
      'missing in French'
    )
  })

  test('every literal key used by views and code exists', async ({ assert }) => {
    const known = new Set(await keysOf('fr'))
    const files = [
      ...(await filesUnder(app.makePath('app'), '.edge')),
      ...(await filesUnder(app.makePath('app'), '.ts')),
      ...(await filesUnder(app.makePath('resources/views'), '.edge')),
    ]
    const missing: string[] = []
    for (const file of files) {
      const source = await readFile(file, 'utf8')
      for (const match of source.matchAll(/\bt\(\s*'([a-z_]+\.[a-z0-9_.]+)'\s*[,)]/g)) {
        if (!known.has(match[1])) missing.push(`${match[1]} (${file.replace(app.makePath(), '')})`)
      }
    }
    assert.deepEqual(missing, [])
  })
})
