import { open, readFile, stat } from 'node:fs/promises'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
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
    const headerBroken = this.errors.some((e) => e.row === 1)
    const keep = this.options.keepRows && !headerBroken
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
  let collector = new Collector(settings)
  try {
    const { size } = await stat(filePath)
    if (size > settings.maxBytes) {
      collector.error({ row: 1, column: null, value: null, reason: 'file_too_large' })
      return { rows: [], errors: collector.errors }
    }
    const head = Buffer.alloc(4)
    const file = await open(filePath)
    await file.read(head, 0, 4, 0)
    await file.close()
    if (head.readUInt32LE(0) === 0x04034b50) {
      try {
        await readXlsx(filePath, settings, collector)
      } catch (error) {
        if (!(error instanceof StreamOrderError)) throw error
        // exceljs's streaming reader fails when a sheet comes before workbook.xml
        // in the zip (the order writers use varies): read the same file whole. Its
        // inflated size was checked already, so memory stays bounded.
        collector = new Collector(settings)
        await readXlsxWhole(filePath, collector)
      }
    } else {
      await readCsv(filePath, collector)
    }
  } catch {
    // A file that the parsers cannot read is the user's problem, not a crash.
    collector.errors = [{ row: 1, column: null, value: null, reason: 'bad_file' }]
  }
  return collector.finish()
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
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(filePath, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
  })
  const worksheets = (async function* () {
    try {
      yield* reader
    } catch (error) {
      if (error instanceof TypeError && /sheets/.test(error.message)) throw new StreamOrderError()
      throw error
    }
  })()
  for await (const worksheet of worksheets) {
    for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
      const cells: (string | { formula: true; text: string })[] = []
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cells[col - 1] = cellText(cell)
      })
      for (let i = 0; i < cells.length; i++) cells[i] ??= ''
      if (!collector.add(row.number, cells)) return
    }
    return // first sheet only
  }
}

class StreamOrderError extends Error {}

/** The first sheet of a workbook read whole (the fallback of the streaming reader). */
async function readXlsxWhole(filePath: string, collector: Collector) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(filePath)
  const sheet = workbook.worksheets[0]
  if (!sheet) return
  for (let number = 1; number <= sheet.rowCount; number++) {
    const row = sheet.getRow(number)
    if (!row.hasValues) continue
    const cells: (string | { formula: true; text: string })[] = []
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell)
    })
    for (let i = 0; i < cells.length; i++) cells[i] ??= ''
    if (!collector.add(row.number, cells)) return
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
  const firstLine = text.slice(0, text.search(/\r?\n|$/))
  const separator = [';', ',', '\t'].sort(
    (a, b) => firstLine.split(b).length - firstLine.split(a).length
  )[0]
  let row = 1
  for (const cells of parseCsv(text, separator)) {
    if (!collector.add(row, cells)) return
    row++
  }
}

/** RFC 4180 parsing: quoted fields may hold separators, quotes ("") and newlines. */
export function* parseCsv(text: string, separator: string): Generator<string[]> {
  let field = ''
  let record: string[] = []
  let quoted = false
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
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++
      record.push(field)
      yield record
      record = []
      field = ''
    } else field += char
  }
  if (field !== '' || record.length) {
    record.push(field)
    yield record
  }
}
