/**
 * Seeded randomness for `demo:big`: the same seed gives the same network.
 * Each part of the network draws from its own stream (named, and numbered
 * per centre), so a change in one part does not reshuffle the others.
 */

/** 32-bit FNV-1a of a string: turns a stream's name into a PRNG seed. */
function hash32(text: string) {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

export class Random {
  #state: number

  constructor(seed: number, stream: string, index = 0) {
    this.#state = hash32(`${seed}:${stream}:${index}`)
  }

  /** mulberry32: tiny, fast, and good enough for demo data. */
  next() {
    this.#state = (this.#state + 0x6d2b79f5) | 0
    let t = Math.imul(this.#state ^ (this.#state >>> 15), 1 | this.#state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number) {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  between(min: number, max: number) {
    return min + this.next() * (max - min)
  }

  chance(p: number) {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]
  }

  /** An item drawn with the given weights ([item, weight] pairs). */
  weighted<T>(pairs: readonly (readonly [T, number])[]): T {
    let total = 0
    for (const [, weight] of pairs) total += weight
    let roll = this.next() * total
    for (const [item, weight] of pairs) {
      roll -= weight
      if (roll < 0) return item
    }
    return pairs[pairs.length - 1][0]
  }

  /** Standard normal (Box–Muller). */
  normal() {
    const u = 1 - this.next()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next())
  }

  shuffle<T>(items: T[]) {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1))
      ;[items[i], items[j]] = [items[j], items[i]]
    }
    return items
  }

  /** `count` distinct integers of [from, from + size), in random order. */
  sample(from: number, size: number, count: number) {
    const pool = Array.from({ length: size }, (_, i) => from + i)
    const n = Math.min(count, size)
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (size - i))
      ;[pool[i], pool[j]] = [pool[j], pool[i]]
    }
    return pool.slice(0, n)
  }
}

/**
 * Splits `total` into whole parts in proportion to `weights` (largest
 * remainders), no part above its cap: what a capped part cannot take goes to
 * the others. The parts add up to `total` unless every cap is reached.
 */
export function apportion(total: number, weights: number[], caps?: number[]) {
  const parts = weights.map(() => 0)
  let left = total
  let open = weights.map((w, i) => (w > 0 && (!caps || caps[i] > 0) ? i : -1)).filter((i) => i >= 0)
  while (left > 0 && open.length > 0) {
    const sum = open.reduce((s, i) => s + weights[i], 0)
    const shares = open.map((i) => {
      const exact = (left * weights[i]) / sum
      const room = caps ? caps[i] - parts[i] : Number.POSITIVE_INFINITY
      return { i, whole: Math.min(Math.floor(exact), room), rest: exact - Math.floor(exact), room }
    })
    let given = 0
    for (const share of shares) {
      parts[share.i] += share.whole
      given += share.whole
    }
    // The remainders, largest first, one unit each, where there is room.
    const byRest = shares
      .filter((s) => !caps || parts[s.i] < caps[s.i])
      .sort((a, b) => b.rest - a.rest || a.i - b.i)
    for (const share of byRest) {
      if (given >= left) break
      parts[share.i]++
      given++
    }
    left -= given
    const before = open.length
    open = open.filter((i) => !caps || parts[i] < caps[i])
    if (given === 0 && open.length === before) break
  }
  return parts
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const MASK45 = (1n << 45n) - 1n

/**
 * A 45-bit number that looks random but is a bijection of `n` (multiplications
 * by odd numbers and xor-shifts modulo 2^45): distinct rows get distinct codes
 * without a lookup. `key` makes each kind of code (and each seed) its own.
 */
function scramble(n: number, key: number) {
  let x = (BigInt(n) ^ BigInt(key)) & MASK45
  x = (x * 0x1b8735935n) & MASK45
  x ^= x >> 23n
  x = (x * 0x0cc9e2d51n) & MASK45
  x ^= x >> 21n
  x = (x * 0x85ebca6bn) & MASK45
  x ^= x >> 19n
  return x
}

function base32(value: bigint, alphabet: string, length: number) {
  let text = ''
  for (let i = 0; i < length; i++) {
    text = alphabet[Number(value & 31n)] + text
    value >>= 5n
  }
  return text
}

/** An access or activation code like `L3B-RUC-WD1`, unique per `n` for a given key. */
export function uniqueAccessCode(n: number, key: number) {
  const code = base32(scramble(n, key), ALPHABET, 9)
  return `${code.slice(0, 3)}-${code.slice(3, 6)}-${code.slice(6)}`
}

/** A verification code like `7KQ2-…` (16 Crockford characters), unique per `n` for a given key. */
export function uniqueVerificationCode(n: number, key: number, random: Random) {
  let code = base32(scramble(n, key), CROCKFORD, 9)
  for (let i = 0; i < 7; i++) code += CROCKFORD[Math.floor(random.next() * 32)]
  return code.match(/.{4}/g)!.join('-')
}
