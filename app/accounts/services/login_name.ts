/**
 * Login suggestions for imported users (seed 002 §3.1): `prenom.nom` without
 * accents, at most 20 characters. When that is too long and the first name is
 * compound, the first name becomes its initials (Jean-François BERNARD →
 * jf.bernard); still too long, the login is cut at the 20th character.
 */
export const LOGIN_MAX = 20

function plain(text: string) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036F]/g, '')
    .toLowerCase()
    .replace(/['’\s.]+/g, '')
    .replace(/[^a-z0-9-]/g, '')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
}

export function suggestLogin(firstName: string, lastName: string) {
  const parts = firstName
    .normalize('NFC')
    .split(/[-\s]+/)
    .map(plain)
    .filter(Boolean)
  const last = plain(lastName)
  const full = `${parts.join('-')}.${last}`
  if (full.length <= LOGIN_MAX) return full
  const short = parts.length > 1 ? `${parts.map((p) => p[0]).join('')}.${last}` : full
  return short.slice(0, LOGIN_MAX).replace(/[.-]+$/, '')
}

/** The suggestion, made unique against taken logins by a number (still ≤ 20). */
export function uniqueLogin(suggestion: string, taken: (login: string) => boolean) {
  if (!taken(suggestion)) return suggestion
  for (let n = 2; ; n++) {
    const suffix = String(n)
    const candidate = suggestion.slice(0, LOGIN_MAX - suffix.length).replace(/[.-]+$/, '') + suffix
    if (!taken(candidate)) return candidate
  }
}
