import { DateTime } from 'luxon'

/** Business rules of sessions are in Paris time (SPEC §2 sessions). */
export const BUSINESS_ZONE = 'Europe/Paris'

/**
 * Registrations close 2 calendar days before the session date, at 00:00
 * Europe/Paris: a Tuesday session closes at the midnight between Saturday and
 * Sunday, Paris time. The session date is the one its centre sees (its zone);
 * the midnight is Paris's, whatever the centre's zone, DST included.
 */
export function registrationDeadline(startsAt: DateTime, centreZone: string): DateTime {
  const local = startsAt.setZone(centreZone)
  return DateTime.fromObject(
    { year: local.year, month: local.month, day: local.day },
    { zone: BUSINESS_ZONE }
  )
    .minus({ days: 2 })
    .startOf('day')
    .toUTC()
}

export function registrationsAreOpen(deadline: DateTime, now = DateTime.utc()) {
  return now < deadline
}
