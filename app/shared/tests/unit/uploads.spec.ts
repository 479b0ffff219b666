import { test } from '@japa/runner'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import iconv from 'iconv-lite'
import ExcelJS from 'exceljs'
import { PassThrough } from 'node:stream'
import { junkAfterDeflate, rawZip } from '#tests/helpers/files'
import drive from '@adonisjs/drive/services/main'
import { checkUpload, kindOfBytes, storeUpload } from '#shared/uploads/uploads'

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a5cb0000000049454e44ae426082',
  'hex'
)
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')

async function upload(name: string, bytes: Buffer) {
  const tmpPath = join(app.tmpPath('test-uploads'), name)
  await writeFile(tmpPath, bytes)
  return { tmpPath, size: bytes.length }
}

test.group('Uploads', (group) => {
  group.setup(async () => {
    await mkdir(app.tmpPath('test-uploads'), { recursive: true })
    return () => rm(app.tmpPath('test-uploads'), { recursive: true, force: true })
  })

  test('the type comes from the content, not the name', async ({ assert }) => {
    const pngNamedPdf = await upload('photo.pdf', PNG)
    assert.deepEqual(await checkUpload(pngNamedPdf, { kinds: ['pdf'], maxBytes: 1e6 }), {
      ok: false,
      reason: 'wrong_type',
    })
    assert.deepEqual(await checkUpload(pngNamedPdf, { kinds: ['png', 'jpeg'], maxBytes: 1e6 }), {
      ok: true,
      kind: 'png',
      mime: 'image/png',
    })
    const pdf = await upload('document.bin', PDF)
    assert.deepEqual(await checkUpload(pdf, { kinds: ['pdf', 'zip'], maxBytes: 1e6 }), {
      ok: true,
      kind: 'pdf',
      mime: 'application/pdf',
    })
  })

  test('csv is text without NUL bytes; binaries are not csv', async ({ assert }) => {
    const csv = await upload('a.csv', Buffer.from('Nom;Prénom\nA;B\n'))
    assert.isTrue((await checkUpload(csv, { kinds: ['csv'], maxBytes: 1e6 })).ok)
    const binary = await upload('b.csv', Buffer.from([0x41, 0x00, 0x42]))
    assert.deepEqual(await checkUpload(binary, { kinds: ['csv'], maxBytes: 1e6 }), {
      ok: false,
      reason: 'wrong_type',
    })
  })

  test("UTF-16 text with its byte order mark is csv (Excel's Unicode text), not audio", async ({
    assert,
  }) => {
    const text = 'Nom\tPrénom\r\nLefèvre\tZoé\r\n'
    for (const encoding of ['utf16le', 'utf16be']) {
      const withBom = await upload(
        `${encoding}.csv`,
        iconv.encode(text, encoding, { addBOM: true })
      )
      assert.deepEqual(await checkUpload(withBom, { kinds: ['xlsx', 'csv'], maxBytes: 1e6 }), {
        ok: true,
        kind: 'csv',
        mime: 'text/csv',
      })
      // Without the mark, the NUL bytes of the ASCII letters say binary.
      const bare = await upload(`${encoding}-bare.csv`, iconv.encode(text, encoding))
      assert.deepEqual(await checkUpload(bare, { kinds: ['xlsx', 'csv'], maxBytes: 1e6 }), {
        ok: false,
        reason: 'wrong_type',
      })
    }
    // A byte order mark in front of binary data is still binary.
    const fake = await upload('fake.csv', Buffer.from([0xff, 0xfe, 0x00, 0x00, 0x41, 0x00]))
    assert.equal((await checkUpload(fake, { kinds: ['csv'], maxBytes: 1e6 })).ok, false)
  })

  test('a large workbook from a streaming writer is an xlsx, not a mere zip', async ({
    assert,
  }) => {
    // Its [Content_Types].xml comes after 2 MB of sheet, past what file-type reads.
    const output = new PassThrough()
    const chunks: Buffer[] = []
    output.on('data', (chunk: Buffer) => chunks.push(chunk))
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output })
    const sheet = workbook.addWorksheet('Données')
    for (let i = 0; i < 100_000; i++) sheet.addRow([`a${i}`, `b${i * 7}`, i]).commit()
    sheet.commit()
    await workbook.commit()
    const streamed = await upload('streamed.xlsx', Buffer.concat(chunks))
    assert.deepEqual(await checkUpload(streamed, { kinds: ['xlsx', 'csv'], maxBytes: 5e6 }), {
      ok: true,
      kind: 'xlsx',
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    })
    // A zip of other things stays a zip, refused where only workbooks are allowed.
    const other = await upload('other.xlsx', rawZip([{ name: 'a.txt', content: Buffer.from('a') }]))
    assert.deepEqual(await checkUpload(other, { kinds: ['xlsx', 'csv'], maxBytes: 5e6 }), {
      ok: false,
      reason: 'wrong_type',
    })
  }).timeout(30_000)

  test('a zip whose parts cannot be inflated is refused, not a crash', async ({ assert }) => {
    const bytes = junkAfterDeflate()
    const damaged = await upload('damaged.xlsx', bytes)
    assert.deepEqual(await checkUpload(damaged, { kinds: ['xlsx', 'csv'], maxBytes: 1e6 }), {
      ok: false,
      reason: 'wrong_type',
    })
    assert.isNull(await kindOfBytes(bytes, ['xlsx', 'zip']))
  })

  test('sizes are capped and a missing file is reported', async ({ assert }) => {
    const pdf = await upload('big.pdf', PDF)
    assert.deepEqual(await checkUpload(pdf, { kinds: ['pdf'], maxBytes: 10 }), {
      ok: false,
      reason: 'too_large',
    })
    assert.deepEqual(await checkUpload(null, { kinds: ['pdf'], maxBytes: 10 }), {
      ok: false,
      reason: 'missing',
    })
  })

  test('stored files get unguessable keys under their prefix', async ({ assert }) => {
    const pdf = await upload('x.pdf', PDF)
    const key = await storeUpload(pdf, 'centres/1/../../documents', 'pdf')
    assert.match(key, /^centres\/1\/documents\/[0-9a-f-]{36}\.pdf$/)
    assert.equal(await drive.use().get(key), PDF.toString())
    await drive.use().delete(key)
  })
})
