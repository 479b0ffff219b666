import { test } from '@japa/runner'
import { calendarDate, calendarJsDate, instantOf, parseIsoDate, parseParisDay } from '#shared/dates'

test.group('Dates from a query string', () => {
  test('a real day of a year a person means, or nothing', ({ assert }) => {
    assert.equal(parseIsoDate('2026-03-12')?.toISODate(), '2026-03-12')
    // PostgreSQL has no year 0: '0001-01-01' at midnight in Paris is in year 0 in UTC.
    for (const value of ['0000-01-01', '0001-01-01', '1899-12-31', '3000-01-01', '2026-02-30'])
      assert.isNull(parseIsoDate(value), value)
    for (const value of ['2026-03', '12/03/2026', ' 2026-03-12', ['2026-03-12'], 20260312])
      assert.isNull(parseIsoDate(value), String(value))
  })

  test('a Paris day starts at midnight in Paris', ({ assert }) => {
    const day = parseParisDay('2026-07-01')!
    assert.equal(day.toUTC().toFormat('yyyy-MM-dd HH:mm:ss'), '2026-06-30 22:00:00')
    assert.isNull(parseParisDay('0000-01-01'))
  })
})

test.group('Calendar dates read from the database', () => {
  test('as JS dates at UTC midnight, the same as through luxon', ({ assert }) => {
    // SQLite hands back the text, node-postgres a Date at local midnight.
    for (const value of ['2026-03-12', '2026-03-12T00:00:00', new Date(2026, 2, 12), '1999-12-31'])
      assert.equal(
        calendarJsDate(value)?.toISOString(),
        calendarDate.consume(value)?.toJSDate().toISOString(),
        String(value)
      )
    assert.equal(calendarJsDate('2026-03-12')?.toISOString(), '2026-03-12T00:00:00.000Z')
    for (const value of [null, undefined, '', '2026-02-30', 'soon'])
      assert.isNull(calendarJsDate(value), String(value))
  })
})

test.group('Timestamps read from the database', () => {
  test('as the instant Lucid stored, whatever the driver hands back', ({ assert }) => {
    const instant = new Date('2026-03-04T23:30:00.000Z')
    // node-postgres: a Date. SQLite: the text Lucid wrote (UTC), or an ISO instant.
    assert.equal(instantOf(instant)?.toISOString(), instant.toISOString())
    assert.equal(instantOf('2026-03-04 23:30:00')?.toISOString(), instant.toISOString())
    assert.equal(instantOf('2026-03-04T23:30:00.000Z')?.toISOString(), instant.toISOString())
    assert.equal(instantOf('2026-03-05T00:30:00+01:00')?.toISOString(), instant.toISOString())
    assert.equal(instantOf('2026-03-04 23:30')?.toISOString(), instant.toISOString())
    for (const value of [null, undefined, '', 'yesterday', '2026-03-04', new Date(Number.NaN)])
      assert.isNull(instantOf(value), String(value))
  })
})
