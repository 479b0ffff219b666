import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { randomUUID } from 'node:crypto'
import { fileTypeFromBuffer, fileTypeFromFile } from 'file-type'
import drive from '@adonisjs/drive/services/main'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type { HttpContext } from '@adonisjs/core/http'

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
  | { ok: false; reason: 'missing' | 'too_large' | 'wrong_type' }

/** Plain text: no NUL byte in the first 8 KB (csv has no magic bytes). */
async function looksLikeText(path: string) {
  const file = await open(path)
  try {
    const buffer = Buffer.alloc(8192)
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0)
    return bytesRead > 0 && !buffer.subarray(0, bytesRead).includes(0)
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
  const detected = await fileTypeFromFile(file.tmpPath)
  let kind: UploadKind | undefined = detected ? DETECTED[detected.ext] : undefined
  if (!detected && options.kinds.includes('csv') && (await looksLikeText(file.tmpPath)))
    kind = 'csv'
  if (!kind || !options.kinds.includes(kind)) return { ok: false, reason: 'wrong_type' }
  return { ok: true, kind, mime: MIME[kind] }
}

/**
 * The kind of a file from its first bytes (a chunked upload's first chunk),
 * or null when it is none of those allowed.
 */
export async function kindOfBytes(bytes: Uint8Array, kinds: UploadKind[]) {
  const detected = await fileTypeFromBuffer(bytes)
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

type DownloadResponse = Pick<HttpContext['response'], 'header' | 'stream'>

/** Streams a stored file back. The caller has checked the user's rights first. */
export async function streamStored(
  response: DownloadResponse,
  key: string,
  options: { filename: string; mime: string; inline?: boolean }
) {
  const safe = options.filename.replace(/[^\w. -]/g, '_').slice(0, 120)
  response.header('Content-Type', options.mime)
  response.header('X-Content-Type-Options', 'nosniff')
  response.header(
    'Content-Disposition',
    `${options.inline ? 'inline' : 'attachment'}; filename="${safe}"; filename*=UTF-8''${encodeURIComponent(options.filename)}`
  )
  response.stream(await drive.use().getStream(key))
}
