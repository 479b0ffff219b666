/**
 * The 6-level scale of evaluations (seed 002 §3.6.2), best first. Absent and
 * "non évaluable" say that nothing was observed: they are not results, and the
 * mastery dashboard leaves them out (they are not a zero).
 */
export const GRADE_LEVELS = [
  'total',
  'partial',
  'acquiring',
  'errors',
  'not_assessable',
  'absent',
] as const

export type GradeLevel = (typeof GRADE_LEVELS)[number]

/** Short codes printed in cells and sheets, so that colour is never the only cue. */
export const LEVEL_CODES: Record<GradeLevel, string> = {
  total: 'RT',
  partial: 'RP',
  acquiring: 'EA',
  errors: 'TE',
  not_assessable: 'NE',
  absent: 'ABS',
}

export function isGradeLevel(value: unknown): value is GradeLevel {
  return typeof value === 'string' && (GRADE_LEVELS as readonly string[]).includes(value)
}

/** Whether a level says something about mastery (absent and not assessable do not). */
export function isObserved(level: GradeLevel) {
  return level !== 'absent' && level !== 'not_assessable'
}
