import { test } from '@japa/runner'
import i18nManager from '@adonisjs/i18n/services/main'
import { memoise } from '#shared/i18n/memoised_formatter'

/** A formatter that counts its calls and says what it was given. */
function counting() {
  const calls: string[] = []
  return {
    calls,
    formatter: {
      name: 'probe',
      format(message: string, locale: string, data?: Record<string, any>) {
        calls.push(message)
        return `${locale}:${message}:${JSON.stringify(data ?? {})}`
      },
    },
  }
}

test.group('Memoised translations', () => {
  test('a message without values is formatted once per locale', ({ assert }) => {
    const { calls, formatter } = counting()
    const memo = memoise(formatter)
    assert.equal(memo.format('Bonjour', 'fr'), 'fr:Bonjour:{}')
    assert.equal(memo.format('Bonjour', 'fr', {}), 'fr:Bonjour:{}')
    assert.equal(memo.format('Bonjour', 'en'), 'en:Bonjour:{}')
    assert.deepEqual(calls, ['Bonjour', 'Bonjour'])
  })

  test('values of plain types are part of the memo; others are formatted each time', ({
    assert,
  }) => {
    const { calls, formatter } = counting()
    const memo = memoise(formatter)
    assert.equal(memo.format('{count} jours', 'fr', { count: 2 }), 'fr:{count} jours:{"count":2}')
    assert.equal(memo.format('{count} jours', 'fr', { count: 3 }), 'fr:{count} jours:{"count":3}')
    memo.format('{count} jours', 'fr', { count: 2 })
    assert.lengthOf(calls, 2)
    const date = new Date(2026, 0, 1)
    memo.format('{day, date}', 'fr', { day: date })
    memo.format('{day, date}', 'fr', { day: date })
    assert.lengthOf(calls, 4)
  })

  test("the app's translations go through it and stay right, plural and values included", ({
    assert,
  }) => {
    const fr = i18nManager.locale('fr')
    assert.equal(fr.t('ui.results', { count: 1 }), fr.t('ui.results', { count: 1 }))
    assert.notEqual(fr.t('ui.results', { count: 1 }), fr.t('ui.results', { count: 2 }))
    assert.match(fr.t('ui.results', { count: 2 }), /2/)
    assert.equal(
      i18nManager.locale('en').t('sessions.registrations_no_match'),
      'No candidate matches'
    )
    assert.equal(fr.t('sessions.registrations_no_match'), 'Aucun candidat ne correspond')
  })
})
