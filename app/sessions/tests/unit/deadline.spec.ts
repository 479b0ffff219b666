import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { registrationDeadline } from '#sessions/services/deadline'
import { nextSessionNumber } from '#sessions/services/sessions'
import { ACCESS_CODE_PATTERN, accessCode } from '#shared/codes'
import { CentreFactory, makeSession } from '#database/factories/index'

/** A local time in a zone → the deadline, shown in Paris time. */
function deadlineFor(local: string, zone: string) {
  const startsAt = DateTime.fromISO(local, { zone })
  return registrationDeadline(startsAt, zone).setZone('Europe/Paris').toISO({
    suppressMilliseconds: true,
  })
}

test.group('Sessions · registration deadline (2 calendar days, 00:00 Paris)', () => {
  test('a Tuesday session closes at the midnight between Saturday and Sunday', ({ assert }) => {
    // Tuesday 17 November 2026, 09:00 in Paris → Sunday 15 November 00:00 Paris.
    assert.equal(deadlineFor('2026-11-17T09:00', 'Europe/Paris'), '2026-11-15T00:00:00+01:00')
  })

  test('the hour of the session does not matter, only its date', ({ assert }) => {
    assert.equal(deadlineFor('2026-11-17T00:30', 'Europe/Paris'), '2026-11-15T00:00:00+01:00')
    assert.equal(deadlineFor('2026-11-17T23:30', 'Europe/Paris'), '2026-11-15T00:00:00+01:00')
  })

  test('across the spring DST change (29 March 2026) it is still midnight, Paris time', ({
    assert,
  }) => {
    // Tuesday 31 March (CEST) → Sunday 29 March 00:00, before the 02:00 jump (still CET).
    assert.equal(deadlineFor('2026-03-31T09:00', 'Europe/Paris'), '2026-03-29T00:00:00+01:00')
    // Wednesday 1 April → Monday 30 March 00:00 CEST.
    assert.equal(deadlineFor('2026-04-01T09:00', 'Europe/Paris'), '2026-03-30T00:00:00+02:00')
    assert.equal(
      registrationDeadline(
        DateTime.fromISO('2026-04-01T09:00', { zone: 'Europe/Paris' }),
        'Europe/Paris'
      ).toISO(),
      '2026-03-29T22:00:00.000Z'
    )
  })

  test('across the autumn DST change (25 October 2026)', ({ assert }) => {
    // Tuesday 27 October (CET) → Sunday 25 October 00:00 CEST (the change is at 03:00).
    assert.equal(deadlineFor('2026-10-27T09:00', 'Europe/Paris'), '2026-10-25T00:00:00+02:00')
    assert.equal(deadlineFor('2026-10-28T09:00', 'Europe/Paris'), '2026-10-26T00:00:00+01:00')
  })

  test('a centre in Montréal: its local date counts, the midnight is Paris’s', ({ assert }) => {
    // Tuesday 17 November 2026 at 19:00 in Montréal is already Wednesday in Paris;
    // the session date is the centre's: Tuesday → Sunday 00:00 Paris.
    assert.equal(deadlineFor('2026-11-17T19:00', 'America/Toronto'), '2026-11-15T00:00:00+01:00')
    // Montréal changes time a week after Paris (1 November 2026).
    assert.equal(deadlineFor('2026-10-27T09:00', 'America/Montreal'), '2026-10-25T00:00:00+02:00')
  })

  test('a centre in Casablanca (UTC+1 all year, except in Ramadan)', ({ assert }) => {
    assert.equal(deadlineFor('2026-11-17T09:00', 'Africa/Casablanca'), '2026-11-15T00:00:00+01:00')
    assert.equal(deadlineFor('2026-07-14T08:00', 'Africa/Casablanca'), '2026-07-12T00:00:00+02:00')
  })

  test('over a month and a year end', ({ assert }) => {
    assert.equal(deadlineFor('2027-01-01T10:00', 'Europe/Paris'), '2026-12-30T00:00:00+01:00')
    assert.equal(deadlineFor('2026-03-02T10:00', 'Europe/Paris'), '2026-02-28T00:00:00+01:00')
  })
})

test.group('Sessions · numbering and access codes', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the first session is 7000001; the next takes the following number', async ({ assert }) => {
    await db.from('exam_sessions').delete()
    assert.equal(await db.transaction((trx) => nextSessionNumber(trx)), 7000001)
    const centre = await CentreFactory.create()
    const session = await makeSession(centre)
    assert.equal(await db.transaction((trx) => nextSessionNumber(trx)), session.number + 1)
  })

  test('access codes look like L3B-RUC-WD1 and do not repeat', ({ assert }) => {
    const codes = new Set<string>()
    for (let i = 0; i < 5000; i++) {
      const code = accessCode()
      assert.match(code, ACCESS_CODE_PATTERN)
      codes.add(code)
    }
    assert.equal(codes.size, 5000)
  })
})
