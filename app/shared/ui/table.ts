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
  /** Sort keys whose column may be NULL (exports page them by OFFSET, not keyset). */
  nullableSorts?: string[]
}

interface ChunkableQuery<T> {
  clone(): ChunkableQuery<T>
  where(...args: any[]): ChunkableQuery<T>
  orderBy(column: string, direction: 'asc' | 'desc'): ChunkableQuery<T>
  limit(limit: number): ChunkableQuery<T>
  offset(offset: number): ChunkableQuery<T>
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
    query.orderBy(this.sortColumn, this.dir)
    if (this.sortColumn !== idColumn) query.orderBy(idColumn, this.dir)
    return query
  }

  /**
   * The table's page of the query: rows counted up to COUNT_CAP (a subquery
   * that stops there), the page kept within what was counted, so that no page
   * needs a deep OFFSET.
   */
  async paginate<T>(
    query: PaginableQuery,
    perPage = this.perPage,
    cap = COUNT_CAP
  ): Promise<TablePage<T>> {
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
    const lastPage = Math.max(1, Math.ceil(total / perPage))
    const page = Math.min(this.page, lastPage)
    const rows = total > 0 ? await query.forPage(page, perPage) : []
    const paginator = new SimplePaginator(total, perPage, page, ...rows) as TablePage<T>
    paginator.capped = found > cap
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
   * Every row of the filtered query in the table's order, 1,000 at a time, for
   * "export as shown": keyset on (sort column, id) when the column is a plain
   * non-null value, OFFSET for nullable and timestamp columns. Constant memory.
   */
  async *rows<T extends Record<string, any>>(
    query: ChunkableQuery<T>,
    chunk = 1000
  ): AsyncGenerator<T> {
    const column = this.sortColumn
    let keyset = !(this.options.nullableSorts ?? []).includes(this.sort)
    const op = this.dir === 'asc' ? '>' : '<'
    let last: T | null = null
    for (let offset = 0; ; offset += chunk) {
      const page = query.clone()
      const value = last ? (last.$attributes?.[camel(column)] ?? last[column]) : undefined
      // NULLs and timestamps (precision differs by driver) are paged by OFFSET.
      if (last && (value === null || typeof value === 'object')) keyset = false
      if (keyset && last) {
        page.where((w: any) =>
          w
            .where(column, op, value)
            .orWhere((x: any) => x.where(column, value).where('id', op, last!.id))
        )
      }
      page.orderBy(column, this.dir)
      if (column !== 'id') page.orderBy('id', this.dir)
      page.limit(chunk)
      if (!keyset && offset > 0) page.offset(offset)
      const rows: T[] = await page
      yield* rows
      if (rows.length < chunk) return
      last = rows[rows.length - 1]
    }
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

function camel(column: string) {
  return column.replace(/_(\w)/g, (_m, c: string) => c.toUpperCase())
}
