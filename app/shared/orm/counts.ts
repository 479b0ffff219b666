import db from '@adonisjs/lucid/services/db'

/** A query whose rows are counted (a model or a database query builder). */
interface Countable {
  select: (...columns: any[]) => any
  as: (alias: string) => any
}

/**
 * Several row counts in one statement (a UNION ALL of `count(*)`, each over
 * its own query), instead of one round trip each: on PostgreSQL a statement's
 * parse, bind and execute cost more than an indexed count of a centre's rows.
 * A query limited to n rows counts at most n (a capped count).
 */
export async function countsOf<K extends string>(
  queries: Record<K, Countable | false>
): Promise<Record<K, number>> {
  // A query given as false is not asked for: it counts 0.
  const result = Object.fromEntries(Object.keys(queries).map((key) => [key, 0])) as Record<
    K,
    number
  >
  const asked = (Object.entries(queries) as [K, Countable | false][]).filter(
    (entry): entry is [K, Countable] => entry[1] !== false
  )
  if (asked.length === 0) return result
  const keys = asked.map(([key]) => key)
  const [first, ...others] = asked.map(([, query], i) =>
    db
      .from(query.select(db.raw('1 as one')).as(`counted_${i}`))
      .select(db.raw(`${i} as position`))
      .count('* as n')
  )
  const rows: { position: number | string; n: number | string }[] = others.length
    ? await first.unionAll(others)
    : await first
  const byPosition = new Map(rows.map((row) => [Number(row.position), Number(row.n)]))
  keys.forEach((key, i) => (result[key] = byPosition.get(i) ?? 0))
  return result
}
