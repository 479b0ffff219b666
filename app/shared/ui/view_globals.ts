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

/** Helpers every Edge view may use. Dates are stored UTC and shown in a zone. */
export const uiGlobals = {
  appVersion,
  menuFor,
  hrefOf,
  activeHref,
  formatDate(value: any, zone = 'Europe/Paris') {
    const d = toDateTime(value)
    return d ? d.setZone(zone).toFormat('dd/MM/yyyy') : ''
  },
  formatDateTime(value: any, zone = 'Europe/Paris') {
    const d = toDateTime(value)
    return d ? d.setZone(zone).toFormat('dd/MM/yyyy HH:mm') : ''
  },
  /** A calendar date (birth date, exam date): no zone, never shifted. */
  formatDay(value: any) {
    const d = toDateTime(value)
    return d ? d.setZone('utc').toFormat('dd/MM/yyyy') : ''
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
