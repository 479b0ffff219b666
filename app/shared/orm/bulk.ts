import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/**
 * Bulk writes for the imports (up to 100,000 rows in one transaction).
 *
 * On PostgreSQL a multi-row `VALUES` list binds one parameter per cell: 500
 * results of 14 columns are 7,000 parameters to send, parse and bind, and knex
 * compiles each of them. `insertMany` sends the rows instead as one JSON
 * document per 5,000 rows, unpacked by `json_to_recordset` and cast to each
 * column's own type, so the statement has one parameter whatever its size.
 * SQLite keeps knex's multi-row insert (its compound insert stops at 500
 * rows), which costs little there.
 *
 * `refreshStatsAfterGrowth` is for the tables that other rows point at. A
 * foreign-key check reuses the plan it made when the referenced table was
 * small: a sequential scan. After an import has more than doubled that table
 * in its own transaction (the first import of a new network), every check
 * scans all its rows, and the n-th statement of 500 rows took n × 15 ms
 * (bench/README.md). Analysing the table inside the transaction counts the new
 * rows and invalidates those plans.
 */

/** A Date is sent as its ISO instant (for timestamp with time zone columns). */
export type BulkValue = string | number | boolean | Date | null
export type BulkRow = Record<string, BulkValue>

export interface InsertManyOptions {
  /** The unique columns of an upsert: a row that exists is updated (`merge`) instead. */
  conflict?: string[]
  /** The columns an upsert overwrites (all the row's columns but `conflict` when omitted). */
  merge?: string[]
}

const PG_ROWS = 5000
const SQLITE_ROWS = 500

/** Inserts (or upserts) the rows, all with the same columns, in as few statements as can be. */
export async function insertMany(
  client: QueryClientContract,
  table: string,
  rows: BulkRow[],
  options: InsertManyOptions = {}
) {
  if (rows.length === 0) return
  const columns = Object.keys(rows[0])
  const merge = options.merge ?? columns.filter((c) => !options.conflict?.includes(c))
  if (client.dialect.name !== 'postgres') {
    for (let i = 0; i < rows.length; i += SQLITE_ROWS) {
      const query = client.table(table).multiInsert(rows.slice(i, i + SQLITE_ROWS))
      if (options.conflict) await query.onConflict(options.conflict).merge(merge)
      else await query
    }
    return
  }
  const types = await columnTypes(client, table)
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`
  const selected = columns.map((column) => {
    const type = types.get(column)
    if (!type) throw new Error(`insertMany: ${table} has no column ${column}`)
    return `r.${quote(column)}::${type}`
  })
  let sql =
    `insert into ${quote(table)} (${columns.map(quote).join(', ')}) ` +
    `select ${selected.join(', ')} from json_to_recordset(?::json) as r(${columns
      .map((column) => `${quote(column)} text`)
      .join(', ')})`
  if (options.conflict)
    sql +=
      ` on conflict (${options.conflict.map(quote).join(', ')}) do update set ` +
      merge.map((column) => `${quote(column)} = excluded.${quote(column)}`).join(', ')
  for (let i = 0; i < rows.length; i += PG_ROWS)
    await client.rawQuery(sql, [JSON.stringify(rows.slice(i, i + PG_ROWS))])
}

/** Analyses the table (PostgreSQL) when `added` rows at least doubled what its statistics know. */
export async function refreshStatsAfterGrowth(
  client: QueryClientContract,
  table: string,
  added: number
) {
  if (client.dialect.name !== 'postgres' || added < SQLITE_ROWS) return
  const result = await client.rawQuery('select reltuples from pg_class where oid = ?::regclass', [
    table,
  ])
  const known = Number(result.rows[0]?.reltuples ?? -1)
  if (known < added) await client.rawQuery(`analyze "${table.replaceAll('"', '""')}"`)
}

/**
 * Each table's column types, as PostgreSQL spells them, without their length
 * or precision (read once per process): the insert then converts to the
 * column itself, so a text too long for a varchar(64) is refused as with a
 * bound parameter instead of being cut by an explicit cast.
 */
const typesOf = new Map<string, Map<string, string>>()

async function columnTypes(client: QueryClientContract, table: string) {
  let types = typesOf.get(table)
  if (!types) {
    const result = await client.rawQuery(
      `select attname, format_type(atttypid, null) as type from pg_attribute
        where attrelid = ?::regclass and attnum > 0 and not attisdropped`,
      [table]
    )
    types = new Map(
      result.rows.map((row: { attname: string; type: string }) => [row.attname, row.type])
    )
    typesOf.set(table, types)
  }
  return types
}
