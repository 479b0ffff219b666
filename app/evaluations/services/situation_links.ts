import db from '@adonisjs/lucid/services/db'

/**
 * The competences of other frameworks each situation is attached to, by
 * codes (see docs/frameworks.md, column "Rattachements"): situation id →
 * [{ frameworkCode, competenceCode }]. One query.
 */
export async function situationLinks(situationIds: number[]) {
  const links = new Map<number, { frameworkCode: string; competenceCode: string }[]>()
  if (situationIds.length === 0) return links
  const rows = await db.from('situation_links').whereIn('situation_id', situationIds).orderBy('id')
  for (const row of rows) {
    const id = Number(row.situation_id)
    links.set(id, [
      ...(links.get(id) ?? []),
      { frameworkCode: String(row.framework_code), competenceCode: String(row.competence_code) },
    ])
  }
  return links
}
