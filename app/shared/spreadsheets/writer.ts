import { PassThrough, type Writable } from 'node:stream'
import { once } from 'node:events'
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import ExcelJS from 'exceljs'
import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'

/**
 * "Export the table as shown": xlsx and csv writers that stream rows from an
 * async iterator (e.g. a keyset-paginated query) with constant memory.
 *
 * Formula injection: a text cell starting with = + - @, a tab or a carriage
 * return would run as a formula in Excel/LibreOffice; such cells get a leading
 * apostrophe so that they stay text.
 */
export interface Column {
  key: string
  header: string
  width?: number
  /** Excel number format, e.g. '0.00' or 'dd/mm/yyyy'. */
  numFmt?: string
}

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

function csvCell(value: unknown, separator: string) {
  if (value === null || value === undefined) return ''
  const date = toDate(value)
  let text: string
  if (date) text = DateTime.fromJSDate(date).setZone('Europe/Paris').toFormat('dd/MM/yyyy')
  else if (typeof value === 'number')
    text = separator === ';' ? String(value).replace('.', ',') : String(value)
  else text = neutralise(String(value))
  return /["\r\n]/.test(text) || text.includes(separator) ? `"${text.replaceAll('"', '""')}"` : text
}

/** Writes an xlsx workbook to a stream, one sheet, committing each row. */
export async function writeXlsx(
  output: Writable,
  columns: Column[],
  rows: Rows,
  options: { sheetName?: string } = {}
) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: false,
  })
  const sheet = workbook.addWorksheet(options.sheetName ?? 'Export', {
    views: [{ state: 'frozen', ySplit: 1 }],
  })
  sheet.columns = columns.map((c) => ({
    key: c.key,
    header: c.header,
    width: c.width ?? 18,
    style: c.numFmt ? { numFmt: c.numFmt } : undefined,
  }))
  sheet.getRow(1).font = { bold: true }
  sheet.getRow(1).commit()
  let count = 0
  for await (const row of rows) {
    sheet.addRow(columns.map((c) => xlsxCell(row[c.key]))).commit()
    // Let the stream drain and other requests run: memory stays flat.
    if (++count % 1000 === 0) await yieldToLoop()
  }
  sheet.commit()
  await workbook.commit()
  return count
}

/** Writes CSV (UTF-8 with BOM for Excel; ';' for French Excel), honouring backpressure. */
export async function writeCsv(
  output: Writable,
  columns: Column[],
  rows: Rows,
  options: { separator?: ',' | ';'; bom?: boolean } = {}
) {
  const separator = options.separator ?? ';'
  const write = async (line: string) => {
    if (!output.write(line)) await once(output, 'drain')
  }
  if (options.bom ?? true) await write('\uFEFF')
  await write(columns.map((c) => csvCell(c.header, separator)).join(separator) + '\r\n')
  let count = 0
  for await (const row of rows) {
    await write(columns.map((c) => csvCell(row[c.key], separator)).join(separator) + '\r\n')
    count++
  }
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
  response.header(
    'Content-Type',
    format === 'xlsx'
      ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
      : 'text/csv; charset=utf-8'
  )
  response.header(
    'Content-Disposition',
    `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`
  )
  response.header('X-Content-Type-Options', 'nosniff')
  const writing = format === 'xlsx' ? writeXlsx(body, columns, rows) : writeCsv(body, columns, rows)
  writing.catch((error) => body.destroy(error))
  response.stream(body)
}
