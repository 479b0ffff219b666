import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { FSDriver } from 'flydrive/drivers/fs'
import { fileTypeFromBuffer, fileTypeFromFile } from 'file-type'
import drive from '@adonisjs/drive/services/main'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type { HttpContext } from '@adonisjs/core/http'
import { Exception } from '@adonisjs/core/exceptions'
import { downloadHeaders } from '#shared/http/downloads'
import { inspectZip, isWorkbook } from '#shared/uploads/zip'

/**
 * Uploads: the type is decided by the file's content (magic bytes), never by
 * its name or the browser's word; sizes are capped; files are streamed to Drive
 * under unguessable keys and only served back through routes that check rights.
 */
export type UploadKind =
  'pdf' | 'zip' | 'jpeg' | 'png' | 'webp' | 'xlsx' | 'csv' | 'webm' | 'ogg' | 'mp4'

const MIME: Record<UploadKind, string> = {
  pdf: 'application/pdf',
  zip: 'application/zip',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
  webm: 'audio/webm',
  ogg: 'audio/ogg',
  mp4: 'audio/mp4',
}

/** file-type's extension → our kind. */
const DETECTED: Record<string, UploadKind> = {
  pdf: 'pdf',
  zip: 'zip',
  jpg: 'jpeg',
  png: 'png',
  webp: 'webp',
  xlsx: 'xlsx',
  webm: 'webm',
  ogg: 'ogg',
  oga: 'ogg',
  opus: 'ogg',
  // Safari's MediaRecorder writes audio in an MP4 container.
  m4a: 'mp4',
  mp4: 'mp4',
}

export type UploadCheck =
  | { ok: true; kind: UploadKind; mime: string }
  | { ok: false; reason: 'missing' | 'too_large' | 'wrong_type' | 'unsafe_archive' }

/**
 * What a zip attachment may hold once inflated: no zip bomb, no entry that
 * would escape its folder when someone extracts it.
 */
export const ZIP_LIMITS = { maxEntries: 2000, maxInflatedBytes: 200 * 1024 * 1024 }

/**
 * Plain text (csv has no magic bytes): no NUL byte in the first 8 KB, or, after
 * a UTF-16 byte order mark, no NUL character.
 */
async function looksLikeText(path: string) {
  const file = await open(path)
  try {
    const buffer = Buffer.alloc(8192)
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0)
    const head = buffer.subarray(0, bytesRead)
    const bom = bytesRead >= 2 ? head.readUInt16BE(0) : 0
    if (bom === 0xfffe || bom === 0xfeff) {
      const text = head.subarray(2, 2 + ((bytesRead - 2) & ~1))
      return !new TextDecoder(bom === 0xfffe ? 'utf-16le' : 'utf-16be').decode(text).includes('\0')
    }
    return bytesRead > 0 && !head.includes(0)
  } finally {
    await file.close()
  }
}

export async function checkUpload(
  file: Pick<MultipartFile, 'tmpPath' | 'size'> | null | undefined,
  options: { kinds: UploadKind[]; maxBytes: number }
): Promise<UploadCheck> {
  if (!file?.tmpPath) return { ok: false, reason: 'missing' }
  if (file.size > options.maxBytes) return { ok: false, reason: 'too_large' }
  // file-type inflates parts of a zip to tell an xlsx: a damaged one makes it throw.
  const detected = await fileTypeFromFile(file.tmpPath).catch(() => null)
  if (detected === null) return { ok: false, reason: 'wrong_type' }
  let kind: UploadKind | undefined = detected ? DETECTED[detected.ext] : undefined
  // Checked whenever no allowed kind matched: file-type takes UTF-16's byte
  // order mark for an MPEG audio frame.
  if (!kind && options.kinds.includes('csv') && (await looksLikeText(file.tmpPath))) kind = 'csv'
  if (
    kind === 'zip' &&
    options.kinds.includes('xlsx') &&
    !options.kinds.includes('zip') &&
    (await isWorkbook(file.tmpPath))
  )
    kind = 'xlsx'
  if (!kind || !options.kinds.includes(kind)) return { ok: false, reason: 'wrong_type' }
  if (kind === 'zip') {
    const zip = await inspectZip(file.tmpPath, ZIP_LIMITS)
    if (!zip.ok)
      return { ok: false, reason: zip.reason === 'corrupt' ? 'wrong_type' : 'unsafe_archive' }
  }
  return { ok: true, kind, mime: MIME[kind] }
}

/**
 * The kind of a file from its first bytes (a chunked upload's first chunk),
 * or null when it is none of those allowed.
 */
export async function kindOfBytes(bytes: Uint8Array, kinds: UploadKind[]) {
  const detected = await fileTypeFromBuffer(bytes).catch(() => undefined)
  const kind = detected ? DETECTED[detected.ext] : undefined
  return kind && kinds.includes(kind) ? { kind, mime: MIME[kind] } : null
}

/** Streams the temporary file to Drive under `<prefix>/<uuid>.<kind>`; returns the key. */
export async function storeUpload(
  file: Pick<MultipartFile, 'tmpPath'>,
  prefix: string,
  kind: UploadKind
) {
  // Only plain folder names: no '..', no empty or odd segments.
  const folder = prefix
    .split('/')
    .filter((segment) => /^[\w-]+$/.test(segment))
    .join('/')
  const key = `${folder}/${randomUUID()}.${kind === 'jpeg' ? 'jpg' : kind}`
  await drive.use().putStream(key, createReadStream(file.tmpPath!))
  return key
}

type DownloadResponse = Pick<HttpContext['response'], 'header' | 'stream' | 'status'>

/**
 * One byte range of a file of `size` bytes, from a Range header ("bytes=0-99",
 * "bytes=100-", "bytes=-500"): the bytes to send, 'unsatisfiable' when it
 * lies outside the file, or null to send the whole file (no header, another
 * unit, several ranges or a malformed one, as RFC 9110 allows).
 */
export function parseRange(header: string | undefined, size: number) {
  const match = /^bytes=(\d*)-(\d*)$/.exec((header ?? '').trim())
  if (!match || (match[1] === '' && match[2] === '')) return null
  let start: number
  let end: number
  if (match[1] === '') {
    const suffix = Number(match[2])
    if (suffix === 0) return 'unsatisfiable' as const
    start = Math.max(0, size - suffix)
    end = size - 1
  } else {
    start = Number(match[1])
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1)
    if (match[2] !== '' && Number(match[2]) < start) return null
  }
  if (start >= size || size === 0) return 'unsatisfiable' as const
  return { start, end }
}

/**
 * Streams a stored file back. The caller has checked the user's rights first.
 * With `range` (the request's Range header), answers byte ranges as media
 * players need to seek (Safari plays audio only so): 206 with the slice,
 * 416 outside the file; on the local disk the slice is read directly, on
 * other disks the stream is cut to it.
 */
export async function streamStored(
  response: DownloadResponse,
  key: string,
  options: { filename: string; mime: string; inline?: boolean; range?: string }
) {
  downloadHeaders(response, options)
  if (options.range === undefined) return response.stream(await drive.use().getStream(key))

  const meta = await drive
    .use()
    .getMetaData(key)
    .catch(() => null)
  if (!meta) throw new Exception('Stored file not found', { status: 404, code: 'E_FILE_NOT_FOUND' })
  const size = meta.contentLength
  response.header('Accept-Ranges', 'bytes')
  const range = parseRange(options.range, size)
  if (range === 'unsatisfiable') {
    response.status(416)
    response.header('Content-Range', `bytes */${size}`)
    return response.stream(Readable.from([]))
  }
  if (!range) {
    response.header('Content-Length', String(size))
    return response.stream(await drive.use().getStream(key))
  }
  response.status(206)
  response.header('Content-Range', `bytes ${range.start}-${range.end}/${size}`)
  response.header('Content-Length', String(range.end - range.start + 1))
  const disk = drive.use()
  if (disk.driver instanceof FSDriver) {
    const root = disk.driver.options.location
    const path = join(typeof root === 'string' ? root : fileURLToPath(root), key)
    return response.stream(createReadStream(path, { start: range.start, end: range.end }))
  }
  const stream = await disk.getStream(key)
  return response.stream(byteSlice(stream, range.start, range.end))
}

/**
 * Bytes start..end (inclusive) of a stream (disks without native ranges):
 * stops reading, and releases the source, once past the end.
 */
export function byteSlice(source: Readable, start: number, end: number) {
  async function* slice() {
    let offset = 0
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        const from = Math.max(0, start - offset)
        const to = Math.min(chunk.length, end + 1 - offset)
        offset += chunk.length
        if (from < to) yield chunk.subarray(from, to)
        if (offset > end) break
      }
    } finally {
      source.destroy()
    }
  }
  return Readable.from(slice())
}
