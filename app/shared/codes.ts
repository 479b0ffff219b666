import { randomInt } from 'node:crypto'

/** No 0/O, 1/I: read aloud or copied by hand without confusion. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/**
 * An access code like `L3B-RUC-WD1`: 9 characters from 32, drawn by the
 * system's CSPRNG (45 bits), so that codes cannot be guessed from one another.
 */
export function accessCode() {
  const group = () => Array.from({ length: 3 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')
  return `${group()}-${group()}-${group()}`
}

export const ACCESS_CODE_PATTERN = /^[A-HJ-NP-Z2-9]{3}-[A-HJ-NP-Z2-9]{3}-[A-HJ-NP-Z2-9]{3}$/

/** Unguessable verification code: 16 characters of Crockford base32 (80 bits). */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export function verificationCode() {
  let code = ''
  for (let i = 0; i < 16; i++) {
    if (i > 0 && i % 4 === 0) code += '-'
    code += CROCKFORD[randomInt(CROCKFORD.length)]
  }
  return code
}

/** The form a person may type a code in: case, spaces and dashes ignored; O/I/L read as 0/1. */
export function normaliseCode(input: string) {
  const raw = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
  if (!/^[0-9A-HJKMNP-TV-Z]{16}$/.test(raw)) return null
  return raw.match(/.{4}/g)!.join('-')
}
