import { DateTime } from 'luxon'
import { menuFor, hrefOf, activeHref } from '#shared/ui/menu'
import { appVersion } from '#shared/version'
import { formatAmount, formatMoney, formatRate } from '#shared/money'

const toDateTime = (value: DateTime | Date | string | null | undefined) => {
  if (!value) return null
  if (DateTime.isDateTime(value)) return value
  if (value instanceof Date) return DateTime.fromJSDate(value)
  return DateTime.fromISO(value, { zone: 'utc' })
}

/**
 * dd/MM/yyyy (and HH:mm) in a zone through one Intl formatter per zone:
 * luxon's setZone and toFormat for each date of a table were a few ms of a
 * page. Years outside 1000–9999, which Intl does not pad, stay with luxon.
 */
const formatters = new Map<string, Intl.DateTimeFormat>()
const FOUR_DIGIT_YEARS = [Date.UTC(1000, 0, 2), Date.UTC(9999, 11, 30)]

function formatIn(value: any, zone: string, withTime: boolean) {
  const millis =
    value instanceof Date
      ? value.getTime()
      : DateTime.isDateTime(value) && value.isValid
        ? value.toMillis()
        : null
  if (millis === null || !(millis > FOUR_DIGIT_YEARS[0] && millis < FOUR_DIGIT_YEARS[1])) {
    const d = toDateTime(value)
    return d?.isValid ? d.setZone(zone).toFormat(withTime ? 'dd/MM/yyyy HH:mm' : 'dd/MM/yyyy') : ''
  }
  const key = `${zone}|${withTime}`
  let formatter = formatters.get(key)
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('fr-FR', {
        timeZone: zone,
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
      })
    } catch {
      // A zone Intl does not know: luxon says what it makes of it, as before.
      const d = toDateTime(value)!.setZone(zone)
      return d.isValid ? d.toFormat(withTime ? 'dd/MM/yyyy HH:mm' : 'dd/MM/yyyy') : ''
    }
    formatters.set(key, formatter)
  }
  return formatter.format(millis)
}

/** Helpers every Edge view may use. Dates are stored UTC and shown in a zone. */
export const uiGlobals = {
  appVersion,
  menuFor,
  hrefOf,
  activeHref,
  formatDate(value: any, zone = 'Europe/Paris') {
    return formatIn(value, zone, false)
  },
  formatDateTime(value: any, zone = 'Europe/Paris') {
    return formatIn(value, zone, true)
  },
  /** A calendar date (birth date, exam date): no zone, never shifted. */
  formatDay(value: any) {
    return formatIn(value, 'UTC', false)
  },
  /** Cents as "340,80 €". */
  money(cents: number) {
    return formatMoney(Number(cents) || 0)
  },
  /** Basis points as "20" or "5,5" (percent). */
  rate(basisPoints: number) {
    return formatRate(Number(basisPoints) || 0)
  },
  /** Cents as "71,00" (typed back into a form). */
  amount(cents: number) {
    return formatAmount(Number(cents) || 0)
  },
  json(value: unknown) {
    return value === null || value === undefined ? '' : JSON.stringify(value)
  },
}
