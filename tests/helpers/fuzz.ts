/**
 * Seeded randomness for property and fuzz tests: a failing case is replayed
 * by running again with the seed the run printed (FUZZ_SEED=<seed>).
 */
export class Random {
  #state: number

  constructor(readonly seed: number) {
    this.#state = seed >>> 0
  }

  /** mulberry32: small, fast and good enough to draw test cases. */
  next() {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0
    let t = this.#state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** An integer in [min, max]. */
  int(min: number, max: number) {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(probability: number) {
    return this.next() < probability
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]
  }

  bytes(length: number) {
    const bytes = Buffer.alloc(length)
    for (let i = 0; i < length; i++) bytes[i] = this.int(0, 255)
    return bytes
  }

  /** Text drawn from an alphabet (a string or a list of pieces). */
  text(length: number, alphabet: string | readonly string[]) {
    const pieces = typeof alphabet === 'string' ? [...alphabet] : alphabet
    let out = ''
    for (let i = 0; i < length; i++) out += this.pick(pieces)
    return out
  }

  /** The same bytes damaged: bits flipped, a slice cut, bytes inserted or the end truncated. */
  mutate(bytes: Buffer) {
    const out = Buffer.from(bytes)
    const damage = this.int(0, 3)
    if (damage === 0 || out.length < 8) {
      for (let i = 0, n = this.int(1, 16); i < n && out.length; i++)
        out[this.int(0, out.length - 1)] ^= 1 << this.int(0, 7)
      return out
    }
    if (damage === 1) {
      const start = this.int(0, out.length - 1)
      return Buffer.concat([out.subarray(0, start), out.subarray(this.int(start, out.length))])
    }
    if (damage === 2) {
      const at = this.int(0, out.length)
      return Buffer.concat([out.subarray(0, at), this.bytes(this.int(1, 64)), out.subarray(at)])
    }
    return out.subarray(0, this.int(0, out.length - 1))
  }
}

/** The run's seed (FUZZ_SEED to replay one), printed so that a failure can be replayed. */
export function fuzzRandom(label: string) {
  const fromEnv = Number(process.env.FUZZ_SEED)
  const seed = Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : Date.now() % 2 ** 31
  console.info(`[fuzz] ${label}: seed ${seed} (replay with FUZZ_SEED=${seed})`)
  return new Random(seed)
}

/** First bytes that make a file look like something else to a type sniffer. */
export const MAGIC_PREFIXES = {
  zip: Buffer.from([0x50, 0x4b, 0x03, 0x04]),
  emptyZip: Buffer.from([0x50, 0x4b, 0x05, 0x06]),
  pdf: Buffer.from('%PDF-1.7\n'),
  ole: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
  png: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  gzip: Buffer.from([0x1f, 0x8b, 0x08]),
  utf8Bom: Buffer.from([0xef, 0xbb, 0xbf]),
  utf16Bom: Buffer.from([0xff, 0xfe]),
} as const

/**
 * Cell values that have broken spreadsheet readers: formulas and their
 * look-alikes, separators and quotes, invisible and right-to-left marks,
 * markup, huge and numeric-looking texts.
 */
export const NASTY_CELLS = [
  '=1+1',
  '=HYPERLINK("http://evil.example","clic")',
  "=cmd|' /C calc'!A0",
  '+1+1',
  '-2+3',
  '@SUM(A1:A2)',
  '"',
  '""',
  '"a;b"',
  'a"b',
  ';',
  ',',
  '\t',
  'a\nb',
  'a\r\nb',
  '\r',
  '\u00a0',
  '\ufeff',
  '\u202eevil',
  '\u200b',
  'é',
  'O’Brien',
  '𝒳😀',
  'ẞ',
  '<script>alert(1)</script>',
  '{{ 7 * 7 }}',
  '@{{ 7 * 7 }}',
  "'; DROP TABLE users; --",
  '../../etc/passwd',
  '%s%n%x',
  'NaN',
  '1e309',
  '-0',
  '00012',
  '31/02/2020',
  '2020-13-45',
  ' ',
  '',
  'x'.repeat(300),
] as const
