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
