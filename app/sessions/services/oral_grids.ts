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
