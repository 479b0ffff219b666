import type Product from '#sessions/models/product'

/** Tests taken orally: the exam passport records and grades them. */
export const ORAL_TESTS = ['EO', 'IO']

/**
 * The oral parts of a product: each section of its EO (TEF: EO-A, EO-B), or
 * the oral test itself when it has no sections (DFP: IO).
 */
export function oralParts(product: Product) {
  return product.tests
    .filter((test) => ORAL_TESTS.includes(test.code))
    .flatMap((test) =>
      test.sections?.length
        ? test.sections.map((section) => ({
            part: `${test.code}-${section}`,
            test: test.code,
            section: section as string | null,
          }))
        : [{ part: test.code, test: test.code, section: null }]
    )
}

/** "A1; A2; B1" → the levels, trimmed, without blanks or repeats. */
export function parseLevels(raw: string) {
  return [
    ...new Set(
      raw
        .split(/[;\n|]/)
        .map((level) => level.trim())
        .filter(Boolean)
    ),
  ]
}

/** The levels of the CEFR an oral grid may use, lowest first. */
const CEFR_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2']

/** One criterion of a filled grid: its levels (lowest first) and the one chosen. */
export interface GradedCriterion {
  levels: string[]
  chosen: string
}

/**
 * The score and level an oral test earns from its filled grids (SPEC: "EO
 * scores come from the exam passport grids"), over every criterion of every
 * section of the test:
 *
 *   score = round(max × mean over criteria of (rank of the chosen level / number of levels))
 *   level = the CEFR level of floor(mean rank), ranks counted from 0 (A1)
 *
 * so C2 everywhere gives the full score and a level is awarded only when it is
 * reached on average. Only grids whose levels are CEFR levels give a result:
 * a grid of descriptors (the DFP's "Insuffisant … Très satisfaisant") has no
 * agreed conversion, and the network enters that result itself (null).
 */
export function oralResult(max: number, criteria: GradedCriterion[]) {
  if (criteria.length === 0) return null
  for (const criterion of criteria)
    if (
      !criterion.levels.every((level) => CEFR_LEVELS.includes(level)) ||
      !criterion.levels.includes(criterion.chosen)
    )
      return null
  // Whole numbers over a common denominator: 187.5 must round to 188, and
  // 2/6 + 2/6 + 3/6 + 3/6 in floating point falls just short of it.
  const common = criteria.reduce((l, c) => lcm(l, c.levels.length), 1)
  const points = criteria.reduce(
    (sum, c) => sum + (c.levels.indexOf(c.chosen) + 1) * (common / c.levels.length),
    0
  )
  const ranks = criteria.reduce((sum, c) => sum + CEFR_LEVELS.indexOf(c.chosen), 0)
  return {
    score: Math.round((max * points) / (common * criteria.length)),
    level: CEFR_LEVELS[Math.floor(ranks / criteria.length)],
  }
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b))
const lcm = (a: number, b: number) => (a / gcd(a, b)) * b
