import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { uiGlobals } from '#shared/ui/view_globals'

/** What the helpers printed when they were luxon all the way. */
const byLuxon = (value: DateTime, zone: string, format: string) =>
  value.setZone(zone).toFormat(format)

test.group('View helpers · dates', () => {
  test('dates and times read as luxon wrote them, in every zone a centre may have', ({
    assert,
  }) => {
    const zones = ['Europe/Paris', 'UTC', 'America/Cayenne', 'Indian/Reunion', 'Pacific/Noumea']
    // Around the clock changes of 2026 in Paris, midnights and year ends, then a spread of instants.
    const instants = [
      '2026-03-29T00:59:59Z',
      '2026-03-29T01:00:00Z',
      '2026-10-25T00:59:59Z',
      '2026-10-25T01:00:00Z',
      '2026-12-31T22:59:59Z',
      '2026-12-31T23:00:00Z',
      '1900-01-01T00:00:00Z',
      '2099-12-31T23:59:59Z',
    ].map((iso) => DateTime.fromISO(iso, { zone: 'utc' }))
    for (let i = 0; i < 500; i++)
      instants.push(DateTime.fromMillis(Date.UTC(1950, 0, 1) + i * 9_876_543_210.123))
    for (const instant of instants) {
      for (const zone of zones) {
        assert.equal(uiGlobals.formatDate(instant, zone), byLuxon(instant, zone, 'dd/MM/yyyy'))
        assert.equal(
          uiGlobals.formatDateTime(instant.toJSDate(), zone),
          byLuxon(instant, zone, 'dd/MM/yyyy HH:mm')
        )
      }
      assert.equal(uiGlobals.formatDay(instant), byLuxon(instant, 'utc', 'dd/MM/yyyy'))
    }
  })

  test('Paris is the default zone; a calendar day is never shifted', ({ assert }) => {
    const lateEvening = DateTime.fromISO('2026-03-14T23:30:00Z')
    assert.equal(uiGlobals.formatDate(lateEvening), '15/03/2026')
    assert.equal(uiGlobals.formatDateTime(lateEvening), '15/03/2026 00:30')
    assert.equal(uiGlobals.formatDay(new Date('2026-03-14T00:00:00Z')), '14/03/2026')
    assert.equal(uiGlobals.formatDay('2026-03-14'), '14/03/2026')
  })

  test('nothing, invalid dates and far years print safely', ({ assert }) => {
    assert.equal(uiGlobals.formatDate(null), '')
    assert.equal(uiGlobals.formatDate(undefined), '')
    assert.equal(uiGlobals.formatDate(new Date('nope')), '')
    assert.equal(uiGlobals.formatDate(DateTime.invalid('test')), '')
    assert.equal(uiGlobals.formatDate('not a date'), '')
    assert.equal(uiGlobals.formatDay(new Date('0999-03-14T00:00:00Z')), '14/03/0999')
    assert.equal(uiGlobals.formatDate(new Date('2026-03-14T10:00:00Z'), 'Not/AZone'), '')
  })
})
