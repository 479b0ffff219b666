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

/** The levels an oral grid may use, lowest first: the CEFR and "below A1", as results print them. */
const SCALE = ['<A1', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2']

/** One criterion of a filled grid: its levels (lowest first) and the one chosen. */
export interface GradedCriterion {
  levels: string[]
  chosen: string
}

/** A grid's levels are CEFR levels in rising order (it may offer part of the scale). */
function onScale(levels: string[]) {
  const ranks = levels.map((level) => SCALE.indexOf(level))
  return ranks.every((rank, i) => rank >= 0 && (i === 0 || rank > ranks[i - 1]))
}

/**
 * The score and level an oral test earns from its filled grids (SPEC: "EO
 * scores come from the exam passport grids"), over every criterion of every
 * section of the test, each chosen level ranked on the CEFR (<A1 = 0, A1 = 1
 * … C2 = 6) whatever part of the scale its grid offers:
 *
 *   score = round(max × mean rank / 6)
 *   level = the level of floor(mean rank)
 *
 * so C2 everywhere gives the full score and a level is awarded only when it is
 * reached on average. Only grids whose levels are CEFR levels in rising order
 * give a result: a grid of descriptors (the DFP's "Insuffisant … Très
 * satisfaisant") has no agreed conversion, and the network enters that
 * result itself (null).
 */
export function oralResult(max: number, criteria: GradedCriterion[]) {
  if (criteria.length === 0) return null
  for (const criterion of criteria)
    if (!onScale(criterion.levels) || !criterion.levels.includes(criterion.chosen)) return null
  // Whole numbers until the end: 187.5 must round to 188, and sums of sixths
  // in floating point fall just short of it.
  const ranks = criteria.reduce((sum, c) => sum + SCALE.indexOf(c.chosen), 0)
  return {
    score: Math.round((max * ranks) / (6 * criteria.length)),
    level: SCALE[Math.floor(ranks / criteria.length)],
  }
}
