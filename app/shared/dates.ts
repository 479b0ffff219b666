import { DateTime } from 'luxon'

/**
 * A calendar date (birth date, exam date) with no time and no zone: stored as
 * 'YYYY-MM-DD' on both databases. SQLite hands back the string, node-postgres a
 * Date at local midnight; both become the same luxon date at UTC midnight.
 */
export const calendarDate = {
  prepare: (value: DateTime | null | undefined) => (value ? value.toISODate() : null),
  consume: (value: unknown): DateTime | null => {
    if (value === null || value === undefined || value === '') return null
    if (value instanceof Date)
      return DateTime.utc(value.getFullYear(), value.getMonth() + 1, value.getDate())
    const parsed = DateTime.fromISO(String(value).slice(0, 10), { zone: 'utc' })
    return parsed.isValid ? parsed : null
  },
}

/**
 * 'YYYY-MM-DD' of a form or query-string value, or null when it is not a real
 * date or its year is not one a person means (1900–2999): PostgreSQL refuses
 * year 0, which '0000-01-01' or '0001-01-01' in Paris time would reach.
 */
export function parseIsoDate(value: unknown): DateTime | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null
  const parsed = DateTime.fromISO(value, { zone: 'utc' })
  return parsed.isValid && parsed.year >= 1900 && parsed.year <= 2999 ? parsed : null
}

/** The same day at midnight in Paris (period filters on timestamps), or null. */
export function parseParisDay(value: unknown): DateTime | null {
  return parseIsoDate(value)?.setZone('Europe/Paris', { keepLocalTime: true }) ?? null
}

/**
 * A calendar date as the driver hands it (SQLite text, node-postgres Date) as
 * a JS Date at UTC midnight: what calendarDate.consume(value)?.toJSDate()
 * gives, without luxon (an export converts a million of them).
 */
export function calendarJsDate(value: unknown): Date | null {
  if (value === null || value === undefined || value === '') return null
  if (value instanceof Date)
    return new Date(Date.UTC(value.getFullYear(), value.getMonth(), value.getDate()))
  const parts = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value))
  if (!parts) return null
  const date = new Date(0)
  date.setUTCFullYear(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]))
  return date.getUTCDate() === Number(parts[3]) ? date : null
}

/**
 * A timestamp as the driver hands it (node-postgres: a Date; SQLite: the text
 * Lucid stored, 'YYYY-MM-DD HH:mm:ss' in UTC, or an ISO instant) as a Date,
 * or null: plain rows read for a table, without a luxon DateTime each.
 */
export function instantOf(value: unknown): Date | null {
  if (value === null || value === undefined || value === '') return null
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value
  const text = String(value)
  const parts =
    /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
      text
    )
  if (!parts) return null
  const date = new Date(parts[8] ? text.replace(' ', 'T') : `${text.replace(' ', 'T')}Z`)
  return Number.isNaN(date.getTime()) ? null : date
}
