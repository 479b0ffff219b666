import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { parseResultInput } from '#orders/services/results'
import { resultColumns } from '#orders/services/results_import'

const item = (passedOn: unknown) => ({
  result_id: 'R-1',
  email: ' Ana@Example.TEST ',
  exam_type: 'mock_remote',
  score: '612',
  passed_on: passedOn,
  validation: 'validated',
})

const dayOf = (passedOn: unknown) => {
  const parsed = parseResultInput(item(passedOn))
  return typeof parsed === 'string' ? parsed : parsed.passedOn.toISO()
}

test.group('Orders · a result’s day of passing', () => {
  test('a day, or the day of a date-time, at midnight UTC', ({ assert }) => {
    assert.equal(dayOf('2026-06-12'), '2026-06-12T00:00:00.000Z')
    assert.equal(dayOf(' 2026-06-12T23:30:00+02:00 '), '2026-06-12T00:00:00.000Z')
    const parsed = parseResultInput(item('2026-06-12'))
    assert.notTypeOf(parsed, 'string')
    if (typeof parsed !== 'string') {
      assert.equal(parsed.email, 'ana@example.test')
      assert.equal(parsed.score, 612)
    }
  })

  test('not a date, a French date in JSON, or before 2000: refused', ({ assert }) => {
    for (const text of ['', 'demain', '12/06/2026', '2026-13-01', '2026-02-30', '1999-12-31', null])
      assert.equal(dayOf(text), 'result_date', String(text))
    assert.equal(dayOf('2000-01-01'), '2000-01-01T00:00:00.000Z')
  })

  test('tomorrow is taken (another time zone), the day after is in the future', ({ assert }) => {
    const today = DateTime.utc().startOf('day')
    assert.equal(dayOf(today.plus({ days: 1 }).toISODate()), today.plus({ days: 1 }).toISO())
    assert.equal(dayOf(today.plus({ days: 2 }).toISODate()), 'result_date_future')
  })

  test('the same text read twice gives the same day (memoised) and stays valid', ({ assert }) => {
    for (let i = 0; i < 3; i++) {
      assert.equal(dayOf('2026-03-04'), '2026-03-04T00:00:00.000Z')
      assert.equal(dayOf('2026-03-40'), 'result_date')
    }
  })
})

test.group('Orders · a results file’s columns', () => {
  test('types and validations in French or as codes, accents and case folded', ({ assert }) => {
    const columns = resultColumns((type) =>
      type === 'mock_remote' ? 'Examen blanc à distance' : type
    )
    const type = columns.find((c) => c.key === 'exam_type')!.parse!
    const validation = columns.find((c) => c.key === 'validation')!.parse!
    for (let i = 0; i < 2; i++) {
      assert.equal(type(' examen BLANC  a distance '), 'mock_remote')
      assert.equal(type('mock_remote'), 'mock_remote')
      assert.deepEqual(type('TOEIC'), { error: 'result_type' })
      assert.equal(validation('Validé'), 'validated')
      assert.equal(validation('EN ATTENTE'), 'pending')
      assert.deepEqual(validation('peut-être'), { error: 'result_validation' })
    }
    const day = columns.find((c) => c.key === 'passed_on')!.parse!
    assert.equal(day('12/06/2026'), '2026-06-12')
    assert.equal(day('2026-06-12T10:00:00Z'), '2026-06-12')
  })
})
