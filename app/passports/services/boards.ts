import { learnerResults } from '#evaluations'
import CompetenceLock from '#passports/models/competence_lock'
import ProfessionalSituation from '#passports/models/professional_situation'
import { isResultLevel, mastery, type MasteryResult } from '#passports/services/mastery'
import { frameworkKeys, type situationOptions } from '#passports/services/situations'

type Options = ReturnType<typeof situationOptions>

/** A competence of the learner's frameworks, once, in the framework's order. */
export interface BoardCompetence {
  id: number
  frameworkId: number
  code: string
  name: string
  unit: 'E4' | 'E5' | 'E6'
  elsewhere: boolean
}

export function competencesOf(options: Options): BoardCompetence[] {
  const seen = new Map<number, BoardCompetence>()
  for (const group of options)
    for (const situation of group.situations)
      for (const c of situation.competences)
        if (!seen.has(c.id))
          seen.set(c.id, {
            id: c.id,
            frameworkId: c.frameworkId,
            code: c.code,
            name: c.name,
            unit: c.unit,
            elsewhere: c.elsewhere,
          })
  return [...seen.values()].sort((a, b) => a.code.localeCompare(b.code, 'fr', { numeric: true }))
}

/**
 * Mastery of each competence for each learner, from all their evaluation
 * grades and evaluated situations (see mastery.ts for the rule), with the
 * situations entered per competence with their result, and the locks. A
 * fixed number of queries, whatever the number of learners and competences.
 */
export async function boards(
  learnerIds: number[],
  competences: BoardCompetence[],
  options: { onlyVisible?: boolean } = {}
) {
  const [grades, situations, locks] = await Promise.all([
    learnerResults(learnerIds, options),
    learnerIds.length
      ? ProfessionalSituation.query()
          .whereIn('user_id', learnerIds)
          .orderBy('starts_on')
          .orderBy('id')
      : Promise.resolve([] as ProfessionalSituation[]),
    learnerIds.length
      ? CompetenceLock.query().whereIn('user_id', learnerIds)
      : Promise.resolve([] as CompetenceLock[]),
  ])
  // Results recorded under any version of a framework count for its competence of the
  // same code: one query turns every competence id met into its framework and code.
  const ids = [
    ...new Set([
      ...grades.map((g) => g.competenceId),
      ...situations.map((s) => s.competenceId),
      ...locks.map((l) => l.competenceId),
    ]),
  ]
  const codes = await frameworkKeys('competences', ids)
  const key = (userId: number, competenceId: number) =>
    `${userId}:${codes.get(competenceId) ?? competenceId}`
  const keyOf = (userId: number, competence: BoardCompetence) =>
    `${userId}:${competence.frameworkId}:${competence.code}`
  const results = new Map<string, MasteryResult[]>()
  const add = (k: string, result: MasteryResult) =>
    results.set(k, [...(results.get(k) ?? []), result])
  for (const grade of grades) add(key(grade.userId, grade.competenceId), grade)
  const entered = new Map<string, ProfessionalSituation[]>()
  for (const situation of situations) {
    const k = key(situation.userId, situation.competenceId)
    entered.set(k, [...(entered.get(k) ?? []), situation])
    if (situation.result)
      add(k, {
        level: situation.result,
        complexities: situation.complexities.length,
        hazards: situation.hazards.length,
      })
  }
  const locked = new Set(locks.map((l) => key(l.userId, l.competenceId)))
  return new Map(
    learnerIds.map((userId) => [
      userId,
      competences.map((competence) => {
        const k = keyOf(userId, competence)
        const own = entered.get(k) ?? []
        return {
          competence,
          mastery: mastery(results.get(k) ?? []),
          // Results that say something (absent and not assessable are not counted).
          results: (results.get(k) ?? []).filter((r) => isResultLevel(r.level)).length,
          situations: own,
          locked: locked.has(k),
        }
      }),
    ])
  )
}

export type BoardRow = NonNullable<ReturnType<Awaited<ReturnType<typeof boards>>['get']>>[number]

/** A criterion of the learners' display filter (seed 002 §3.9: "degré de maîtrise > 50 %"). */
export interface Criterion {
  op: 'gt' | 'gte' | 'lt' | 'lte' | 'none'
  value: number
}

const OPS = ['gt', 'gte', 'lt', 'lte', 'none'] as const

/** Criteria from the query string, kept only when complete; at most 5. */
export function readCriteria(raw: unknown): Criterion[] {
  const list = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? Object.values(raw) : []
  return list
    .filter((c): c is Record<string, unknown> => !!c && typeof c === 'object')
    .map((c) => ({
      op: String(c.op ?? ''),
      // An empty value is no criterion (Number('') would read as 0).
      value:
        c.value === undefined || c.value === null || c.value === '' ? Number.NaN : Number(c.value),
    }))
    .filter(
      (c): c is Criterion =>
        (OPS as readonly string[]).includes(c.op) &&
        (c.op === 'none' || (Number.isFinite(c.value) && c.value >= 0 && c.value <= 100))
    )
    .slice(0, 5)
}

/** Whether a row passes the criteria, all of them (and) or one (or); none passes everything. */
export function matches(
  row: { mastery: number | null },
  criteria: Criterion[],
  join: 'and' | 'or'
) {
  if (criteria.length === 0) return true
  const test = (c: Criterion) => {
    if (c.op === 'none') return row.mastery === null
    if (row.mastery === null) return false
    if (c.op === 'gt') return row.mastery > c.value
    if (c.op === 'gte') return row.mastery >= c.value
    if (c.op === 'lt') return row.mastery < c.value
    return row.mastery <= c.value
  }
  return join === 'or' ? criteria.some(test) : criteria.every(test)
}
