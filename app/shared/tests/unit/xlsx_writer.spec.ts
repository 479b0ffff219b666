import { test } from '@japa/runner'
import { createWriteStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { once } from 'node:events'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { PassThrough, Writable } from 'node:stream'
import { crc32 } from 'node:zlib'
import app from '@adonisjs/core/services/app'
import ExcelJS from 'exceljs'
import unzipper from 'unzipper'
import { writeXlsx } from '#shared/spreadsheets/writer'
import { columnLetters, streamXlsx } from '#shared/spreadsheets/xlsx_writer'
import { OutputClosedError } from '#shared/spreadsheets/zip_writer'

const dir = () => app.tmpPath('test-xlsx-writer')
const file = (name: string) => join(dir(), name)

async function readBack(path: string) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(path)
  return workbook
}

test.group('xlsx writer', (group) => {
  group.setup(async () => {
    await mkdir(dir(), { recursive: true })
    return () => rm(dir(), { recursive: true, force: true })
  })

  test('column letters follow Excel: Z, AA, AZ, ZZ, AAA', ({ assert }) => {
    assert.deepEqual([0, 25, 26, 51, 701, 702, 16_383].map(columnLetters), [
      'A',
      'Z',
      'AA',
      'AZ',
      'ZZ',
      'AAA',
      'XFD',
    ])
  })

  test('every kind of value reads back as written, XML specials and controls made safe', async ({
    assert,
  }) => {
    const columns = [
      { key: 'text', header: 'Texte <&> "entre guillemets"', width: 40 },
      { key: 'number', header: 'Nombre', numFmt: '0.00' },
      { key: 'other', header: 'Divers' },
    ]
    const rows = [
      { text: 'a & b < c > d "e"', number: 12.5, other: true },
      { text: '  espaces autour  ', number: -3, other: false },
      { text: 'bip\u0007 nul\u0000 fin', number: Number.NaN, other: Number.POSITIVE_INFINITY },
      { text: 'demi \ud83d seul', number: 0, other: new Date('invalid') },
      { text: 'ligne 1\nligne 2\ttab', number: 1e21, other: 'x'.repeat(32_000) },
      { text: null, number: undefined, other: '' },
    ]
    const path = file('kinds.xlsx')
    assert.equal(
      await writeXlsx(createWriteStream(path), columns, rows, { sheetName: 'Bilan: 2026/[T1]?' }),
      6
    )
    const sheet = (await readBack(path)).worksheets[0]
    assert.equal(sheet.name, 'Bilan  2026  T1')
    assert.deepEqual(sheet.getRow(1).values, [
      undefined,
      'Texte <&> "entre guillemets"',
      'Nombre',
      'Divers',
    ])
    assert.isTrue(sheet.getCell('A1').font?.bold)
    assert.isTrue(sheet.getCell('C1').font?.bold)
    assert.equal(sheet.getColumn(1).width, 40)
    assert.equal(sheet.getColumn(2).width, 18)
    assert.deepInclude(sheet.views[0], { state: 'frozen', ySplit: 1 })

    assert.equal(sheet.getCell('A2').value, 'a & b < c > d "e"')
    assert.equal(sheet.getCell('B2').value, 12.5)
    assert.equal(sheet.getCell('B2').numFmt, '0.00')
    assert.equal(sheet.getCell('C2').value, true)
    assert.equal(sheet.getCell('A3').value, '  espaces autour  ')
    assert.equal(sheet.getCell('C3').value, false)
    // Controls XML cannot carry are dropped; a lone surrogate becomes U+FFFD.
    assert.equal(sheet.getCell('A4').value, 'bip nul fin')
    assert.equal(sheet.getCell('A5').value, 'demi \ufffd seul')
    // NaN, infinities and invalid dates are empty cells, not a corrupt file.
    assert.isNull(sheet.getCell('B4').value)
    assert.isNull(sheet.getCell('C4').value)
    assert.isNull(sheet.getCell('C5').value)
    assert.equal(sheet.getCell('A6').value, 'ligne 1\nligne 2\ttab')
    assert.equal(sheet.getCell('B6').value, 1e21)
    assert.equal(sheet.getCell('C6').value, 'x'.repeat(32_000))
    assert.isNull(sheet.getCell('A7').value)
    assert.isNull(sheet.getCell('B7').value)
    assert.equal(sheet.rowCount, 7)
  })

  test('the zip holds the parts of a workbook, each with its CRC and sizes', async ({ assert }) => {
    const path = file('parts.xlsx')
    const rows = Array.from({ length: 20_000 }, (_, i) => [`Candidat ${i} – Œuvrard`, i, null])
    const count = await streamXlsx(
      createWriteStream(path),
      [
        { key: 'a', header: 'A' },
        { key: 'b', header: 'B' },
        { key: 'c', header: 'C' },
      ],
      rows,
      { now: new Date(2026, 11, 1, 10, 30, 20) }
    )
    assert.equal(count, 20_000)
    const directory = await unzipper.Open.file(path)
    assert.deepEqual(
      directory.files.map((entry) => entry.path),
      [
        '[Content_Types].xml',
        '_rels/.rels',
        'docProps/app.xml',
        'docProps/core.xml',
        'xl/workbook.xml',
        'xl/_rels/workbook.xml.rels',
        'xl/styles.xml',
        'xl/worksheets/sheet1.xml',
      ]
    )
    for (const entry of directory.files) {
      const content = await entry.buffer()
      assert.equal(content.length, entry.uncompressedSize, entry.path)
      assert.equal(crc32(content), entry.crc32, entry.path)
      assert.isBelow(entry.compressedSize, entry.uncompressedSize + 16, entry.path)
      assert.equal(entry.lastModifiedDateTime.getFullYear(), 2026)
      assert.equal(entry.lastModifiedDateTime.getMinutes(), 30)
    }
    const sheet = (await readBack(path)).worksheets[0]
    assert.equal(sheet.rowCount, 20_001)
    assert.equal(sheet.getCell('A20001').value, 'Candidat 19999 – Œuvrard')
    assert.equal(sheet.getCell('B20001').value, 19_999)
  })

  test('a slow reader is waited for: the output never holds more than a few chunks', async ({
    assert,
  }) => {
    let written = 0
    let worst = 0
    const slow = new Writable({
      highWaterMark: 64 * 1024,
      write(chunk: Buffer, _encoding, done) {
        written += chunk.length
        worst = Math.max(worst, slow.writableLength)
        setTimeout(done, 1)
      },
    })
    // Random bytes compress poorly: zlib hands out nearly as much as it gets.
    const noise = () => randomBytes(96).toString('base64')
    async function* rows() {
      for (let i = 0; i < 30_000; i++) yield [noise(), noise()]
    }
    const finished = new Promise((resolve) => slow.on('finish', resolve))
    await streamXlsx(
      slow,
      [
        { key: 'a', header: 'A' },
        { key: 'b', header: 'B' },
      ],
      rows()
    )
    await finished
    assert.isAbove(written, 4 * 1024 * 1024)
    assert.isBelow(worst, 512 * 1024)
  })

  test('a reader that goes away stops the export and closes the rows', async ({ assert }) => {
    const output = new PassThrough()
    let bytes = 0
    output.on('data', (chunk: Buffer) => {
      bytes += chunk.length
      if (bytes > 200_000) output.destroy()
    })
    let produced = 0
    let closed = false
    async function* rows() {
      try {
        for (let i = 0; i < 1_000_000; i++) {
          produced++
          yield [`${i}-${Math.random().toString(36)}`]
        }
      } finally {
        closed = true
      }
    }
    await assert.rejects(
      () => streamXlsx(output, [{ key: 'a', header: 'A' }], rows()),
      OutputClosedError
    )
    assert.isTrue(closed)
    assert.isBelow(produced, 200_000)
  })

  test('rows that fail leave the file unfinished and the error is passed on', async ({
    assert,
  }) => {
    const path = file('broken.xlsx')
    async function* rows() {
      for (let i = 0; i < 5000; i++) yield { a: `ligne ${i}` }
      throw new Error('database gone')
    }
    const output = createWriteStream(path)
    await assert.rejects(
      () => writeXlsx(output, [{ key: 'a', header: 'A' }], rows()),
      'database gone'
    )
    assert.isFalse(output.writableEnded)
    output.end()
    await once(output, 'close')
    // No central directory: not a workbook.
    await assert.rejects(() => readBack(path))
  })
})
