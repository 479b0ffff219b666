// First, before exceljs: its XML parser's UTF-8 fix.
import '#shared/spreadsheets/exceljs_fix'
import { PassThrough, type Writable } from 'node:stream'
import { once } from 'node:events'
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import ExcelJS from 'exceljs'
import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { downloadHeaders } from '#shared/http/downloads'

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
 * Writes an xlsx workbook to a stream, one sheet, committing each row. Styles
 * (bold header, number formats) cost about half the speed in exceljs: they are
 * only switched on when a column asks for a number format (dates).
 */
export async function writeXlsx(
  output: Writable,
  columns: Column[],
  rows: Rows,
  options: { sheetName?: string } = {}
) {
  const styled = columns.some((c) => c.numFmt)
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: styled,
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
  if (styled) sheet.getRow(1).font = { bold: true }
  sheet.getRow(1).commit()
  // exceljs gives every cell its own copy of the column's style, and renders
  // each copy to find its style id (a third of the time): cells share one
  // style object per column (and value type) instead, whose id it remembers.
  const shared = columns.map((c) => ({
    other: c.numFmt ? { numFmt: c.numFmt } : {},
    date: c.numFmt ? { numFmt: c.numFmt } : {},
  }))
  const shareStyle = (cell: ExcelJS.Cell, number: number) => {
    const styles = shared[number - 1]
    if (styles) cell.style = cell.type === ExcelJS.ValueType.Date ? styles.date : styles.other
  }
  let count = 0
  for await (const row of rows) {
    const added = sheet.addRow(columns.map((c) => xlsxCell(row[c.key])))
    if (styled) added.eachCell(shareStyle)
    added.commit()
    if (++count % 1000 === 0) await drained(sheet)
  }
  sheet.commit()
  await workbook.commit()
  return count
}

/**
 * exceljs pushes each 64 KB of sheet XML into the zip without waiting for the
 * compressor: on big exports that backlog is what grows memory (≈ 700 MB at 1M
 * rows). Wait until the compressor has taken it, and let other requests run.
 */
async function drained(sheet: ExcelJS.Worksheet) {
  // The zip entry is a readable-stream v2 PassThrough: no writableLength, only its state.
  const pipes: (Writable & { _writableState?: { length: number } })[] =
    (sheet as any).stream?.pipes ?? []
  for (const pipe of pipes) {
    while ((pipe._writableState?.length ?? 0) > 1024 * 1024) await once(pipe, 'drain')
  }
  await yieldToLoop()
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
    if (full) await once(output, 'drain')
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
