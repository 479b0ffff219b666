import { DateTime } from 'luxon'
import { parseIsoDate } from '#shared/dates'

/** A year (2026), a month (2026-03 or 03/2026) or a day (2026-03-12 or 12/03/2026) as a date range. */
export function periodOf(raw: string): [string, string] | null {
  const text = raw.trim()
  // Years a database accepts and a person means (PostgreSQL refuses year 0).
  const century = Number(/\d{4}/.exec(text)?.[0] ?? 0)
  if (century < 1900 || century > 2999) return null
  let match = /^(\d{4})$/.exec(text)
  if (match) return [`${match[1]}-01-01`, `${match[1]}-12-31`]
  match = /^(\d{4})-(\d{2})$/.exec(text) ?? /^(\d{2})\/(\d{4})$/.exec(text)
  if (match) {
    const [year, month] = text.includes('/') ? [match[2], match[1]] : [match[1], match[2]]
    const start = DateTime.fromISO(`${year}-${month}-01`, { zone: 'utc' })
    return start.isValid ? [start.toISODate()!, start.endOf('month').toISODate()!] : null
  }
  const day = parseIsoDate(text) ?? parseFrench(text)
  return day ? [day.toISODate()!, day.toISODate()!] : null
}

function parseFrench(text: string) {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text)
  return match ? parseIsoDate(`${match[3]}-${match[2]}-${match[1]}`) : null
}
