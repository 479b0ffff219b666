import { test } from '@japa/runner'
import { withoutNul } from '#middleware/input_sanitiser_middleware'

test.group('Input sanitiser', () => {
  test('drops NUL characters from strings, nested values and keys; leaves the rest', ({
    assert,
  }) => {
    assert.deepEqual(
      withoutNul({
        name: 'a\u0000b',
        list: ['x\u0000', 3, null, { 'k\u0000ey': 'v\u0000' }],
        keep: 'tab\tnew\nline é',
        flag: true,
      }),
      {
        name: 'ab',
        list: ['x', 3, null, { key: 'v' }],
        keep: 'tab\tnew\nline é',
        flag: true,
      }
    )
  })
})
