import { mkdir, writeFile } from 'node:fs/promises'
import { Readable } from 'node:stream'
import unzipper from 'unzipper'
import app from '@adonisjs/core/services/app'

/** The smallest file that file-type recognises as a PDF. */
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'
)

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
