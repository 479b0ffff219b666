import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

interface SqliteStatement {
  run(values: unknown[]): unknown
}
interface SqliteConnection {
  prepare(sql: string): SqliteStatement
}
interface PgConnection {
  query(query: { name: string; text: string; values: unknown[] }): Promise<unknown>
}

/** Most bound parameters in one statement: SQLite's limit, and PostgreSQL's (protocol: 16 bits). */
const MAX_PARAMETERS = { sqlite: 32_766, postgres: 65_535 }

/**
 * Buffers the rows of one table and writes them with multi-row INSERTs, as
 * many rows per statement as the database's parameter limit allows. A
 * table's rows are written only after those of the tables it references
 * (`after`), so foreign keys hold whatever the order rows were produced in.
 */
export class TableWriter {
  readonly #rows: unknown[][] = []
  readonly #batch: number
  #full: string | null = null
  #connection: SqliteConnection | PgConnection | null = null
  readonly #prepared = new Map<number, SqliteStatement>()
  /** Rows written, and milliseconds spent in the database for them. */
  written = 0
  ms = 0

  constructor(
    readonly table: string,
    readonly columns: string[],
    readonly dialect: 'sqlite' | 'postgres',
    readonly after: TableWriter[] = []
  ) {
    this.#batch = Math.floor(MAX_PARAMETERS[dialect] / columns.length)
  }

  /**
   * Writes through this transaction's own connection (better-sqlite3 or pg),
   * with one prepared statement per batch size: the query builder would
   * rewrite 30,000–65,000 placeholders and have the database compile the
   * statement again for every batch; and better-sqlite3 frees a statement's
   * native memory only once the event loop turns after it is collected, which
   * a bulk load (awaiting nothing but promises already settled) never lets
   * happen: megabytes per statement of 30,000 parameters pile up.
   */
  async use(client: TransactionClientContract) {
    const connection = await (client.knexClient as any).client.acquireConnection()
    if (connection !== this.#connection) this.#prepared.clear()
    this.#connection = connection
  }

  get pending() {
    return this.#rows.length
  }

  add(row: unknown[]) {
    if (row.length !== this.columns.length)
      throw new Error(`${this.table}: ${row.length} values for ${this.columns.length} columns`)
    this.#rows.push(row)
  }

  /** Writes the full batches (or everything, with `all`). */
  async flush(all = false) {
    if (this.#rows.length === 0 || (!all && this.#rows.length < this.#batch)) return
    for (const writer of this.after) await writer.flush(true)
    let start = 0
    while (this.#rows.length - start >= this.#batch || (all && start < this.#rows.length)) {
      const left = this.#rows.length - start
      // The rest in a few statements of fixed sizes, each prepared once.
      const size = [this.#batch, 256, 16, 1].find((n) => n <= left)!
      const values = this.#rows.slice(start, start + size).flat()
      start += size
      const began = performance.now()
      if (this.dialect === 'sqlite') {
        const connection = this.#connection as SqliteConnection
        let statement = this.#prepared.get(size)
        if (!statement) {
          statement = connection.prepare(this.#statement(size))
          this.#prepared.set(size, statement)
        }
        statement.run(values.map((v) => (typeof v === 'boolean' ? Number(v) : v)))
      } else {
        await (this.#connection as PgConnection).query({
          name: `demo_big_${this.table}_${size}`,
          text: this.#statement(size),
          values,
        })
      }
      this.ms += performance.now() - began
      this.written += size
    }
    this.#rows.splice(0, start)
  }

  /** The INSERT for `count` rows (`?` or `$n` placeholders); the full batch's is built once. */
  #statement(count: number) {
    if (count === this.#batch && this.#full) return this.#full
    const width = this.columns.length
    const tuple = (row: number) =>
      `(${this.columns.map((_, i) => (this.dialect === 'sqlite' ? '?' : `$${row * width + i + 1}`)).join(',')})`
    const columns = this.columns.map((c) => `"${c}"`).join(',')
    const sql = `insert into "${this.table}" (${columns}) values ${Array.from({ length: count }, (_, row) => tuple(row)).join(',')}`
    if (count === this.#batch) this.#full = sql
    return sql
  }
}
