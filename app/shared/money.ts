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

/** 34080 → "340,80 €" (French format, non-breaking spaces as Intl writes them). */
export function formatMoney(cents: number, locale = 'fr-FR') {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(cents / 100)
}

/** 2000 → "20", 550 → "5,5" (a rate as typed back into a form). */
export function formatRate(basisPoints: number, locale = 'fr-FR') {
  return (basisPoints / 100).toLocaleString(locale, { maximumFractionDigits: 2 })
}

/** 7150 → "71,50" (an amount as typed back into a form). */
export function formatAmount(cents: number, locale = 'fr-FR') {
  return (cents / 100).toLocaleString(locale, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    useGrouping: false,
  })
}
