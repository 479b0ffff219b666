import type { Actor } from '#shared/roles'
import { toId } from '#shared/tenancy'
import { queryText } from '#shared/ui/table'
import Centre from '#centres/models/centre'

/** Up to this many centres, a list's centre filter is a select; beyond, a search field. */
export const CENTRE_SELECT_LIMIT = 30

/** Suggestions the search field offers at a time. */
export const CENTRE_SUGGESTIONS = 20

/** How a centre shows in the search field and its suggestions: "Name (CODE)". */
export const centreChoiceLabel = (centre: { name: string; code: string }) =>
  `${centre.name} (${centre.code})`

export interface CentreFilter {
  /** Past CENTRE_SELECT_LIMIT centres: a search field with suggestions. */
  search: boolean
  /** The centres of the select (empty for the search field). */
  centres: { id: number; name: string }[]
  /** What the search field shows for the current value. */
  text: string
}

const like = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/**
 * The centres whose name or code holds the text; a suggestion ("Name (CODE)")
 * names its centre by the code in its last brackets. `prefix` names the table.
 */
function matching(query: any, text: string, prefix = '') {
  const code = /\(([^()]+)\)$/.exec(text)?.[1]?.trim()
  return query.where((q: any) => {
    if (code) q.where(`${prefix}code`, code)
    q.orWhereRaw(`LOWER(${prefix}name) LIKE ? ESCAPE '\\'`, [like(text)]).orWhereRaw(
      `LOWER(${prefix}code) LIKE ? ESCAPE '\\'`,
      [like(text)]
    )
  })
}

/**
 * The centre filter of a list, as the actor's number of centres calls for: a
 * select of its few centres, or a search field (a network of 1,000 centres in
 * a select was 60 KB of every list). One query of at most 31 rows, plus the
 * current centre's name when a link gave its id.
 */
export async function centreFilterFor(actor: Actor, value: unknown): Promise<CentreFilter> {
  const centres = await Centre.visibleTo(Centre.query(), actor)
    .orderBy('name')
    .limit(CENTRE_SELECT_LIMIT + 1)
    .select('id', 'name')
    .pojo<{ id: number; name: string }>()
  if (centres.length <= CENTRE_SELECT_LIMIT) return { search: false, centres, text: '' }
  const text = queryText(value, 200)
  const id = /^\d+$/.test(text) ? toId(text) : 0
  const current = id
    ? await Centre.visibleTo(Centre.query(), actor)
        .where('id', id)
        .select('name', 'code')
        .pojo<{ name: string; code: string }>()
        .first()
    : null
  return { search: true, centres: [], text: current ? centreChoiceLabel(current) : text }
}

/**
 * Narrows a list to the centre its filter names. The value is a centre id (a
 * select, a link), a suggestion's "Name (CODE)", or typed text: the centres
 * whose name or code holds it. The list's own scope still applies, so the
 * subquery over every centre reveals nothing.
 */
export function whereCentre<Q extends { where: Function; whereIn: Function }>(
  query: Q,
  column: string,
  value: unknown
): Q {
  const text = queryText(value, 200)
  if (!text) return query
  if (/^\d+$/.test(text)) return query.where(column, toId(text))
  return query.whereIn(column, (sub: any) =>
    matching(sub.from('centres').select('centres.id'), text, 'centres.')
  )
}

/** The search field's suggestions: the actor's centres whose name or code holds the text. */
export function centreSuggestions(actor: Actor, value: unknown) {
  const text = queryText(value, 200)
  const query = Centre.visibleTo(Centre.query(), actor)
  if (text) matching(query, text)
  return query
    .orderBy('name')
    .orderBy('id')
    .limit(CENTRE_SUGGESTIONS)
    .select('name', 'code')
    .pojo<{ name: string; code: string }>()
}
