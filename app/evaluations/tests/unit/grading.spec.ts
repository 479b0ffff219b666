import { test } from '@japa/runner'
import { readGrading } from '#evaluations/services/evaluations'
import { periodOf } from '#evaluations/services/periods'
import { DomainError } from '#shared/errors'
import { isObserved } from '#evaluations/services/levels'

test.group('Evaluations · reading a grading form', () => {
  test('cells, comments, visibility and what the page showed are read by learner and competence', ({
    assert,
  }) => {
    const { grades, comments, visibility } = readGrading({
      grades: { l12: { c3: 'total', c4: '' }, l13: { c3: 'absent' } },
      expected: { l12: { c3: 'partial' } },
      comments: { l12: '  Bien\r\nvu  ', l13: '' },
      expected_comments: { l13: 'Ancien' },
      visible_shown: '1',
      expected_visible: '0',
    })
    assert.deepEqual(grades, [
      { learnerId: 12, competenceId: 3, level: 'total', expected: 'partial' },
      { learnerId: 12, competenceId: 4, level: null },
      { learnerId: 13, competenceId: 3, level: 'absent' },
    ])
    assert.deepEqual(comments, [
      { learnerId: 12, comment: 'Bien\nvu' },
      { learnerId: 13, comment: null, expected: 'Ancien' },
    ])
    assert.deepEqual(visibility, { visible: false, expected: false })
    assert.isNull(readGrading({}).visibility)
  })

  test('a level outside the scale, a comment too long, odd keys, lists and a cell said twice are refused', ({
    assert,
  }) => {
    const refused = [
      { grades: { l1: { c1: 'excellent' } } },
      { comments: { l1: 'x'.repeat(2001) } },
      { grades: { lx: { c1: 'total' } } },
      { grades: { l1: { cz: 'total' } } },
      { grades: { 1: { c1: 'total' } } },
      { grades: { l1: { c1: ['total', 'absent'] } } },
      { grades: { l1: { c1: 'total', c01: 'absent' } } },
      { grades: 'total' },
      { comments: { l1: { x: 'y' } } },
      { expected: { l1: { c1: 'excellent' } } },
    ]
    for (const input of refused)
      assert.throws(() => readGrading(input), DomainError, /evaluation_/, JSON.stringify(input))
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
    for (const value of [
      '',
      '0000',
      '12/2000000',
      'mars',
      '2026-13',
      '31/02/2026',
      '12/3/2026',
      "2026' OR 1=1",
    ])
      assert.isNull(periodOf(value), value)
  })
})
