import { PassThrough, type Writable } from 'node:stream'
import { once } from 'node:events'
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { downloadHeaders } from '#shared/http/downloads'
import { streamXlsx, type XlsxColumn } from '#shared/spreadsheets/xlsx_writer'
import { drained } from '#shared/spreadsheets/zip_writer'

/**
 * "Export the table as shown": xlsx and csv writers that stream rows from an
 * async iterator (e.g. a keyset-paginated query) with constant memory.
 *
 * Formula injection: a text cell starting with = + - @, a tab or a carriage
 * return would run as a formula in Excel/LibreOffice; such cells get a leading
 * apostrophe so that they stay text.
 */
/** A column of an export: its key in the rows, header, width and Excel number format. */
export type Column = XlsxColumn

export type Row = Record<string, unknown>
export type Rows = AsyncIterable<Row> | Iterable<Row>

const DANGEROUS = /^[=+\-@\t\r]/

export function neutralise(value: string) {
  return DANGEROUS.test(value) ? `'${value}` : value
}

function toDate(value: unknown): Date | null {
  if (value instanceof Date) return value
  if (DateTime.isDateTime(value)) return value.toJSDate()
  return null
}

function xlsxCell(value: unknown) {
  if (value === null || value === undefined) return null
  const date = toDate(value)
  if (date) return date
  if (typeof value === 'number' || typeof value === 'boolean') return value
  return neutralise(String(value))
}

/** dd/mm/yyyy in Paris time; Intl is an order of magnitude faster than luxon per call. */
const PARIS_DATE = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
})

function csvCell(value: unknown, separator: string) {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number')
    return separator === ';' ? String(value).replace('.', ',') : String(value)
  const date = toDate(value)
  if (date) return PARIS_DATE.format(date)
  const text = neutralise(String(value))
  return text.includes('"') ||
    text.includes('\n') ||
    text.includes('\r') ||
    text.includes(separator)
    ? `"${text.replaceAll('"', '""')}"`
    : text
}

/**
 * Writes an xlsx workbook to a stream: one sheet, a bold frozen header row,
 * the columns' widths and number formats (xlsx_writer.ts).
 */
export async function writeXlsx(
  output: Writable,
  columns: Column[],
  rows: Rows,
  options: { sheetName?: string } = {}
) {
  const keys = columns.map((c) => c.key)
  async function* values() {
    for await (const row of rows) yield keys.map((key) => xlsxCell(row[key]))
  }
  return streamXlsx(output, columns, values(), options)
}

/**
 * Writes CSV (UTF-8 with BOM for Excel; ';' for French Excel), honouring
 * backpressure. Lines go out 64 KB at a time: a write and an await per line
 * cost more than making the line.
 */
export async function writeCsv(
  output: Writable,
  columns: Column[],
  rows: Rows,
  options: { separator?: ',' | ';'; bom?: boolean } = {}
) {
  const separator = options.separator ?? ';'
  let buffer = options.bom === false ? '' : '\uFEFF'
  const flush = async () => {
    const full = !output.write(buffer)
    buffer = ''
    if (full) await drained(output)
    // A socket that always takes the bytes never makes us wait: other requests get their turn here.
    else await yieldToLoop()
  }
  buffer += columns.map((c) => csvCell(c.header, separator)).join(separator) + '\r\n'
  let count = 0
  const keys = columns.map((c) => c.key)
  for await (const row of rows) {
    let line = csvCell(row[keys[0]], separator)
    for (let i = 1; i < keys.length; i++) line += separator + csvCell(row[keys[i]], separator)
    buffer += line + '\r\n'
    count++
    if (buffer.length >= 65_536) await flush()
  }
  if (buffer) await flush()
  output.end()
  await once(output, 'finish').catch(() => {})
  return count
}

/**
 * Rows of a query, page by page on a keyset (never OFFSET): `fetchPage(after)`
 * returns the rows after a cursor, `cursorOf(row)` gives the next cursor.
 */
export async function* keysetRows<T extends Row, C>(
  fetchPage: (after: C | null) => Promise<T[]>,
  cursorOf: (row: T) => C
): AsyncGenerator<T> {
  let after: C | null = null
  while (true) {
    const page = await fetchPage(after)
    if (page.length === 0) return
    yield* page
    after = cursorOf(page[page.length - 1])
  }
}

export type ExportFormat = 'xlsx' | 'csv'

type StreamingResponse = Pick<HttpContext['response'], 'header' | 'stream'>

/**
 * Streams an export as the HTTP response (AdonisJS `ctx.response`), with the
 * right type and an RFC 5987 file name.
 */
export function exportResponse(
  response: StreamingResponse,
  format: ExportFormat,
  filename: string,
  columns: Column[],
  rows: Rows
) {
  const body = new PassThrough()
  const name = `${filename}.${format}`
  downloadHeaders(response, {
    filename: name,
    mime:
      format === 'xlsx'
        ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
        : 'text/csv; charset=utf-8',
  })
  const writing = format === 'xlsx' ? writeXlsx(body, columns, rows) : writeCsv(body, columns, rows)
  writing.catch((error) => body.destroy(error))
  response.stream(body)
}
