/**
 * Money is kept in whole cents (integers) and VAT rates in basis points
 * (20 % = 2000): sums and products stay exact, never floats.
 */

/** "71", "71,5", "71.50" (euros typed with a comma or a dot) → 7150 cents. */
export function toCents(value: string) {
  const [whole, fraction = ''] = value.trim().replace(',', '.').split('.')
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2))
}

/** "20" or "5,5" (a percentage) → 2000 or 550 basis points. */
export function toBasisPoints(value: string) {
  return toCents(value)
}

/** VAT of an amount, rounded half up to the cent, in integers only. */
export function vatOf(htCents: number, rateBasisPoints: number) {
  return Math.floor((htCents * rateBasisPoints + 5000) / 10000)
}

/**
 * Number formats are built once per locale and kind: building one costs about
 * 50 µs, and the network's orders page formatted 1,500 amounts per view (13 %
 * of its CPU in a profile, bench/README.md).
 */
const formats = new Map<string, Intl.NumberFormat>()
function numberFormat(locale: string, kind: string, options: Intl.NumberFormatOptions) {
  const key = `${locale}|${kind}`
  let format = formats.get(key)
  if (!format) {
    format = new Intl.NumberFormat(locale, options)
    formats.set(key, format)
  }
  return format
}

/** 34080 → "340,80 €" (French format, non-breaking spaces as Intl writes them). */
export function formatMoney(cents: number, locale = 'fr-FR') {
  return numberFormat(locale, 'money', { style: 'currency', currency: 'EUR' }).format(cents / 100)
}

/** 2000 → "20", 550 → "5,5" (a rate as typed back into a form). */
export function formatRate(basisPoints: number, locale = 'fr-FR') {
  return numberFormat(locale, 'rate', { maximumFractionDigits: 2 }).format(basisPoints / 100)
}

/** 7150 → "71,50" (an amount as typed back into a form). */
export function formatAmount(cents: number, locale = 'fr-FR') {
  return numberFormat(locale, 'amount', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    useGrouping: false,
  }).format(cents / 100)
}
