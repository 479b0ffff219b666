import { test } from '@japa/runner'
import { calendarDate, calendarJsDate, parseIsoDate, parseParisDay } from '#shared/dates'

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
