import type { User } from '#accounts'
import { Centre } from '#centres'
import ProfessionalSituation from '#passports/models/professional_situation'
import { learnerTrees, situationOptions } from '#passports/services/situations'

/** The exam units a passport is printed for: E5 is assessed elsewhere, never printed. */
export const PRINTED_UNITS = ['E4', 'E6'] as const
export type PrintedUnit = (typeof PRINTED_UNITS)[number]

export function printedUnit(raw: unknown): PrintedUnit {
  return (PRINTED_UNITS as readonly string[]).includes(String(raw))
    ? (String(raw) as PrintedUnit)
    : 'E4'
}

/**
 * One exam unit's professional passport (seed 003: "un passeport des
 * compétences pour E4 et un pour E6"): the learner's identity and centre,
 * then per competence of that unit — those chosen, or all — its situations
 * with the content of the four tabs and their result. Competences assessed
 * elsewhere (E5) and those of the other unit are never in it.
 */
export async function unitPassport(learner: User, unit: PrintedUnit, chosen: number[] | null) {
  const options = situationOptions(await learnerTrees(learner))
  const situations = new Map(options.flatMap((g) => g.situations.map((s) => [s.id, s])))
  const seen = new Map<
    number,
    (typeof options)[number]['situations'][number]['competences'][number]
  >()
  for (const group of options)
    for (const situation of group.situations)
      for (const c of situation.competences)
        if (c.unit === unit && !c.elsewhere && !seen.has(c.id)) seen.set(c.id, c)
  const available = [...seen.values()].sort((a, b) =>
    a.code.localeCompare(b.code, 'fr', { numeric: true })
  )
  const competences = chosen ? available.filter((c) => chosen.includes(c.id)) : available
  const rows = competences.length
    ? await ProfessionalSituation.query()
        .where('user_id', learner.id)
        .whereIn(
          'competence_id',
          competences.map((c) => c.id)
        )
        .preload('supports', (q) => q.orderBy('position'))
        .orderBy('starts_on')
        .orderBy('id')
    : []
  const centre = learner.centreIds[0] ? await Centre.find(learner.centreIds[0]) : null
  return {
    learner,
    centre,
    unit,
    available,
    groups: competences.map((competence) => ({
      competence,
      situations: rows
        .filter((row) => row.competenceId === competence.id)
        .map((situation) => ({
          situation,
          frameworkSituation: situations.get(situation.situationId) ?? null,
        })),
    })),
  }
}
