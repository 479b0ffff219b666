// First, before exceljs: its XML parser's UTF-8 fix.
import '#shared/spreadsheets/exceljs_fix'
import { createWriteStream } from 'node:fs'
import { open, readFile, rm, stat } from 'node:fs/promises'
import { randomUUID } from 'node:crypto'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import archiver from 'archiver'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import unzipper from 'unzipper'
import { inspectZip } from '#shared/uploads/zip'

/**
 * Reads an uploaded spreadsheet (xlsx or csv) for an import and validates every
 * row. It never throws for a bad file: problems come back as errors with a row,
 * a column, the value and a stable reason code (the UI translates the codes).
 *
 * All-or-nothing is the caller's rule: write only when `errors` is empty, in
 * one transaction.
 */
export interface ImportColumn {
  key: string
  /** Header as written in the template; aliases are accepted too (case and accents ignored). */
  header: string
  aliases?: string[]
  required?: boolean
  /** Turns the raw text into a value, or returns { error: code }. */
  parse?: (raw: string) => unknown | { error: string }
}

export type ReadErrorReason =
  | 'required'
  | 'invalid'
  | 'formula'
  | 'missing_column'
  | 'unknown_column'
  | 'empty_file'
  | 'too_many_rows'
  | 'too_many_columns'
  | 'file_too_large'
  | 'bad_file'
  | 'unsupported_type'
  | (string & {})

export interface ReadError {
  /** Row number as the user sees it in a spreadsheet (the header is row 1). */
  row: number
  column: string | null
  value: string | null
  reason: ReadErrorReason
}

export interface ReadRow {
  row: number
  values: Record<string, unknown>
}

export interface ReadResult {
  rows: ReadRow[]
  errors: ReadError[]
}

export interface ReadOptions {
  columns: ImportColumn[]
  maxRows?: number
  /** Cap on the bytes an xlsx may inflate to (a zip bomb is refused early). */
  maxInflatedBytes?: number
  maxBytes?: number
  /** Stop collecting errors past this many (the file is refused anyway). */
  maxErrors?: number
  /**
   * Return the rows even when some cells have errors (rows with an error keep
   * their valid cells), so that the caller can add its own checks on the rest.
   */
  keepRows?: boolean
}

const normalise = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036F]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_*]+/g, ' ')
    .trim()

class Collector {
  rows: ReadRow[] = []
  errors: ReadError[] = []
  #keys: (ImportColumn | null)[] = []
  #header = false
  constructor(
    private options: Required<Pick<ReadOptions, 'maxRows' | 'maxErrors'>> & ReadOptions
  ) {}

  get full() {
    return this.errors.length >= this.options.maxErrors
  }

  error(error: ReadError) {
    if (!this.full) this.errors.push(error)
  }

  /** Returns false to stop reading. */
  add(row: number, cells: (string | { formula: true; text: string })[]) {
    if (!this.#header) {
      this.#header = true
      return this.#readHeader(cells.map((c) => (typeof c === 'string' ? c : c.text)))
    }
    if (cells.every((c) => (typeof c === 'string' ? c.trim() === '' : false))) return true
    if (this.rows.length >= this.options.maxRows) {
      this.error({ row, column: null, value: null, reason: 'too_many_rows' })
      return false
    }
    // A value beyond the last column is a shifted row (an unquoted separator
    // in a csv cell): refused rather than silently dropped.
    const extra = cells
      .slice(this.#keys.length)
      .find((c) => (typeof c === 'string' ? c.trim() : c.text))
    if (extra !== undefined)
      this.error({
        row,
        column: null,
        value: typeof extra === 'string' ? extra.trim().slice(0, 80) : extra.text,
        reason: 'extra_cells',
      })
    const values: Record<string, unknown> = {}
    this.#keys.forEach((column, index) => {
      if (!column) return
      const cell = cells[index] ?? ''
      if (typeof cell !== 'string') {
        this.error({ row, column: column.header, value: cell.text, reason: 'formula' })
        return
      }
      const raw = cell.trim()
      if (raw === '') {
        if (column.required)
          this.error({ row, column: column.header, value: '', reason: 'required' })
        values[column.key] = null
        return
      }
      if (raw.startsWith('=')) {
        this.error({ row, column: column.header, value: raw, reason: 'formula' })
        return
      }
      const parsed = column.parse ? column.parse(raw) : raw
      if (parsed && typeof parsed === 'object' && 'error' in (parsed as object)) {
        this.error({
          row,
          column: column.header,
          value: raw,
          reason: (parsed as { error: string }).error,
        })
        return
      }
      values[column.key] = parsed
    })
    this.rows.push({ row, values })
    return !this.full
  }

  #readHeader(headers: string[]) {
    const byName = new Map<string, ImportColumn>()
    for (const column of this.options.columns) {
      for (const name of [column.header, ...(column.aliases ?? [])])
        byName.set(normalise(name), column)
    }
    this.#keys = headers.map((header) => {
      if (header.trim() === '') return null
      const column = byName.get(normalise(header))
      if (!column) this.error({ row: 1, column: header, value: header, reason: 'unknown_column' })
      return column ?? null
    })
    for (const column of this.options.columns) {
      if (column.required && !this.#keys.includes(column)) {
        this.error({ row: 1, column: column.header, value: null, reason: 'missing_column' })
      }
    }
    return this.errors.length === 0
  }

  finish(): ReadResult {
    // No header, or a header and no row: there is nothing to import, and an
    // empty file applied would say "0 saved" or disable a whole roster.
    if (this.rows.length === 0 && this.errors.length === 0) {
      this.error({ row: 1, column: null, value: null, reason: 'empty_file' })
    }
    // Past the header or the row cap the file is refused whole: checking its
    // rows further would only bury that reason under thousands of others.
    const refusedWhole = this.errors.some(
      (e) => e.row === 1 || e.reason === 'too_many_rows' || e.reason === 'too_many_columns'
    )
    const keep = this.options.keepRows && !refusedWhole
    return { rows: this.errors.length && !keep ? [] : this.rows, errors: this.errors }
  }
}

export async function readSpreadsheet(filePath: string, options: ReadOptions): Promise<ReadResult> {
  const settings = {
    maxRows: 100_000,
    maxErrors: 200,
    maxInflatedBytes: 100 * 1024 * 1024,
    maxBytes: 20 * 1024 * 1024,
    ...options,
  }
  const collector = new Collector(settings)
  try {
    const { size } = await stat(filePath)
    if (size > settings.maxBytes) {
      collector.error({ row: 1, column: null, value: null, reason: 'file_too_large' })
      return { rows: [], errors: collector.errors }
    }
    if (await isZip(filePath)) await readXlsx(filePath, settings, collector)
    else await readCsv(filePath, collector)
  } catch (error) {
    // A file that the parsers cannot read is the user's problem, not a crash.
    collector.errors =
      error instanceof TooManyColumnsError
        ? [{ row: error.row, column: null, value: null, reason: 'too_many_columns' }]
        : [{ row: 1, column: null, value: null, reason: 'bad_file' }]
  }
  return collector.finish()
}

async function isZip(filePath: string) {
  const head = Buffer.alloc(4)
  const file = await open(filePath)
  try {
    await file.read(head, 0, 4, 0)
  } finally {
    await file.close()
  }
  return head.readUInt32LE(0) === 0x04034b50
}

async function readXlsx(
  filePath: string,
  settings: ReadOptions & { maxInflatedBytes: number },
  collector: Collector
) {
  const zip = await inspectZip(filePath, {
    maxEntries: 10_000,
    maxInflatedBytes: settings.maxInflatedBytes,
  })
  if (!zip.ok) {
    const reason = zip.reason === 'too_large_inflated' ? 'file_too_large' : 'bad_file'
    collector.error({ row: 1, column: null, value: null, reason })
    return
  }
  await eachWorksheet(filePath, async (worksheet) => {
    for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
      if (!collector.add(row.number, rowCells(row))) break
    }
    return false // first sheet only
  })
}

/** The parts exceljs's streaming reader must meet before any sheet. */
const FIRST_PARTS = ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml']
const EMPTY_SHARED_STRINGS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>'

/**
 * The workbook copied from its central directory (the entries inspectZip
 * measured), stored uncompressed, in the order exceljs's streaming reader
 * needs. Read as sent, a sheet before workbook.xml fails, a sheet before the
 * shared strings (or in a workbook without any) is copied to a temporary file
 * that exceljs never removes, and an entry missing from the directory would
 * be inflated without having been measured.
 */
async function canonicalCopy(filePath: string) {
  const directory = await unzipper.Open.file(filePath)
  const rank = (path: string) => {
    const index = FIRST_PARTS.indexOf(path)
    return index < 0 ? FIRST_PARTS.length : index
  }
  const files = directory.files
    .filter((entry) => entry.type === 'File')
    .sort((a, b) => rank(a.path) - rank(b.path))
  const copy = join(tmpdir(), `passerelle-import-${randomUUID()}.xlsx`)
  const zip = archiver('zip', { store: true })
  const written = pipeline(zip, createWriteStream(copy))
  written.catch(() => {})
  try {
    if (!files.some((entry) => entry.path === 'xl/sharedStrings.xml'))
      zip.append(EMPTY_SHARED_STRINGS, { name: 'xl/sharedStrings.xml' })
    for (const entry of files) {
      zip.append(entry.stream(), { name: entry.path })
      await once(zip, 'entry')
    }
    await zip.finalize()
    await written
  } catch (error) {
    zip.abort()
    await rm(copy, { force: true })
    throw error
  }
  return copy
}

/**
 * Streams the worksheets of a workbook, in order, to `visit` until it returns
 * false; a sheet it does not read is skipped unparsed. Memory stays bounded
 * whatever the workbook holds.
 */
async function eachWorksheet(
  filePath: string,
  visit: (worksheet: ExcelJS.stream.xlsx.WorksheetReader & { name?: string }) => Promise<boolean>
) {
  const copy = await canonicalCopy(filePath)
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(copy, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
  })
  try {
    for await (const worksheet of reader as AsyncIterable<any>) {
      if (!(await visit(worksheet))) break
    }
  } finally {
    // Stopped early, the reader still holds the file open.
    ;(reader as unknown as { stream?: { destroy(): void } }).stream?.destroy()
    await rm(copy, { force: true })
  }
}

function rowCells(row: ExcelJS.Row) {
  const cells: (string | { formula: true; text: string })[] = []
  row.eachCell({ includeEmpty: true }, (cell, col) => {
    cells[col - 1] = cellText(cell)
  })
  for (let i = 0; i < cells.length; i++) cells[i] ??= ''
  return cells
}

/**
 * The text of a few cells ("B2") of one sheet found by its name, such as a
 * template's settings sheet; null when the file is no readable workbook or
 * has no such sheet. Streamed, with the same caps as an import.
 */
export async function readSheetCells(
  filePath: string,
  sheetName: string,
  addresses: string[],
  maxInflatedBytes = 100 * 1024 * 1024
): Promise<Record<string, string> | null> {
  const wanted = addresses.map((address) => {
    const [, letters, digits] = /^([A-Z]+)(\d+)$/.exec(address) ?? ['', 'A', '0']
    const column = [...letters].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0)
    return { address, row: Number(digits), column }
  })
  const lastRow = Math.max(...wanted.map((cell) => cell.row))
  try {
    if (!(await isZip(filePath))) return null
    const zip = await inspectZip(filePath, { maxEntries: 10_000, maxInflatedBytes })
    if (!zip.ok) return null
    let found: Record<string, string> | null = null
    await eachWorksheet(filePath, async (worksheet) => {
      if (worksheet.name !== sheetName) return true
      found = Object.fromEntries(addresses.map((address) => [address, '']))
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        for (const cell of wanted) {
          if (row.number !== cell.row) continue
          const text = cellText(row.getCell(cell.column))
          found[cell.address] = typeof text === 'string' ? text : ''
        }
        if (row.number >= lastRow) break
      }
      return false
    })
    return found
  } catch {
    return null
  }
}

function cellText(cell: ExcelJS.Cell): string | { formula: true; text: string } {
  const value = cell.value as any
  if (value === null || value === undefined) return ''
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value)
      return { formula: true, text: `=${value.formula ?? value.sharedFormula}` }
    if (value instanceof Date) return value.toISOString().slice(0, 10)
    if ('richText' in value)
      return value.richText.map((part: { text: string }) => part.text).join('')
    if ('text' in value) return String(value.text)
    if ('error' in value) return String(value.error)
  }
  return String(value)
}

/**
 * UTF-8 (with or without BOM), UTF-16 with its BOM (Excel's "Unicode text")
 * or, failing those, Windows-1252 (French Excel).
 */
export function decodeText(bytes: Buffer) {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return bytes.subarray(3).toString('utf8')
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(bytes.subarray(2), 'utf16le')
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(bytes.subarray(2), 'utf16be')
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return iconv.decode(bytes, 'win1252')
  }
}

async function readCsv(filePath: string, collector: Collector) {
  const text = decodeText(await readFile(filePath))
  if (text.includes('\u0000')) throw new Error('binary')
  const separator = csvSeparator(text)
  let row = 1
  for (const cells of parseCsv(text, separator)) {
    if (!collector.add(row, cells)) return
    row++
  }
}

/**
 * The separator the header uses most: ";" (French Excel), "," or a tab.
 * Counted over the header's first 64 KB, however long the line.
 */
export function csvSeparator(text: string) {
  const end = text.search(/\r?\n|$/)
  const header = text.slice(0, Math.min(end, 64 * 1024))
  const counts = new Map<string, number>([
    [';', 0],
    [',', 0],
    ['\t', 0],
  ])
  for (const char of header) if (counts.has(char)) counts.set(char, counts.get(char)! + 1)
  return [...counts].sort((a, b) => b[1] - a[1])[0][0]
}

/** Excel's widest sheet (column XFD): a row wider than this is no table. */
export const MAX_COLUMNS = 16_384

/** A csv row wider than MAX_COLUMNS: refused there, before it is held whole. */
export class TooManyColumnsError extends Error {
  constructor(public row: number) {
    super(`row ${row} has more than ${MAX_COLUMNS} columns`)
  }
}

/** RFC 4180 parsing: quoted fields may hold separators, quotes ("") and newlines. */
export function* parseCsv(text: string, separator: string): Generator<string[]> {
  let field = ''
  let record: string[] = []
  let quoted = false
  let row = 1
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i++
        } else quoted = false
      } else field += char
    } else if (char === '"' && field === '') {
      quoted = true
    } else if (char === separator) {
      record.push(field)
      field = ''
      if (record.length >= MAX_COLUMNS) throw new TooManyColumnsError(row)
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++
      record.push(field)
      yield record
      record = []
      field = ''
      row++
    } else field += char
  }
  if (field !== '' || record.length) {
    record.push(field)
    yield record
  }
}
