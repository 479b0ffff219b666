import type { User } from '#accounts'
import { Centre } from '#centres'
import ProfessionalSituation from '#passports/models/professional_situation'
import { currentIds, learnerTrees, situationOptions } from '#passports/services/situations'

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
  const all = await ProfessionalSituation.query()
    .where('user_id', learner.id)
    .preload('supports', (q) => q.orderBy('position'))
    .preload('attachments', (q) => q.orderBy('id'))
    .orderBy('starts_on')
    .orderBy('id')
  // Situations recorded under an earlier framework version count by code.
  const resolve = await currentIds(options).load(
    all.map((r) => r.situationId),
    all.map((r) => r.competenceId)
  )
  const rows = all.map((row) => ({
    row,
    competenceId: resolve.competence(row.competenceId)?.id ?? row.competenceId,
    frameworkSituation: resolve.situation(row.situationId),
  }))
  const centre = learner.centreIds[0] ? await Centre.find(learner.centreIds[0]) : null
  return {
    learner,
    centre,
    unit,
    available,
    groups: competences.map((competence) => ({
      competence,
      situations: rows
        .filter((entry) => entry.competenceId === competence.id)
        .map((entry) => ({
          situation: entry.row,
          frameworkSituation: entry.frameworkSituation,
        })),
    })),
  }
}
