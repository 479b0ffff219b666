import { test } from '@japa/runner'
import { mastery } from '#passports/services/mastery'

const r = (level: string, complexities = 0, hazards = 0) => ({ level, complexities, hazards })

test.group('Passports · mastery of a competence', () => {
  test('each result is worth 3, 2, 1 or 0 out of 3', ({ assert }) => {
    assert.equal(mastery([r('total')]), 100)
    assert.equal(mastery([r('partial')]), 67)
    assert.equal(mastery([r('acquiring')]), 33)
    assert.equal(mastery([r('errors')]), 0)
    // (3 + 2 + 1 + 0) / 12 = 50 %.
    assert.equal(mastery([r('total'), r('partial'), r('acquiring'), r('errors')]), 50)
  })

  test('complexities and hazards weigh: 1 + their number', ({ assert }) => {
    // Total with 2 complexities and 1 hazard (weight 4), errors alone (weight 1):
    // (4 × 3 + 1 × 0) / (3 × 5) = 12 / 15 = 80 %.
    assert.equal(mastery([r('total', 2, 1), r('errors')]), 80)
    // Partial with one hazard (weight 2), acquiring (weight 1): (2 × 2 + 1) / 9 = 55.6 → 56 %.
    assert.equal(mastery([r('partial', 0, 1), r('acquiring')]), 56)
    // Total (w 1), partial (w 2), acquiring (w 1), errors (w 4): (3 + 4 + 1 + 0) / 24 = 33.3 → 33 %.
    assert.equal(mastery([r('total'), r('partial', 1), r('acquiring'), r('errors', 2, 1)]), 33)
    // Total (w 5), errors (w 3): 15 / 24 = 62.5 % → 63 (halves round up).
    assert.equal(mastery([r('total', 2, 2), r('errors', 1, 1)]), 63)
  })

  test('absent and not assessable are left out, not zero; nothing observed gives no percentage', ({
    assert,
  }) => {
    assert.equal(mastery([r('total'), r('absent'), r('not_assessable', 3, 3)]), 100)
    assert.isNull(mastery([r('absent'), r('not_assessable')]))
    assert.isNull(mastery([]))
  })
})
