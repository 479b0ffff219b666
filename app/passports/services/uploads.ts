import { createHash, randomUUID } from 'node:crypto'
import { PassThrough } from 'node:stream'
import { DateTime } from 'luxon'
import drive from '@adonisjs/drive/services/main'
import db from '@adonisjs/lucid/services/db'
import type { User } from '#accounts'
import { oralParts, type Registration } from '#sessions'
import AuditLog from '#shared/audit/audit_log'
import { DomainError } from '#shared/errors'
import { kindOfBytes, type UploadKind } from '#shared/uploads/uploads'
import ExamPassport from '#passports/models/exam_passport'
import PassportMedia, { MEDIA_KINDS, type MediaKind } from '#passports/models/passport_media'
import PassportUpload from '#passports/models/passport_upload'

/** At most this much per chunk: the tablet sends 512 KB, a margin for others. */
export const MAX_CHUNK = 2 * 1024 * 1024

/** What each captured item may be: size cap and content types (checked by magic bytes). */
export const MEDIA_RULES: Record<MediaKind, { maxBytes: number; kinds: UploadKind[] }> = {
  photo: { maxBytes: 5 * 1024 * 1024, kinds: ['jpeg', 'webp'] },
  signature: { maxBytes: 1024 * 1024, kinds: ['png'] },
  clip: { maxBytes: 100 * 1024 * 1024, kinds: ['webm', 'ogg', 'mp4'] },
}

const CLIENT_ID = /^[A-Za-z0-9-]{8,64}$/
const SHA256 = /^[a-f0-9]{64}$/

function sha256(bytes: Uint8Array) {
  return createHash('sha256').update(bytes).digest('hex')
}

/** The passport of a registration, created the first time something is captured. */
export async function passportOf(registration: Registration, centreId: number) {
  const existing = await ExamPassport.findBy('registration_id', registration.id)
  if (existing) return existing
  try {
    return await ExamPassport.create({ registrationId: registration.id, centreId })
  } catch (error) {
    // Two first captures at once: the other one created it.
    const raced = await ExamPassport.findBy('registration_id', registration.id)
    if (!raced) throw error
    return raced
  }
}

export interface UploadDeclaration {
  clientId: string
  kind: MediaKind
  part: string | null
  size: number
  sha256: string
  capturedAt: DateTime
  durationMs: number | null
  acceptedAt: DateTime | null
}

/** Reads and checks what the browser declares before sending an item's bytes. */
export function readDeclaration(input: Record<string, unknown>): UploadDeclaration {
  const kind = MEDIA_KINDS.find((k) => k === input.kind)
  if (!kind) throw new DomainError('upload_bad_declaration')
  const clientId = String(input.clientId ?? '')
  const hash = String(input.sha256 ?? '').toLowerCase()
  const size = Number(input.size)
  if (!CLIENT_ID.test(clientId) || !SHA256.test(hash) || !Number.isSafeInteger(size) || size < 1)
    throw new DomainError('upload_bad_declaration')
  if (size > MEDIA_RULES[kind].maxBytes) throw new DomainError('upload_too_large')
  const captured =
    typeof input.capturedAt === 'string' ? DateTime.fromISO(input.capturedAt) : DateTime.now()
  const duration = Number(input.durationMs)
  const accepted = typeof input.acceptedAt === 'string' ? DateTime.fromISO(input.acceptedAt) : null
  if (kind === 'signature' && !accepted?.isValid)
    throw new DomainError('upload_conditions_not_accepted')
  return {
    clientId,
    kind,
    part: kind === 'clip' ? String(input.part ?? '') : null,
    size,
    sha256: hash,
    capturedAt: captured.isValid ? captured.toUTC() : DateTime.utc(),
    durationMs:
      kind === 'clip' && Number.isSafeInteger(duration) && duration >= 0 && duration < 36e5
        ? duration
        : null,
    acceptedAt: kind === 'signature' && accepted?.isValid ? accepted.toUTC() : null,
  }
}

/**
 * Starts (or finds again) the upload of one captured item. The browser's id
 * of the item makes it idempotent: declaring it again returns the same upload
 * and how much of it the server has, so the browser resumes from there.
 */
export async function startUpload(
  actor: User,
  registration: Registration,
  centreId: number,
  declaration: UploadDeclaration
) {
  if (declaration.kind === 'clip') {
    await registration.load('session', (q) => q.preload('product', (p) => p.preload('tests')))
    const parts = oralParts(registration.session.product).map((p) => p.part)
    if (!declaration.part || !parts.includes(declaration.part))
      throw new DomainError('upload_unknown_part')
  }
  const passport = await passportOf(registration, centreId)
  const existing = await PassportUpload.query()
    .where('passport_id', passport.id)
    .where('client_id', declaration.clientId)
    .first()
  if (existing) {
    if (
      existing.size !== declaration.size ||
      existing.sha256 !== declaration.sha256 ||
      existing.kind !== declaration.kind
    )
      throw new DomainError('upload_mismatch')
    return existing
  }
  try {
    return await PassportUpload.create({
      id: randomUUID(),
      passportId: passport.id,
      clientId: declaration.clientId,
      kind: declaration.kind,
      part: declaration.part,
      size: declaration.size,
      sha256: declaration.sha256,
      received: 0,
      chunks: [],
      durationMs: declaration.durationMs,
      capturedAt: declaration.capturedAt,
      acceptedAt: declaration.acceptedAt,
      createdBy: actor.id,
      mediaId: null,
    })
  } catch (error) {
    // The same item declared twice at once (a retry racing the first try).
    const raced = await PassportUpload.query()
      .where('passport_id', passport.id)
      .where('client_id', declaration.clientId)
      .first()
    if (!raced) throw error
    return raced
  }
}

const chunkKey = (upload: PassportUpload, offset: number) =>
  `passport-uploads/${upload.id}/${String(offset).padStart(12, '0')}`

export interface ChunkOutcome {
  received: number
  complete: boolean
  mediaId: number | null
}

/**
 * Receives the chunk that starts at `offset`. A chunk already received (a
 * replay after a lost answer) is acknowledged and not stored again; a chunk
 * beyond what was received is refused with the offset to resume from; a
 * chunk whose SHA-256 differs from the one announced is refused. The last
 * chunk completes the item: the chunks are streamed into one file whose hash
 * must be the one declared, then it becomes a passport media.
 */
export async function receiveChunk(
  actor: User,
  uploadId: string,
  offset: number,
  bytes: Buffer,
  chunkHash: string | null
): Promise<ChunkOutcome> {
  const outcome = await db.transaction(async (trx) => {
    const upload = await PassportUpload.query({ client: trx })
      .where('id', uploadId)
      .forUpdate()
      .firstOrFail()
    const state = { received: upload.received, complete: upload.mediaId !== null }
    if (state.complete || offset < upload.received)
      return { ...state, mediaId: upload.mediaId, upload, stored: false }
    if (offset > upload.received)
      throw new DomainError('upload_gap', { received: upload.received }, 409)
    if (bytes.length === 0 || bytes.length > MAX_CHUNK) throw new DomainError('upload_bad_chunk')
    if (chunkHash !== null && sha256(bytes) !== chunkHash.toLowerCase())
      throw new DomainError('upload_chunk_checksum')
    if (upload.received + bytes.length > upload.size) throw new DomainError('upload_too_long')
    if (offset === 0 && !(await kindOfBytes(bytes, MEDIA_RULES[upload.kind].kinds)))
      throw new DomainError('upload_wrong_type')
    await drive.use().put(chunkKey(upload, offset), bytes)
    upload.useTransaction(trx)
    upload.received += bytes.length
    upload.chunks = [...upload.chunks, offset]
    await upload.save()
    return { received: upload.received, complete: false, mediaId: null, upload, stored: true }
  })
  const { upload } = outcome
  if (outcome.complete || upload.received < upload.size)
    return { received: outcome.received, complete: outcome.complete, mediaId: outcome.mediaId }
  const media = await finalise(actor, upload)
  return { received: upload.size, complete: true, mediaId: media.id }
}

/**
 * Joins the chunks into the final file while hashing it. A hash that is not
 * the one declared throws the upload away (the browser, which still holds the
 * item, sends it again from the start).
 */
async function finalise(actor: User, upload: PassportUpload) {
  const first = await drive.use().getBytes(chunkKey(upload, 0))
  const type = (await kindOfBytes(first.subarray(0, 4100), MEDIA_RULES[upload.kind].kinds))!
  const key = `passports/${upload.passportId}/${randomUUID()}.${type.kind}`
  const hash = createHash('sha256')
  try {
    const joined = new PassThrough()
    const writing = drive.use().putStream(key, joined)
    for (const offset of upload.chunks) {
      const chunk = await drive.use().getBytes(chunkKey(upload, offset))
      hash.update(chunk)
      if (!joined.write(chunk)) await new Promise((resolve) => joined.once('drain', resolve))
    }
    joined.end()
    await writing
  } catch (error) {
    // Another request completed it meanwhile (and removed the chunks).
    await drive
      .use()
      .delete(key)
      .catch(() => {})
    const done = await PassportUpload.findOrFail(upload.id)
    if (done.mediaId) return PassportMedia.findOrFail(done.mediaId)
    throw error
  }
  if (hash.digest('hex') !== upload.sha256) {
    await drive.use().delete(key)
    await drive.use().deleteAll(`passport-uploads/${upload.id}`)
    upload.merge({ received: 0, chunks: [] })
    await upload.save()
    throw new DomainError('upload_checksum')
  }
  const media = await db.transaction(async (trx) => {
    const locked = await PassportUpload.query({ client: trx })
      .where('id', upload.id)
      .forUpdate()
      .firstOrFail()
    if (locked.mediaId) {
      // Completed by a concurrent request: keep its file, not ours.
      await drive
        .use()
        .delete(key)
        .catch(() => {})
      return PassportMedia.findOrFail(locked.mediaId, { client: trx })
    }
    const created = await PassportMedia.create(
      {
        passportId: upload.passportId,
        kind: upload.kind,
        part: upload.part,
        clientId: upload.clientId,
        storageKey: key,
        mime: type.mime,
        size: upload.size,
        sha256: upload.sha256,
        durationMs: upload.durationMs,
        capturedAt: upload.capturedAt,
        capturedBy: upload.createdBy,
        uploadedAt: DateTime.utc(),
        purgedAt: null,
      },
      { client: trx }
    )
    upload.useTransaction(trx)
    upload.mediaId = created.id
    await upload.save()
    const passport = await ExamPassport.findOrFail(upload.passportId, { client: trx })
    if (upload.kind === 'signature' && upload.acceptedAt) {
      // The signature comes with the acceptance of the conditions it follows.
      passport.useTransaction(trx)
      passport.conditionsAcceptedAt = upload.acceptedAt
      await passport.save()
    }
    await AuditLog.record({
      actor,
      action: 'passport.media_uploaded',
      entityType: 'exam_passport',
      entityId: passport.id,
      centreId: passport.centreId,
      after: { kind: upload.kind, part: upload.part, size: upload.size, sha256: upload.sha256 },
      client: trx,
    })
    return created
  })
  await drive
    .use()
    .deleteAll(`passport-uploads/${upload.id}`)
    .catch(() => {})
  return media
}
