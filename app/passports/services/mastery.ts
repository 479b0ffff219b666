/**
 * Mastery of a competence (seed 002 §3.9: "déterminé à partir des résultats
 * d'évaluation en prenant compte des aléas et complexités").
 *
 * Every result a learner has on a competence counts: each grade of an
 * evaluation (6-level scale) and each teacher's evaluation of one of the
 * learner's professional situations (4-level scale). A result is worth
 *
 *   Réussite totale 3, Réussite partielle 2, En cours d'acquisition 1, Trop d'erreurs 0
 *
 * out of 3, and weighs 1 + the number of complexities + the number of
 * hazards it was obtained with (those ticked for that competence in the
 * evaluation, or those of the situation): succeeding in a harder context
 * counts more, failing in it counts less against. "Non évaluable" and
 * "Absent" say nothing about mastery and are left out (they are not a zero).
 *
 *   mastery % = 100 × Σ (weight × value) / (3 × Σ weight), rounded to the nearest whole
 *
 * and no result at all gives no percentage (null), not 0 %.
 */
export const RESULT_VALUES = { total: 3, partial: 2, acquiring: 1, errors: 0 } as const

export type ResultLevel = keyof typeof RESULT_VALUES

export interface MasteryResult {
  /** A level of either scale; absent and not assessable are ignored. */
  level: string
  complexities: number
  hazards: number
}

export function isResultLevel(level: string): level is ResultLevel {
  return Object.hasOwn(RESULT_VALUES, level)
}

export function mastery(results: MasteryResult[]) {
  let weighted = 0
  let weights = 0
  for (const result of results) {
    if (!isResultLevel(result.level)) continue
    const weight = 1 + Math.max(0, result.complexities) + Math.max(0, result.hazards)
    weighted += weight * RESULT_VALUES[result.level]
    weights += weight
  }
  if (weights === 0) return null
  // Whole numbers until the division: 62.5 % must round to 63.
  return Math.round((100 * weighted) / (3 * weights))
}
