/**
 * Countries and time zones for select boxes, named in the user's language by
 * the runtime's Intl data (no list to maintain).
 */
export const COUNTRY_CODES = [
  'FR',
  'BE',
  'CH',
  'LU',
  'MC',
  'CA',
  'US',
  'MA',
  'DZ',
  'TN',
  'SN',
  'CI',
  'CM',
  'CD',
  'MG',
  'ML',
  'BF',
  'NE',
  'TD',
  'GA',
  'CG',
  'BJ',
  'TG',
  'GN',
  'HT',
  'LB',
  'EG',
  'MU',
  'RE',
  'GP',
  'MQ',
  'GF',
  'NC',
  'PF',
  'DE',
  'ES',
  'IT',
  'PT',
  'GB',
  'IE',
  'NL',
  'PL',
  'RO',
  'GR',
  'TR',
  'CN',
  'JP',
  'KR',
  'IN',
  'VN',
  'BR',
  'MX',
  'CO',
  'AR',
  'CL',
  'PE',
  'AU',
  'AE',
  'SA',
  'QA',
  'IR',
  'RU',
  'UA',
]

export function countryOptions(locale: string) {
  const names = new Intl.DisplayNames([locale], { type: 'region' })
  return COUNTRY_CODES.map((code) => ({ value: code, label: names.of(code) ?? code })).sort(
    (a, b) => a.label.localeCompare(b.label, locale)
  )
}

export function countryName(code: string, locale: string) {
  return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code
}

export function timeZoneOptions() {
  return Intl.supportedValuesOf('timeZone').map((zone) => ({ value: zone, label: zone }))
}
