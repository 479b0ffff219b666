import { test } from '@japa/runner'
import { readdir, readFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import { IntlMessageFormat } from 'intl-messageformat'

/** Every string of a translation file, with its dotted key. */
function* messages(tree: Record<string, unknown>, prefix = ''): Generator<[string, string]> {
  for (const [key, value] of Object.entries(tree)) {
    if (value && typeof value === 'object')
      yield* messages(value as Record<string, unknown>, `${prefix}${key}.`)
    else yield [`${prefix}${key}`, String(value)]
  }
}

test.group('Translations', () => {
  test('every message is valid ICU (a stray { or <tag> would make its page answer 500)', async ({
    assert,
  }) => {
    const broken: string[] = []
    let count = 0
    for (const locale of ['fr', 'en']) {
      const dir = app.makePath('resources/lang', locale)
      for (const file of await readdir(dir)) {
        const tree = JSON.parse(await readFile(`${dir}/${file}`, 'utf8'))
        for (const [key, text] of messages(tree)) {
          count++
          try {
            new IntlMessageFormat(text, locale)
          } catch (error) {
            broken.push(`${locale}/${file} ${key}: ${(error as Error).message}`)
          }
        }
      }
    }
    assert.isAbove(count, 1000)
    assert.deepEqual(broken, [])
  })

  test('French and English have the same keys', async ({ assert }) => {
    const keysOf = async (locale: string) => {
      const dir = app.makePath('resources/lang', locale)
      const keys = new Set<string>()
      for (const file of await readdir(dir)) {
        const tree = JSON.parse(await readFile(`${dir}/${file}`, 'utf8'))
        for (const [key] of messages(tree)) keys.add(`${file}:${key}`)
      }
      return keys
    }
    const fr = await keysOf('fr')
    const en = await keysOf('en')
    assert.deepEqual(
      [...fr].filter((key) => !en.has(key)),
      []
    )
    assert.deepEqual(
      [...en].filter((key) => !fr.has(key)),
      []
    )
  })
})
