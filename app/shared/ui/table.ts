import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { SimplePaginator } from '@adonisjs/lucid/database'

/**
 * Lists count their rows up to this many: past it the table says "more than
 * 10,000, refine the search" and pages stop there. An exact count of a
 * million rows costs ≈ 50 ms a page, and the last pages' OFFSET ≈ 100 ms;
 * capped, both stay small whatever the network's size.
 */
export const COUNT_CAP = 10_000

/** A page of rows, its total capped at COUNT_CAP (`capped` tells). */
export type TablePage<T> = SimplePaginator & T[] & { capped: boolean }

interface PaginableQuery {
  clone(): PaginableQuery
  clearOrder(): PaginableQuery
  clearLimit(): PaginableQuery
  clearOffset(): PaginableQuery
  clearSelect(): PaginableQuery
  select(...args: any[]): PaginableQuery
  limit(limit: number): PaginableQuery
  forPage(page: number, perPage: number): PaginableQuery
  then: PromiseLike<any[]>['then']
}

export interface TableOptions {
  /** Sort keys offered to the user, mapped to the (indexed) columns they sort on. */
  sorts: Record<string, string>
  defaultSort: string
  defaultDir?: 'asc' | 'desc'
  /** Names of the filter parameters the table understands. */
  filters?: string[]
  perPage?: number
  /**
   * The SQL a sort key is read with when a search sorts its matches (paginate),
   * for a sort on a column the query computes (an alias of its select).
   */
  sortExpressions?: Record<string, string>
}

interface ChunkableQuery<T> {
  clone(): ChunkableQuery<T>
  clearOrder(): ChunkableQuery<T>
  whereIn(column: string, values: number[]): ChunkableQuery<T>
  whereRaw(sql: string, bindings: unknown[]): ChunkableQuery<T>
  as(alias: string): any
  then: PromiseLike<T[]>['then']
}

/**
 * A search or filter value from the query string: text only (an array or an
 * object is no value), control characters turned into spaces (PostgreSQL
 * refuses a NUL byte in a parameter, SQLite cuts the text at it), trimmed and
 * capped.
 */
export function queryText(value: unknown, max = 100) {
  if (typeof value !== 'string') return ''
  return value
    .replace(/\p{Cc}/gu, ' ')
    .trim()
    .slice(0, max)
}

/**
 * The state of a data table as the URL carries it (q, sort, dir, page and
 * filters), so that a table works without JavaScript, can be bookmarked, and
 * htmx only swaps the fragment and pushes the URL. Also feeds "export as shown".
 */
export class TableState {
  q: string
  sort: string
  dir: 'asc' | 'desc'
  page: number
  perPage: number
  filters: Record<string, string>
  /** The id column applySort was given: paginate reads a search's few matches by it. */
  idColumn?: string

  constructor(
    public path: string,
    input: Record<string, any>,
    private options: TableOptions
  ) {
    this.q = queryText(input.q)
    // Own keys only: sort=constructor must not find Object's constructor.
    this.sort =
      typeof input.sort === 'string' && Object.hasOwn(options.sorts, input.sort)
        ? input.sort
        : options.defaultSort
    this.dir =
      input.dir === 'asc' || input.dir === 'desc' ? input.dir : (options.defaultDir ?? 'asc')
    const page = Number.parseInt(input.page, 10)
    this.page = Number.isFinite(page) && page > 0 ? Math.min(page, 100000) : 1
    this.perPage = options.perPage ?? 25
    this.filters = {}
    for (const name of options.filters ?? []) {
      const value = queryText(input[name])
      if (value !== '') this.filters[name] = value
    }
  }

  static from(ctx: HttpContext, options: TableOptions) {
    return new TableState(ctx.request.url(), ctx.request.qs(), options)
  }

  get sortColumn() {
    return this.options.sorts[this.sort]
  }

  /** Applies the chosen order, with the id as a tie-breaker so pages are stable. */
  applySort<Q extends { orderBy: Function }>(query: Q, idColumn = 'id'): Q {
    this.idColumn = idColumn
    query.orderBy(this.sortColumn, this.dir)
    if (this.sortColumn !== idColumn) query.orderBy(idColumn, this.dir)
    return query
  }

  /**
   * The table's page of the query: rows counted up to COUNT_CAP (a subquery
   * that stops there), the page kept within what was counted, so that no page
   * needs a deep OFFSET.
   *
   * A search reads its matches once, unordered (up to the cap), and sorts
   * them by the table's column within that same statement: the page's ids and
   * the count come back together, and the page's rows are then read by id.
   * PostgreSQL otherwise walks the sort's index (by name) expecting the
   * matches to come early, and a rare name late in the alphabet read 297,000
   * files of 300,000 (690 ms, against 15 ms for the trigram index and a sort
   * of its 1,500 matches). Counting the matches and then reading the page
   * among them by id evaluated the search on every match twice: "mart"
   * (6,500 files) took 23 + 37 ms of PostgreSQL, now one pass. A fragment too
   * common to count keeps the walk, which finds its page at once. The id
   * column is the one given to applySort.
   */
  async paginate<T>(
    query: PaginableQuery,
    perPage = this.perPage,
    cap = COUNT_CAP
  ): Promise<TablePage<T>> {
    if (this.q !== '' && this.idColumn !== undefined) {
      const page = await this.searchedPage<T>(query, perPage, cap)
      if (page) return page
    }
    const counted = query
      .clone()
      .clearOrder()
      .clearLimit()
      .clearOffset()
      .clearSelect()
      .select(db.raw('1 as one'))
      .limit(cap + 1)
    const [{ n }] = await db.from((counted as any).as('capped')).count('* as n')
    const found = Number(n)
    const total = Math.min(found, cap)
    const page = Math.min(this.page, Math.max(1, Math.ceil(total / perPage)))
    const rows = total > 0 ? await query.forPage(page, perPage) : []
    return this.pageOf<T>(rows, total, perPage, page, found > cap)
  }

  /**
   * paginate's search: the page's ids in the table's order and the number of
   * matches, from one statement; null when the matches pass the cap (the
   * caller walks the sorted query instead).
   */
  private async searchedPage<T>(
    query: PaginableQuery,
    perPage: number,
    cap: number
  ): Promise<TablePage<T> | null> {
    const sortKey = this.options.sortExpressions?.[this.sort] ?? this.sortColumn
    const matches = query
      .clone()
      .clearOrder()
      .clearLimit()
      .clearOffset()
      .clearSelect()
      .select(db.raw(`${this.idColumn} as matched_id`), db.raw(`${sortKey} as sort_key`))
      .limit(cap + 1)
    const pageOf = (page: number) =>
      db
        .from((matches as any).as('capped'))
        .select('matched_id', db.raw('count(*) over () as found'))
        .orderBy('sort_key', this.dir)
        .orderBy('matched_id', this.dir)
        .limit(perPage)
        .offset((page - 1) * perPage)
    let page = this.page
    let rows = await pageOf(page)
    if (rows.length === 0 && page > 1) {
      // Past the last page (an old link): the last one, as every table does.
      const [{ n }] = await db.from((matches as any).as('capped')).count('* as n')
      page = Math.max(1, Math.ceil(Math.min(Number(n), cap) / perPage))
      rows = Number(n) > 0 ? await pageOf(page) : []
    }
    const found = rows.length ? Number(rows[0].found) : 0
    if (found > cap) return null
    const ids = rows.map((row) => Number(row.matched_id))
    const byIds = whereIdIn(query.clone().clearOrder() as any, this.idColumn!, ids)
    // Lucid's clone forgets pojo(): a query asked for plain rows gives plain rows.
    if ((query as any).wrapResultsToModelInstances === false) byIds.pojo()
    const models: any[] = ids.length ? await byIds : []
    const byId = new Map(models.map((row) => [Number(row.id), row]))
    const ordered = ids.flatMap((id) => (byId.has(id) ? [byId.get(id)] : []))
    return this.pageOf<T>(ordered, Math.min(found, cap), perPage, page, false)
  }

  private pageOf<T>(rows: any[], total: number, perPage: number, page: number, capped: boolean) {
    const paginator = new SimplePaginator(total, perPage, page, ...rows) as TablePage<T>
    paginator.capped = capped
    return paginator
  }

  /** Escaped LIKE search on several columns, case-insensitive, on both databases. */
  applySearch<Q extends { where: Function }>(query: Q, columns: string[]): Q {
    if (!this.q) return query
    const like = `%${this.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    query.where((w: any) => {
      for (const column of columns) w.orWhereRaw(`lower(${column}) like ? escape '\\'`, [like])
    })
    return query
  }

  /**
   * Every row of the filtered query in the table's order, for "export as
   * shown", `size` rows at a time. The ids come first, in order, from one
   * query (one sort of the whole set); the rows are then read by id: by the
   * query itself (its filters again, its preloads), or by `fetch`, e.g. plain
   * rows of the columns an export writes (a Lucid model costs more to build
   * than the export takes to write, and the ids are already filtered and
   * scoped). Paging the sorted query itself (keyset or OFFSET) sorts the whole
   * set again for every chunk unless an index matches the order: 1,000 sorts
   * for a million candidates by name.
   *
   * The ids come as one text (an ordered string_agg / group_concat): a
   * million rows of one id each cost ≈ 100 MB to build, the text 7 MB, and
   * the ids kept 8 MB.
   */
  async *chunks<T extends Record<string, any>, Q extends Record<string, any> = T>(
    query: ChunkableQuery<Q>,
    options: { size?: number; fetch?: (ids: number[]) => PromiseLike<T[]> } = {}
  ): AsyncGenerator<T[]> {
    const size = options.size ?? 1000
    // The sort column is one of the table's own (never the user's text), the direction asc or desc.
    const columns = this.sortColumn === 'id' ? ['id'] : [this.sortColumn, 'id']
    const order = columns.map((column) => `export_rows.${column} ${this.dir}`).join(', ')
    const aggregate =
      db.connection().dialect.name === 'postgres'
        ? `string_agg(cast(export_rows.id as text), ',' order by ${order})`
        : `group_concat(export_rows.id, ',' order by ${order})`
    const [{ ids: text }] = await db
      .from(query.clone().clearOrder().as('export_rows'))
      .select(db.raw(`${aggregate} as ids`))
    const ids = parseIds(text)
    for (let i = 0; i < ids.length; i += size) {
      const slice = ids.slice(i, i + size)
      const rows = (await (options.fetch
        ? options.fetch(slice)
        : whereIdIn(query.clone().clearOrder(), 'id', slice))) as T[]
      // node-postgres hands bigint ids back as text.
      const byId = new Map(rows.map((row) => [Number(row.id), row]))
      const chunk: T[] = []
      for (const id of slice) {
        const row = byId.get(id)
        if (row !== undefined) chunk.push(row)
      }
      yield chunk
    }
  }

  /** The rows of `chunks`, one by one (models, with their preloads). */
  async *rows<T extends Record<string, any>>(
    query: ChunkableQuery<T>,
    size = 1000
  ): AsyncGenerator<T> {
    for await (const chunk of this.chunks<T>(query, { size })) yield* chunk
  }

  get isFiltered() {
    return this.q !== '' || Object.keys(this.filters).length > 0
  }

  /** Query string of the current state with some keys changed (null removes). */
  params(changes: Record<string, string | number | null> = {}) {
    const all: Record<string, string | number | null> = {
      q: this.q || null,
      ...this.filters,
      sort: this.sort === this.options.defaultSort ? null : this.sort,
      dir: this.dir === (this.options.defaultDir ?? 'asc') ? null : this.dir,
      page: this.page > 1 ? this.page : null,
      ...changes,
    }
    // Defaults stay out of the URL, so that one state has one address.
    if (all.sort === this.options.defaultSort) all.sort = null
    if (all.dir === (this.options.defaultDir ?? 'asc')) all.dir = null
    const search = new URLSearchParams()
    for (const [key, value] of Object.entries(all)) {
      if (value !== null && value !== undefined && value !== '') search.set(key, String(value))
    }
    return search.toString()
  }

  url(changes: Record<string, string | number | null> = {}, path = this.path) {
    const qs = this.params(changes)
    return qs ? `${path}?${qs}` : path
  }

  /** Link of a column header: sorts by it, toggling the direction if already sorted. */
  sortUrl(key: string) {
    const dir = this.sort === key && this.dir === 'asc' ? 'desc' : 'asc'
    return this.url({ sort: key, dir, page: null })
  }

  ariaSort(key: string) {
    if (this.sort !== key) return 'none'
    return this.dir === 'asc' ? 'ascending' : 'descending'
  }

  pageUrl(page: number) {
    return this.url({ page: page > 1 ? page : null })
  }

  resetUrl() {
    return this.path
  }
}

/**
 * The same URL answers the full page or, for htmx, just the fragment it swaps.
 */
export function renderPage(
  ctx: HttpContext,
  page: string,
  fragment: string,
  data: Record<string, any>
) {
  const isHtmx =
    ctx.request.header('HX-Request') === 'true' && !ctx.request.header('HX-History-Restore-Request')
  return ctx.view.render(isHtmx ? fragment : page, data)
}

/**
 * `column IN (ids)` for thousands of ids, as one parameter. On SQLite the ids
 * go as JSON: better-sqlite3 frees a statement's native memory only when V8
 * collects it, and a statement with 1,000 parameters holds ≈ 200 KB; an
 * export of a million rows grew the process by 400 MB that way. On
 * PostgreSQL they go as one text made an array: a list of 10,000 bound
 * parameters costs knex and the driver more than the query.
 */
export function whereIdIn<Q extends { whereIn: Function; whereRaw: Function }>(
  query: Q,
  column: string,
  ids: number[]
): Q {
  if (db.connection().dialect.name === 'postgres')
    return query.whereRaw(`${column} = any(string_to_array(?, ',')::bigint[])`, [ids.join(',')])
  return query.whereRaw(`${column} in (select value from json_each(?))`, [JSON.stringify(ids)])
}

/**
 * The same page of a table with its rows turned into other values (plain rows
 * read as a query's columns, finished with their relations): its count and
 * links unchanged, its rows the new ones, for iteration and all() alike.
 */
export function pageWith<T>(page: TablePage<unknown>, rows: T[]): TablePage<T> {
  const paginator = new SimplePaginator(
    page.total,
    page.perPage,
    page.currentPage,
    ...rows
  ) as TablePage<T>
  paginator.capped = page.capped
  return paginator
}

/** "12,7,3" → [12, 7, 3], without a string per id. */
function parseIds(text: string | null) {
  const ids: number[] = []
  if (!text) return ids
  let value = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === 44) {
      ids.push(value)
      value = 0
    } else value = value * 10 + code - 48
  }
  ids.push(value)
  return ids
}
