import { test } from '@japa/runner'
import type { Assert } from '@japa/assert'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import {
  readSpreadsheet,
  type ImportColumn,
  type ReadOptions,
  type ReadResult,
} from '#shared/spreadsheets/reader'
import { MAGIC_PREFIXES, NASTY_CELLS, fuzzRandom, type Random } from '#tests/helpers/fuzz'

/*
 * Properties of the import reader over a few hundred drawn files: it never
 * throws, it always answers with rows or errors within its caps, it reads
 * back exactly what a csv (any separator, line ending or encoding) or an
 * xlsx holds, and a formula never comes back as a value.
 */
const dir = () => app.tmpPath('test-reader-properties')

const COLUMNS: ImportColumn[] = [
  { key: 'last_name', header: 'Nom' },
  { key: 'first_name', header: 'Prénom' },
  { key: 'note', header: 'Remarque' },
]
const HEADERS = COLUMNS.map((column) => column.header)
const REQUIRED: ImportColumn[] = [
  { key: 'last_name', header: 'Nom', required: true },
  {
    key: 'email',
    header: 'Email',
    required: true,
    parse: (raw) => (/^\S+@\S+\.\S+$/.test(raw) ? raw : { error: 'invalid_email' }),
  },
]

const READER_REASONS = [
  'required',
  'invalid_email',
  'formula',
  'missing_column',
  'unknown_column',
  'empty_file',
  'too_many_rows',
  'file_too_large',
  'bad_file',
  'extra_cells',
]

let counter = 0
async function write(bytes: Buffer | string, extension = 'csv') {
  const path = join(dir(), `${++counter}.${extension}`)
  await writeFile(path, bytes)
  return path
}

/** What every answer of the reader satisfies, whatever the file. */
function assertShape(
  assert: Assert,
  result: ReadResult,
  options: Partial<ReadOptions>,
  label: string
) {
  const maxRows = options.maxRows ?? 100_000
  const maxErrors = options.maxErrors ?? 200
  assert.isTrue(result.rows.length > 0 || result.errors.length > 0, `${label}: rows or errors`)
  assert.isAtMost(result.rows.length, maxRows, `${label}: at most maxRows rows`)
  assert.isAtMost(result.errors.length, maxErrors, `${label}: at most maxErrors errors`)
  if (!options.keepRows && result.errors.length)
    assert.lengthOf(result.rows, 0, `${label}: no rows beside errors`)
  for (const error of result.errors) {
    assert.isTrue(Number.isInteger(error.row) && error.row >= 1, `${label}: row ${error.row}`)
    assert.include(READER_REASONS, error.reason, label)
  }
  for (const row of result.rows)
    for (const value of Object.values(row.values))
      assert.isFalse(
        typeof value === 'string' && value.trim().startsWith('='),
        `${label}: a formula came back as a value`
      )
}

/** A csv as a careful writer makes it: quoted where needed. */
function csv(rows: string[][], separator: string, eol: string) {
  const cell = (text: string) =>
    /["\r\n]/.test(text) || text.includes(separator) ? `"${text.replaceAll('"', '""')}"` : text
  return rows.map((row) => row.map(cell).join(separator)).join(eol) + eol
}

async function xlsx(rows: unknown[][], sheets: string[] = ['Feuille 1']) {
  const workbook = new ExcelJS.Workbook()
  for (const name of sheets) workbook.addWorksheet(name)
  const sheet = workbook.worksheets[0]
  rows.forEach((row) => sheet.addRow(row))
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** Cells with no surrounding blanks (the reader trims) that a spreadsheet can hold. */
function cellText(random: Random, alphabet: string) {
  const inner = random.text(random.int(1, 12), alphabet)
  const text = inner.trim()
  return text === '' || text.startsWith('=') ? `x${text}` : text
}

const UNICODE = 'abcXYZ019 éèàçÉÀœ’«»€;,\t"\n\r+-@/:.𝒳😀ẞ中文'
const CP1252 = 'abcXYZ019 éèàçÉÀœ’«»€;,\t"\n\r+-@/:.'

test.group('Spreadsheet reader | properties', (group) => {
  group.setup(async () => {
    await mkdir(dir(), { recursive: true })
    return () => rm(dir(), { recursive: true, force: true })
  })

  test('random bytes, with or without a known magic prefix, never make it throw', async ({
    assert,
  }) => {
    const random = fuzzRandom('reader random bytes')
    const prefixes = Object.values(MAGIC_PREFIXES)
    for (let i = 0; i < 150; i++) {
      const body = random.bytes(random.int(0, 4096))
      const bytes = random.chance(0.5) ? Buffer.concat([random.pick(prefixes), body]) : body
      const options = { columns: REQUIRED }
      const result = await readSpreadsheet(
        await write(bytes, random.pick(['csv', 'xlsx'])),
        options
      )
      assertShape(assert, result, options, `bytes #${i}`)
    }
  }).timeout(60_000)

  test('a csv reads back cell for cell, whatever its separator, line ending and encoding', async ({
    assert,
  }) => {
    const random = fuzzRandom('reader csv round trip')
    for (let i = 0; i < 100; i++) {
      const encoding = random.pick(['utf8', 'utf8-bom', 'utf16le-bom', 'utf16be-bom', 'win1252'])
      const alphabet = encoding === 'win1252' ? CP1252 : UNICODE
      const rows = Array.from({ length: random.int(1, 12) }, () =>
        HEADERS.map(() => cellText(random, alphabet))
      )
      const separator = random.pick([';', ',', '\t'])
      const text = csv([HEADERS, ...rows], separator, random.pick(['\n', '\r\n']))
      const bytes =
        encoding === 'utf8'
          ? Buffer.from(text)
          : encoding === 'utf8-bom'
            ? Buffer.concat([MAGIC_PREFIXES.utf8Bom, Buffer.from(text)])
            : encoding === 'win1252'
              ? iconv.encode(text, 'win1252')
              : iconv.encode(text, encoding === 'utf16le-bom' ? 'utf16le' : 'utf16be', {
                  addBOM: true,
                })
      const label = `csv #${i} (${encoding}, ${JSON.stringify(separator)})`
      const options = { columns: COLUMNS }
      const result = await readSpreadsheet(await write(bytes), options)
      assertShape(assert, result, options, label)
      assert.deepEqual(result.errors, [], label)
      assert.deepEqual(
        result.rows.map((row) => HEADERS.map((_, c) => row.values[COLUMNS[c].key])),
        rows,
        label
      )
    }
  }).timeout(60_000)

  test('an xlsx reads back cell for cell from its first sheet', async ({ assert }) => {
    const random = fuzzRandom('reader xlsx round trip')
    // XML has no carriage returns nor most control characters.
    const alphabet = UNICODE.replace('\r', '')
    for (let i = 0; i < 40; i++) {
      const rows = Array.from({ length: random.int(1, 12) }, () =>
        HEADERS.map(() => cellText(random, alphabet))
      )
      const extra = random.chance(0.5) ? ['Listes', 'Aide'] : []
      const bytes = await xlsx([HEADERS, ...rows], ['Données', ...extra])
      const options = { columns: COLUMNS }
      const result = await readSpreadsheet(await write(bytes, 'xlsx'), options)
      assertShape(assert, result, options, `xlsx #${i}`)
      assert.deepEqual(result.errors, [], `xlsx #${i}`)
      assert.deepEqual(
        result.rows.map((row) => HEADERS.map((_, c) => row.values[COLUMNS[c].key])),
        rows,
        `xlsx #${i}`
      )
    }
  }).timeout(60_000)

  test('a cell starting with = is refused as a formula; + - @ come back as plain text', async ({
    assert,
  }) => {
    const random = fuzzRandom('reader formulas')
    const cells = [...NASTY_CELLS, '=SUM(A1)', ' =1', '+33 6 12 34 56 78', '-', '@', 'Dupont']
    for (let i = 0; i < 60; i++) {
      const rows = Array.from({ length: random.int(1, 8) }, () =>
        HEADERS.map(() => random.pick(cells))
      )
      const asXlsx = random.chance(0.3)
      const bytes = asXlsx
        ? await xlsx([HEADERS, ...rows.map((row) => row.map((c) => c.replaceAll('\r', '')))])
        : Buffer.from(csv([HEADERS, ...rows], ';', '\r\n'))
      const label = `formulas #${i} (${asXlsx ? 'xlsx' : 'csv'})`
      const options = { columns: COLUMNS, keepRows: true }
      const result = await readSpreadsheet(await write(bytes, asXlsx ? 'xlsx' : 'csv'), options)
      // The model: trimmed, an empty row skipped, '=' refused, anything else kept as written.
      const expectedRows: unknown[][] = []
      const expectedErrors: unknown[] = []
      rows.forEach((row, r) => {
        const raw = row.map((c) => (asXlsx ? c.replaceAll('\r', '') : c).trim())
        if (raw.every((c) => c === '')) return
        expectedRows.push(raw.map((c) => (c === '' || c.startsWith('=') ? undefined : c)))
        raw.forEach((c, column) => {
          if (c.startsWith('='))
            expectedErrors.push({
              row: r + 2,
              column: HEADERS[column],
              value: c,
              reason: 'formula',
            })
        })
      })
      if (expectedRows.length === 0)
        expectedErrors.push({ row: 1, column: null, value: null, reason: 'empty_file' })
      assert.deepEqual(result.errors, expectedErrors, label)
      assert.deepEqual(
        result.rows.map((row) => HEADERS.map((_, c) => row.values[COLUMNS[c].key] ?? undefined)),
        expectedErrors.some((e: any) => e.row === 1) ? [] : expectedRows,
        label
      )
    }
  }).timeout(60_000)

  test('an xlsx formula cell is refused even when it holds a cached result', async ({ assert }) => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Feuille 1')
    sheet.addRow(HEADERS)
    sheet.addRow(['Dupont', 'Marie', ''])
    sheet.getCell('C2').value = {
      formula: 'WEBSERVICE("http://evil.example")',
      result: 'ok',
    } as any
    sheet.addRow(['Durand', 'Paul', 'ok'])
    sheet.mergeCells('A3:B3')
    const path = await write(Buffer.from(await workbook.xlsx.writeBuffer()), 'xlsx')
    const result = await readSpreadsheet(path, { columns: COLUMNS })
    assert.deepEqual(result.errors, [
      {
        row: 2,
        column: 'Remarque',
        value: '=WEBSERVICE("http://evil.example")',
        reason: 'formula',
      },
    ])
    assert.deepEqual(result.rows, [])
  })

  test('the row and error caps hold for any number of rows', async ({ assert }) => {
    const random = fuzzRandom('reader caps')
    for (let i = 0; i < 60; i++) {
      const maxRows = random.int(1, 30)
      const maxErrors = random.int(1, 10)
      const count = random.int(0, 45)
      const bad = random.chance(0.3)
      const rows = Array.from({ length: count }, (_, r) => [
        `Nom${r}`,
        bad && r % 2 ? 'pas-un-email' : `p${r}@example.test`,
      ])
      const asXlsx = random.chance(0.3)
      const header = ['Nom', 'Email']
      const bytes = asXlsx
        ? await xlsx([header, ...rows])
        : Buffer.from(csv([header, ...rows], ',', '\n'))
      const options = { columns: REQUIRED, maxRows, maxErrors }
      const result = await readSpreadsheet(await write(bytes, asXlsx ? 'xlsx' : 'csv'), options)
      const label = `caps #${i} (${count} rows, maxRows ${maxRows}, maxErrors ${maxErrors})`
      assertShape(assert, result, options, label)
      const reasons = result.errors.map((e) => e.reason)
      if (count === 0) assert.deepEqual(reasons, ['empty_file'], label)
      else if (!bad && count > maxRows) assert.deepEqual(reasons, ['too_many_rows'], label)
      else if (!bad) assert.lengthOf(result.rows, count, label)
      else assert.notInclude(reasons, 'empty_file', label)
    }
  }).timeout(60_000)

  test('damaged csv and xlsx files never make it throw', async ({ assert }) => {
    const random = fuzzRandom('reader damaged files')
    const header = ['Nom', 'Email']
    const rows = Array.from({ length: 30 }, (_, r) => [`Nom ${r} é`, `p${r}@example.test`])
    const goodXlsx = await xlsx([header, ...rows])
    const goodCsv = Buffer.from(csv([header, ...rows], ';', '\r\n'))
    for (let i = 0; i < 80; i++) {
      const asXlsx = random.chance(0.6)
      const bytes = random.mutate(asXlsx ? goodXlsx : goodCsv)
      const options = { columns: REQUIRED, keepRows: random.chance(0.5) }
      const result = await readSpreadsheet(await write(bytes, asXlsx ? 'xlsx' : 'csv'), options)
      assertShape(assert, result, options, `damaged #${i} (${asXlsx ? 'xlsx' : 'csv'})`)
    }
  }).timeout(60_000)
})
