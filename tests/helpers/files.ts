import ExcelJS from 'exceljs'
import { createHash } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
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
