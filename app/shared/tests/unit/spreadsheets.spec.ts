import { test } from '@japa/runner'
import { createReadStream, createWriteStream } from 'node:fs'
import archiver from 'archiver'
import unzipper from 'unzipper'
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { DateTime } from 'luxon'
import { keysetRows, writeCsv, writeXlsx } from '#shared/spreadsheets/writer'
import {
  MAX_COLUMNS,
  csvSeparator,
  readSheetCells,
  readSpreadsheet,
  type ImportColumn,
} from '#shared/spreadsheets/reader'
import { rawZip, readZip } from '#tests/helpers/files'
import { exceljsUtf8Installed } from '#shared/spreadsheets/exceljs_utf8'

const dir = () => app.tmpPath('test-files')
const file = (name: string) => join(dir(), name)

const columns = [
  { key: 'name', header: 'Nom' },
  { key: 'score', header: 'Score' },
  { key: 'date', header: 'Date', numFmt: 'dd/mm/yyyy' },
]

const importColumns: ImportColumn[] = [
  { key: 'last_name', header: 'Nom', required: true },
  { key: 'first_name', header: 'Prénom', required: true },
  {
    key: 'email',
    header: 'Email',
    parse: (raw) => (/^\S+@\S+\.\S+$/.test(raw) ? raw.toLowerCase() : { error: 'invalid' }),
  },
]

async function xlsxFile(name: string, rows: unknown[][], formulaAt?: [number, number]) {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Feuille 1')
  rows.forEach((row) => sheet.addRow(row))
  if (formulaAt)
    sheet.getCell(formulaAt[0], formulaAt[1]).value = { formula: 'SUM(1,2)', result: 3 } as any
  await workbook.xlsx.writeFile(file(name))
  return file(name)
}

test.group('Spreadsheet writer', (group) => {
  group.setup(async () => {
    await mkdir(dir(), { recursive: true })
    return () => rm(dir(), { recursive: true, force: true })
  })

  test('writes an xlsx that exceljs reads back, with formulas neutralised', async ({ assert }) => {
    const rows = [
      { name: 'Éloïse', score: 712, date: DateTime.fromISO('2026-03-14T10:00:00Z') },
      { name: '=HYPERLINK("http://evil","x")', score: 1, date: null },
      { name: '+33 6 12', score: null, date: new Date('2026-01-02T00:00:00Z') },
    ]
    const count = await writeXlsx(createWriteStream(file('out.xlsx')), columns, rows)
    assert.equal(count, 3)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(file('out.xlsx'))
    const sheet = workbook.worksheets[0]
    assert.deepEqual(sheet.getRow(1).values, [undefined, 'Nom', 'Score', 'Date'])
    assert.equal(sheet.getCell('A2').value, 'Éloïse')
    assert.equal(sheet.getCell('B2').value, 712)
    assert.instanceOf(sheet.getCell('C2').value, Date)
    assert.equal(sheet.getCell('A3').value, `'=HYPERLINK("http://evil","x")`)
    assert.equal(sheet.getCell('A4').value, "'+33 6 12")
    assert.equal(sheet.rowCount, 4)
    assert.isTrue(sheet.getCell('A1').font?.bold)
    assert.equal(sheet.getCell('C2').numFmt, 'dd/mm/yyyy')
    assert.equal(sheet.getCell('C4').numFmt, 'dd/mm/yyyy')
  })

  test('a date keeps a date format in any column', async ({ assert }) => {
    // A date in a column without a format, after a text, still gets Excel's
    // built-in date format; the text and numbers of that column get none.
    const mixed = [
      { key: 'any', header: 'Divers' },
      { key: 'day', header: 'Jour', numFmt: 'dd/mm/yyyy' },
    ]
    const rows = [
      { any: 'texte', day: new Date('2026-05-01T00:00:00Z') },
      { any: new Date('2026-05-02T00:00:00Z'), day: null },
      { any: 42, day: new Date('2026-05-03T00:00:00Z') },
    ]
    await writeXlsx(createWriteStream(file('mixed.xlsx')), mixed, rows)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(file('mixed.xlsx'))
    const sheet = workbook.worksheets[0]
    assert.equal(sheet.getCell('A2').value, 'texte')
    assert.isUndefined(sheet.getCell('A2').numFmt)
    assert.instanceOf(sheet.getCell('A3').value, Date)
    assert.equal(sheet.getCell('A3').numFmt, 'mm-dd-yy')
    assert.equal(sheet.getCell('A4').value, 42)
    assert.isUndefined(sheet.getCell('A4').numFmt)
    assert.equal(sheet.getCell('B2').numFmt, 'dd/mm/yyyy')
    assert.equal(sheet.getCell('B4').numFmt, 'dd/mm/yyyy')
  })

  test('writes a French CSV: BOM, semicolons, quoting, dd/mm/yyyy, decimal commas', async ({
    assert,
  }) => {
    await writeCsv(createWriteStream(file('out.csv')), columns, [
      { name: 'Dupont; "Jean"', score: 12.5, date: new Date('2026-03-14T12:00:00Z') },
      { name: '@SUM(A1)', score: 3, date: null },
    ])
    const text = await readFile(file('out.csv'), 'utf8')
    assert.isTrue(text.startsWith('\uFEFF'))
    assert.equal(
      text.slice(1),
      'Nom;Score;Date\r\n"Dupont; ""Jean""";12,5;14/03/2026\r\n\'@SUM(A1);3;\r\n'
    )
  })

  test('keyset pages are walked to the end without OFFSET', async ({ assert }) => {
    const all = Array.from({ length: 25 }, (_, i) => ({ id: i + 1 }))
    const cursors: (number | null)[] = []
    const rows = keysetRows(
      async (after: number | null) => {
        cursors.push(after)
        return all.filter((r) => r.id > (after ?? 0)).slice(0, 10)
      },
      (row) => row.id
    )
    const seen: number[] = []
    for await (const row of rows) seen.push(row.id)
    assert.deepEqual(
      seen,
      all.map((r) => r.id)
    )
    assert.deepEqual(cursors, [null, 10, 20, 25])
  })
})

test.group('Spreadsheet reader', (group) => {
  group.setup(async () => {
    await mkdir(dir(), { recursive: true })
    return () => rm(dir(), { recursive: true, force: true })
  })

  test('reads a clean xlsx; header names tolerate case, accents and asterisks', async ({
    assert,
  }) => {
    const path = await xlsxFile('clean.xlsx', [
      ['NOM*', 'prenom', 'E-mail'],
      ['Bernard', 'Jean-François', 'JF@Example.test'],
    ])
    const result = await readSpreadsheet(path, {
      columns: [...importColumns.slice(0, 2), { ...importColumns[2], aliases: ['E-mail'] }],
    })
    assert.deepEqual(result.errors, [])
    assert.deepEqual(result.rows, [
      {
        row: 2,
        values: { last_name: 'Bernard', first_name: 'Jean-François', email: 'jf@example.test' },
      },
    ])
  })

  test('reads an xlsx whose sheet comes before workbook.xml in the zip (exceljs streaming bug)', async ({
    assert,
  }) => {
    const source = await xlsxFile('ordered.xlsx', [
      ['Nom', 'Prénom', 'Email'],
      ['Bernard', 'Jean', 'jean@example.test'],
    ])
    // Re-zip with the sheet after the rels and shared strings but before workbook.xml.
    const entries: { path: string; data: Buffer }[] = []
    const parser = createReadStream(source).pipe(unzipper.Parse({ forceStream: true }))
    for await (const entry of parser as any)
      entries.push({ path: entry.path, data: await entry.buffer() })
    const order = ['xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/worksheets/']
    const rank = (path: string) => {
      const index = order.findIndex((prefix) => path.startsWith(prefix))
      return index >= 0 ? index : path === 'xl/workbook.xml' ? 9 : 5
    }
    entries.sort((a, b) => rank(a.path) - rank(b.path))
    const reordered = join(dir(), 'reordered.xlsx')
    const zip = archiver('zip')
    const done = new Promise<void>((resolve) => {
      zip.pipe(createWriteStream(reordered)).on('close', () => resolve())
    })
    for (const entry of entries) zip.append(entry.data, { name: entry.path })
    await zip.finalize()
    await done
    const result = await readSpreadsheet(reordered, { columns: importColumns })
    assert.deepEqual(result.errors, [])
    assert.deepEqual(result.rows[0].values, {
      last_name: 'Bernard',
      first_name: 'Jean',
      email: 'jean@example.test',
    })
  })

  test('reports every bad row with row, column, value and reason, and returns no rows', async ({
    assert,
  }) => {
    const path = await xlsxFile(
      'errors.xlsx',
      [
        ['Nom', 'Prénom', 'Email'],
        ['Bernard', '', 'pas-un-email'],
        ['Martin', 'Luc', 'luc@example.test'],
        ['Petit', 'Zoé', 'z@example.test'],
      ],
      [4, 1]
    )
    const result = await readSpreadsheet(path, { columns: importColumns })
    assert.deepEqual(result.rows, [])
    assert.deepEqual(result.errors, [
      { row: 2, column: 'Prénom', value: '', reason: 'required' },
      { row: 2, column: 'Email', value: 'pas-un-email', reason: 'invalid' },
      { row: 4, column: 'Nom', value: '=SUM(1,2)', reason: 'formula' },
    ])
  })

  test('a csv row wider than Excel (16,384 columns) is refused at that row, nothing kept', async ({
    assert,
  }) => {
    // At the limit: read (the extra empty cells are no problem).
    const atLimit = file('large.csv')
    await writeFile(
      atLimit,
      `Nom;Prénom;Email${';'.repeat(MAX_COLUMNS - 3)}\nBernard;Alice;a@example.org${';'.repeat(MAX_COLUMNS - 3)}\n`
    )
    const read = await readSpreadsheet(atLimit, { columns: importColumns })
    assert.deepEqual(read.errors, [])
    assert.lengthOf(read.rows, 1)

    // One more on the third row: refused there, the rows before it dropped too.
    const wide = file('wide.csv')
    await writeFile(
      wide,
      `Nom;Prénom;Email\nBernard;Alice;a@example.org\nMartin;Léa;l@example.org${';'.repeat(MAX_COLUMNS - 2)}\n`
    )
    for (const keepRows of [false, true]) {
      const refused = await readSpreadsheet(wide, { columns: importColumns, keepRows })
      assert.deepEqual(refused.errors, [
        { row: 3, column: null, value: null, reason: 'too_many_columns' },
      ])
      assert.deepEqual(refused.rows, [])
    }
  })

  test('the separator is the one the header uses most, counted on its first 64 KB', ({
    assert,
  }) => {
    assert.equal(csvSeparator('Nom;Prénom;Email\nA,B;C;D'), ';')
    assert.equal(csvSeparator('Nom,Prénom;Email,Date\r\n'), ',')
    assert.equal(csvSeparator('Nom\tPrénom\tEmail'), '\t')
    // 20 MB of commas on one line is counted without splitting it.
    assert.equal(csvSeparator(`${';'.repeat(70_000)}${','.repeat(20 * 1024 * 1024)}`), ';')
  })

  test('wrong columns are reported on the header row', async ({ assert }) => {
    const path = await xlsxFile('header.xlsx', [
      ['Nom', 'Couleur'],
      ['Bernard', 'bleu'],
    ])
    const result = await readSpreadsheet(path, { columns: importColumns })
    assert.deepInclude(result.errors, {
      row: 1,
      column: 'Couleur',
      value: 'Couleur',
      reason: 'unknown_column',
    })
    assert.deepInclude(result.errors, {
      row: 1,
      column: 'Prénom',
      value: null,
      reason: 'missing_column',
    })
  })

  test('reads Windows-1252 CSV from French Excel, with ; and quoted newlines', async ({
    assert,
  }) => {
    const csv = 'Nom;Prénom;Email\r\nLefèvre;Zoé;zoe@example.test\r\n"O’Brien\r\nSmith";Noël;\r\n'
    await writeFile(file('cp1252.csv'), iconv.encode(csv, 'win1252'))
    const result = await readSpreadsheet(file('cp1252.csv'), { columns: importColumns })
    assert.deepEqual(result.errors, [])
    assert.deepEqual(
      result.rows.map((r) => r.values),
      [
        { last_name: 'Lefèvre', first_name: 'Zoé', email: 'zoe@example.test' },
        { last_name: 'O’Brien\r\nSmith', first_name: 'Noël', email: null },
      ]
    )
  })

  test('reads UTF-16 text with its byte order mark, little or big endian', async ({ assert }) => {
    const csv = 'Nom\tPrénom\tEmail\r\nLefèvre\tZoé\tzoe@example.test\r\n'
    for (const encoding of ['utf16le', 'utf16be']) {
      await writeFile(file(`${encoding}.csv`), iconv.encode(csv, encoding, { addBOM: true }))
      const result = await readSpreadsheet(file(`${encoding}.csv`), { columns: importColumns })
      assert.deepEqual(result.errors, [], encoding)
      assert.deepEqual(
        result.rows.map((r) => r.values),
        [{ last_name: 'Lefèvre', first_name: 'Zoé', email: 'zoe@example.test' }],
        encoding
      )
    }
  })

  test('refuses too many rows, garbage and oversized files with a clear reason', async ({
    assert,
  }) => {
    await writeFile(file('many.csv'), 'Nom,Prénom\n' + 'A,B\n'.repeat(20))
    const many = await readSpreadsheet(file('many.csv'), {
      columns: importColumns.slice(0, 2),
      maxRows: 10,
    })
    assert.deepEqual(many.errors, [{ row: 12, column: null, value: null, reason: 'too_many_rows' }])

    // Kept rows would only let the caller add thousands of errors above this one.
    const kept = await readSpreadsheet(file('many.csv'), {
      columns: importColumns.slice(0, 2),
      maxRows: 10,
      keepRows: true,
    })
    assert.deepEqual(kept, { rows: [], errors: many.errors })

    await writeFile(
      file('garbage.xlsx'),
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)])
    )
    const garbage = await readSpreadsheet(file('garbage.xlsx'), { columns: importColumns })
    assert.equal(garbage.errors[0].reason, 'bad_file')

    await writeFile(file('big.csv'), 'x'.repeat(2000))
    const big = await readSpreadsheet(file('big.csv'), { columns: importColumns, maxBytes: 1000 })
    assert.equal(big.errors[0].reason, 'file_too_large')
  })

  test('an xlsx that inflates past the cap (zip bomb) is refused without reading it', async ({
    assert,
  }) => {
    const rows = [
      ['Nom', 'Prénom'],
      ...Array.from({ length: 5000 }, () => ['A'.repeat(200), 'B'.repeat(200)]),
    ]
    const path = await xlsxFile('bomb.xlsx', rows)
    const result = await readSpreadsheet(path, {
      columns: importColumns.slice(0, 2),
      maxInflatedBytes: 256 * 1024,
    })
    assert.deepEqual(result.errors, [
      { row: 1, column: null, value: null, reason: 'file_too_large' },
    ])
  })
})

/** Temporary files of this process's spreadsheet reads (exceljs's own, the reader's copies). */
async function readerLeftovers() {
  return (await readdir(tmpdir())).filter(
    (name) => name.startsWith(`tmp-${process.pid}-`) || name.startsWith('passerelle-import-')
  )
}

test.group('Spreadsheet reader | workbook parts', (group) => {
  group.setup(async () => {
    await mkdir(dir(), { recursive: true })
    return () => rm(dir(), { recursive: true, force: true })
  })

  test('a workbook without shared strings leaves no copy of its sheets in the temporary folder', async ({
    assert,
  }) => {
    // exceljs's streaming writer (our exports) writes no sharedStrings.xml;
    // exceljs's reader then copied every sheet to a temporary file and, read
    // only up to the first sheet, never removed them.
    const before = await readerLeftovers()
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file('streamed.xlsx') })
    for (const name of ['Candidats', 'Listes']) {
      const sheet = workbook.addWorksheet(name)
      sheet.addRow(['Nom', 'Prénom', 'Email']).commit()
      sheet.addRow(['Lefèvre', 'Zoé', 'zoe@example.test']).commit()
      sheet.commit()
    }
    await workbook.commit()
    const result = await readSpreadsheet(file('streamed.xlsx'), { columns: importColumns })
    assert.deepEqual(result.errors, [])
    assert.deepEqual(result.rows[0].values, {
      last_name: 'Lefèvre',
      first_name: 'Zoé',
      email: 'zoe@example.test',
    })
    assert.deepEqual(await readerLeftovers(), before)
  })

  test("a part missing from the zip's directory (never measured) is never read", async ({
    assert,
  }) => {
    const path = await xlsxFile('real.xlsx', [
      ['Nom', 'Prénom', 'Email'],
      ['Lefèvre', 'Zoé', ''],
    ])
    const parts = await readZip(await readFile(path))
    const real = rawZip(Object.entries(parts).map(([name, content]) => ({ name, content })))
    // A sheet in front of the zip that its directory does not list.
    const hidden = rawZip([
      {
        name: 'xl/worksheets/sheet1.xml',
        content: Buffer.from(
          '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
            '<row r="1"><c r="A1" t="inlineStr"><is><t>Nom</t></is></c><c r="B1" t="inlineStr"><is><t>Prénom</t></is></c></row>' +
            '<row r="2"><c r="A2" t="inlineStr"><is><t>Caché</t></is></c><c r="B2" t="inlineStr"><is><t>Caché</t></is></c></row>' +
            '</sheetData></worksheet>'
        ),
      },
    ])
    const local = hidden.subarray(0, hidden.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])))
    // The real directory, its offsets moved past the hidden entry.
    const end = real.length - 22
    let header = real.readUInt32LE(end + 16)
    for (let i = real.readUInt16LE(end + 10); i > 0; i--) {
      real.writeUInt32LE(real.readUInt32LE(header + 42) + local.length, header + 42)
      header += 46 + real.readUInt16LE(header + 28) + real.readUInt16LE(header + 30)
    }
    real.writeUInt32LE(real.readUInt32LE(end + 16) + local.length, end + 16)
    await writeFile(file('smuggled.xlsx'), Buffer.concat([local, real]))
    const result = await readSpreadsheet(file('smuggled.xlsx'), { columns: importColumns })
    assert.deepEqual(result.errors, [])
    assert.deepEqual(
      result.rows.map((row) => row.values.last_name),
      ['Lefèvre']
    )
  })

  test('a few cells of a sheet found by its name are read, streamed', async ({ assert }) => {
    const workbook = new ExcelJS.Workbook()
    workbook.addWorksheet('Candidats').addRow(['Nom'])
    const settings = workbook.addWorksheet('Valeurs par défaut')
    settings.getCell('B2').value = 'ARA_arabe'
    settings.getCell('B3').value = { formula: '"DZ"&"_Algérie"', result: 'DZ_Algérie' } as any
    settings.getCell('C12').value = 'loin'
    await workbook.xlsx.writeFile(file('template.xlsx'))
    assert.deepEqual(
      await readSheetCells(file('template.xlsx'), 'Valeurs par défaut', ['B2', 'B3', 'C12', 'D1']),
      { B2: 'ARA_arabe', B3: '', C12: 'loin', D1: '' }
    )
    assert.isNull(await readSheetCells(file('template.xlsx'), 'Autre', ['B2']))
    await writeFile(file('plain.csv'), 'Nom;Prénom\n')
    assert.isNull(await readSheetCells(file('plain.csv'), 'Valeurs par défaut', ['B2']))
    await writeFile(file('broken.xlsx'), (await readFile(file('template.xlsx'))).subarray(0, 900))
    assert.isNull(await readSheetCells(file('broken.xlsx'), 'Valeurs par défaut', ['B2']))
  })
})

test.group('Spreadsheet reader | empty', (group) => {
  group.setup(async () => {
    await mkdir(dir(), { recursive: true })
    return () => rm(dir(), { recursive: true, force: true })
  })

  test('an empty file says so', async ({ assert }) => {
    await writeFile(file('empty.csv'), '')
    const result = await readSpreadsheet(file('empty.csv'), { columns: importColumns })
    assert.deepEqual(result.errors, [{ row: 1, column: null, value: null, reason: 'empty_file' }])
  })

  test('headers with no row under them, or only blank rows, are an empty file too', async ({
    assert,
  }) => {
    const empty = [{ row: 1, column: null, value: null, reason: 'empty_file' }]
    await writeFile(file('header.csv'), 'Nom;Prénom;Email\r\n;;\r\n  ; ;\r\n')
    for (const keepRows of [false, true]) {
      const csv = await readSpreadsheet(file('header.csv'), { columns: importColumns, keepRows })
      assert.deepEqual(csv, { rows: [], errors: empty })
    }
    const xlsx = await xlsxFile('header.xlsx', [['Nom', 'Prénom', 'Email']])
    assert.deepEqual(await readSpreadsheet(xlsx, { columns: importColumns }), {
      rows: [],
      errors: empty,
    })
  })
})

test.group('Spreadsheet reader · characters across chunks', (group) => {
  group.setup(async () => {
    await mkdir(dir(), { recursive: true })
    return () => rm(dir(), { recursive: true, force: true })
  })

  test('accents, ligatures and emoji survive in a sheet of many chunks', async ({ assert }) => {
    assert.isTrue(exceljsUtf8Installed())
    // Inline strings of 1- to 4-byte characters, shifted by one byte each row so that
    // some character straddles every chunk boundary of the inflated sheet XML.
    const names = (i: number) => `${'x'.repeat(i % 7)}Éloïse Œuvrard – à distance 🎓 ${i}`
    const rows = Array.from({ length: 6000 }, (_, i) => ({
      name: names(i),
      first: 'Zoé',
      email: `e${i}@exemple.fr`,
    }))
    await writeXlsx(
      createWriteStream(file('accents.xlsx')),
      [
        { key: 'name', header: 'Nom' },
        { key: 'first', header: 'Prénom' },
        { key: 'email', header: 'Email' },
      ],
      rows
    )
    const result = await readSpreadsheet(file('accents.xlsx'), {
      columns: importColumns,
      maxRows: 10_000,
    })
    assert.deepEqual(result.errors, [])
    assert.lengthOf(result.rows, 6000)
    const mangled = result.rows.filter(
      (row, i) => row.values.last_name !== names(i) || row.values.first_name !== 'Zoé'
    )
    assert.deepEqual(
      mangled.slice(0, 3).map((row) => row.values.last_name),
      []
    )
  })
})
