import db from '@adonisjs/lucid/services/db'

/** A column pointing at another table's rows; `target` '*' for a polymorphic pair (x_type, x_id). */
export interface Reference {
  table: string
  column: string
  target: string
  /** A foreign key in the schema (false: named like one, `<singular>_id`, without the constraint). */
  constrained: boolean
}

/** The framework's own bookkeeping: no application data. */
const FRAMEWORK_TABLES = new Set(['adonis_schema', 'adonis_schema_versions'])

const isPostgres = () => db.connection().dialect.name === 'postgres'

async function rows(sql: string, bindings: unknown[] = []): Promise<Record<string, any>[]> {
  const result = await db.rawQuery(sql, bindings as any[])
  return Array.isArray(result) ? result : result.rows
}

/** The application's tables, read from the live schema (SQLite or PostgreSQL). */
export async function schemaTables() {
  const found = isPostgres()
    ? await rows(
        `select table_name as name from information_schema.tables
         where table_schema = current_schema() and table_type = 'BASE TABLE'`
      )
    : await rows(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`)
  return found
    .map((row) => String(row.name))
    .filter((name) => !FRAMEWORK_TABLES.has(name))
    .sort()
}

/** The columns of every table, by table. */
export async function schemaColumns(tables: string[]) {
  const columns = new Map<string, string[]>()
  if (isPostgres()) {
    const found = await rows(
      `select table_name, column_name from information_schema.columns
       where table_schema = current_schema() order by table_name, ordinal_position`
    )
    for (const table of tables)
      columns.set(
        table,
        found.filter((row) => row.table_name === table).map((row) => String(row.column_name))
      )
  } else {
    for (const table of tables)
      columns.set(
        table,
        (await rows(`select name from pragma_table_info(?)`, [table])).map((row) =>
          String(row.name)
        )
      )
  }
  return columns
}

/** The foreign keys of the schema, as (table, column) → target table. */
async function foreignKeys(tables: string[]) {
  if (isPostgres())
    return rows(
      `select src.relname as "table", att.attname as "column", dst.relname as target
       from pg_constraint con
       join pg_class src on src.oid = con.conrelid
       join pg_class dst on dst.oid = con.confrelid
       join pg_attribute att on att.attrelid = con.conrelid and att.attnum = any (con.conkey)
       where con.contype = 'f' and con.connamespace = current_schema()::regnamespace`
    )
  const found: Record<string, any>[] = []
  for (const table of tables)
    for (const key of await rows(`select "from", "table" from pragma_foreign_key_list(?)`, [table]))
      found.push({ table, column: key.from, target: key.table })
  return found
}

/**
 * Every reference between the tables: the foreign keys, the columns named like
 * one without the constraint (`user_id` → users), and the polymorphic pairs
 * (`subject_type` + `subject_id`) that may point at any table.
 */
export async function schemaReferences(tables: string[]) {
  const columns = await schemaColumns(tables)
  const references: Reference[] = (await foreignKeys(tables)).map((key) => ({
    table: String(key.table),
    column: String(key.column),
    target: String(key.target),
    constrained: true,
  }))
  const bySingular = new Map(tables.map((table) => [table.replace(/s$/, ''), table]))
  for (const [table, names] of columns) {
    for (const column of names) {
      if (references.some((r) => r.table === table && r.column === column)) continue
      const stem = column.match(/^(.+)_id$/)?.[1]
      if (!stem) continue
      if (names.includes(`${stem}_type`))
        references.push({ table, column, target: '*', constrained: false })
      else if (bySingular.has(stem))
        references.push({ table, column, target: bySingular.get(stem)!, constrained: false })
    }
  }
  return references
}

/** Every row of every table, each as one line of text (the anonymisation scan). */
export async function dumpTables(tables: string[]) {
  const dump: { table: string; row: string }[] = []
  for (const table of tables)
    for (const row of await db.from(table).select('*'))
      dump.push({
        table,
        row: Object.entries(row)
          .map(([column, value]) => `${column}=${cell(value)}`)
          .join(' | '),
      })
  return dump
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString()
  if (Buffer.isBuffer(value)) return value.toString('utf8')
  // JSON columns: PostgreSQL hands objects, SQLite text that may escape accents (\u00e9).
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value)
  return text.replace(/\\u([\da-f]{4})/gi, (_m, hex) =>
    String.fromCharCode(Number.parseInt(hex, 16))
  )
}
