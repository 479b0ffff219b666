import ExcelJS from 'exceljs'
import archiver from 'archiver'
import { crc32, deflateRawSync } from 'node:zlib'
import { createHash } from 'node:crypto'
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import unzipper from 'unzipper'
import app from '@adonisjs/core/services/app'

/** The smallest file that file-type recognises as a PDF. */
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'
)

/** A WebM-looking audio file of `size` bytes: the EBML header file-type recognises, then filler. */
export function webm(size: number, fill = 7) {
  const bytes = Buffer.alloc(size, fill)
  Buffer.from([
    0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01, 0x42, 0xf2, 0x81,
    0x04, 0x42, 0xf3, 0x81, 0x08, 0x42, 0x82, 0x84, 0x77, 0x65, 0x62, 0x6d,
  ]).copy(bytes)
  return bytes
}

/** The SHA-256 of bytes, in hex (what the capture screen declares). */
export function sha256(bytes: Uint8Array) {
  return createHash('sha256').update(bytes).digest('hex')
}

/** Writes bytes to a temporary file for an upload in a test; returns its path. */
export async function fixture(name: string, bytes: Buffer) {
  await mkdir(app.tmpPath('test-fixtures'), { recursive: true })
  const path = app.tmpPath('test-fixtures', name)
  await writeFile(path, bytes)
  return path
}

/**
 * Files of the system's temporary folder (where the body parser puts uploads)
 * that hold exactly these bytes and appeared since `since` (a Date.now()).
 */
export async function leftInTmp(bytes: Buffer, since: number) {
  if (bytes.length === 0) return []
  const found: string[] = []
  for (const name of await readdir(tmpdir())) {
    const path = join(tmpdir(), name)
    const info = await stat(path).catch(() => null)
    if (!info?.isFile() || info.size !== bytes.length || info.mtimeMs < since - 1000) continue
    if ((await readFile(path).catch(() => null))?.equals(bytes)) found.push(path)
  }
  return found
}

/**
 * A zip written byte by byte (stored entries), so that entry names are kept
 * exactly as given: archiver cleans "../" away, an attacker's tool does not.
 */
export function rawZip(entries: { name: string; content: Buffer }[]) {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const fileName = Buffer.from(entry.name)
    const crc = crc32(entry.content)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(entry.content.length, 18)
    local.writeUInt32LE(entry.content.length, 22)
    local.writeUInt16LE(fileName.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(entry.content.length, 20)
    central.writeUInt32LE(entry.content.length, 24)
    central.writeUInt16LE(fileName.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, fileName, entry.content)
    centrals.push(central, fileName)
    offset += local.length + fileName.length + entry.content.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

/**
 * The start of a zip whose [Content_Types].xml has junk after its deflated
 * data: file-type, inflating it to tell an xlsx, threw on it.
 */
export function junkAfterDeflate() {
  const content = Buffer.from('<?xml version="1.0"?><Types/>')
  const data = Buffer.concat([deflateRawSync(content), Buffer.from('junk after the data')])
  const name = Buffer.from('[Content_Types].xml')
  const header = Buffer.alloc(30)
  header.writeUInt32LE(0x04034b50, 0)
  header.writeUInt16LE(20, 4)
  header.writeUInt16LE(8, 8)
  header.writeUInt32LE(crc32(content), 14)
  header.writeUInt32LE(data.length, 18)
  header.writeUInt32LE(content.length, 22)
  header.writeUInt16LE(name.length, 26)
  return Buffer.concat([header, name, data, Buffer.alloc(100)])
}

/** A zip of these entries, deflated; a number is that many zero bytes (a zip bomb when large). */
export async function deflatedZip(entries: { name: string; content: Buffer | number }[]) {
  const zip = archiver('zip', { zlib: { level: 9 } })
  const chunks: Buffer[] = []
  zip.on('data', (chunk: Buffer) => chunks.push(chunk))
  for (const entry of entries)
    zip.append(typeof entry.content === 'number' ? zeros(entry.content) : entry.content, {
      name: entry.name,
    })
  await zip.finalize()
  return Buffer.concat(chunks)
}

function zeros(size: number) {
  const chunk = Buffer.alloc(1024 * 1024)
  let left = size
  return new Readable({
    read() {
      if (left <= 0) return this.push(null)
      const part = Math.min(left, chunk.length)
      left -= part
      this.push(chunk.subarray(0, part))
    },
  })
}

/** The entries of a zip (a download's body), by path. */
export async function readZip(body: Buffer) {
  const files: Record<string, Buffer> = {}
  const stream = Readable.from(body).pipe(unzipper.Parse({ forceStream: true }))
  for await (const entry of stream as any) files[entry.path] = await entry.buffer()
  return files
}

/** The first sheet of an xlsx body as rows of cell values (exports read back). */
export async function xlsxRows(body: Buffer) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(body as any)
  const rows: unknown[][] = []
  workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
  return rows
}

/**
 * The rows of a CSV body as the app writes them (exports read back): a BOM,
 * ';' between cells, quoted cells with doubled quotes, CRLF between rows.
 */
export function csvRows(body: string | Buffer, separator = ';') {
  const text = String(body).replace(/^\uFEFF/, '')
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (char === '"') quoted = false
      else cell += char
    } else if (char === '"' && cell === '') quoted = true
    else if (char === separator) {
      row.push(cell)
      cell = ''
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else cell += char
  }
  if (cell !== '' || row.length) rows.push([...row, cell])
  return rows
}
