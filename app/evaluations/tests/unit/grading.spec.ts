import { test } from '@japa/runner'
import { readGrading } from '#evaluations/services/evaluations'
import { periodOf } from '#evaluations/services/periods'
import { DomainError } from '#shared/errors'
import { isObserved } from '#evaluations/services/levels'

test.group('Evaluations · reading a grading form', () => {
  test('cells and comments are read by learner and competence; an empty cell clears', ({
    assert,
  }) => {
    const { grades, comments } = readGrading({
      grades: { l12: { c3: 'total', c4: '' }, l13: { c3: ['partial', 'absent'] } },
      comments: { l12: '  Bien  ', l13: '' },
    })
    assert.deepEqual(grades, [
      { learnerId: 12, competenceId: 3, level: 'total' },
      { learnerId: 12, competenceId: 4, level: null },
      { learnerId: 13, competenceId: 3, level: 'absent' },
    ])
    assert.deepEqual(comments, [
      { learnerId: 12, comment: 'Bien' },
      { learnerId: 13, comment: null },
    ])
  })

  test('a level outside the scale or a comment too long is refused; junk keys are ignored', ({
    assert,
  }) => {
    assert.throws(() => readGrading({ grades: { l1: { c1: 'excellent' } } }), DomainError)
    assert.throws(() => readGrading({ comments: { l1: 'x'.repeat(2001) } }), DomainError)
    const { grades } = readGrading({
      grades: { lx: { c1: 'total' }, l1: { cz: 'total' }, l99999999999: { c1: 'total' } },
    })
    assert.deepEqual(grades, [])
  })

  test('absent and not assessable are not observations of mastery', ({ assert }) => {
    assert.isFalse(isObserved('absent'))
    assert.isFalse(isObserved('not_assessable'))
    assert.isTrue(isObserved('errors'))
  })
})

test.group('Evaluations · the learner date filter', () => {
  test('a year, a month or a day becomes a date range', ({ assert }) => {
    assert.deepEqual(periodOf('2026'), ['2026-01-01', '2026-12-31'])
    assert.deepEqual(periodOf('2026-02'), ['2026-02-01', '2026-02-28'])
    assert.deepEqual(periodOf('02/2028'), ['2028-02-01', '2028-02-29'])
    assert.deepEqual(periodOf(' 12/03/2026 '), ['2026-03-12', '2026-03-12'])
    assert.deepEqual(periodOf('2026-03-12'), ['2026-03-12', '2026-03-12'])
  })

  test('anything else filters nothing', ({ assert }) => {
    for (const value of ['', 'mars', '2026-13', '31/02/2026', '12/3/2026', "2026' OR 1=1"])
      assert.isNull(periodOf(value), value)
  })
})
