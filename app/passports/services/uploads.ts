import { createHash, randomUUID } from 'node:crypto'
import { PassThrough } from 'node:stream'
import { DateTime } from 'luxon'
import drive from '@adonisjs/drive/services/main'
import db from '@adonisjs/lucid/services/db'
import type { User } from '#accounts'
import { recordCandidateCapture } from '#candidates'
import { Registration, oralParts } from '#sessions'
import AuditLog from '#shared/audit/audit_log'
import { DomainError } from '#shared/errors'
import { toId } from '#shared/tenancy'
import { kindOfBytes, type UploadKind } from '#shared/uploads/uploads'
import { CAPTURE_STATUSES } from '#passports/services/progress'
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

/** A registration of the actor's centres, with its session (and product) and candidate; 404 otherwise. */
export function registrationInScope(actor: User, id: unknown) {
  return Registration.query()
    .where('id', toId(id))
    .whereHas('session', (q) => q.whereIn('centre_id', [...actor.centreIds, 0]))
    .preload('session', (q) => q.preload('product'))
    .preload('candidate')
    .firstOrFail()
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
    if (existing.deletedAt) throw new DomainError('passport_clip_deleted', {}, 410)
    if (
      existing.size !== declaration.size ||
      existing.sha256 !== declaration.sha256 ||
      existing.kind !== declaration.kind
    )
      throw new DomainError('upload_mismatch')
    // A clip moved to another section on the device before its upload finished.
    if (existing.kind === 'clip' && !existing.mediaId && existing.part !== declaration.part) {
      existing.part = declaration.part
      await existing.save()
    }
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

/** Chunks other than the last are at least this big (the tablet sends 512 KB). */
export const MIN_CHUNK = 64 * 1024

/** A finalisation older than this is taken to have died (crash, restart): it may start again. */
const FINALISE_TIMEOUT_MS = 2 * 60 * 1000

/** Images must start with their signature (no ID3 or other prefix skipped by detection). */
function startsAsImage(bytes: Buffer) {
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff
  const png = bytes
    .subarray(0, 8)
    .equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  const webp =
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  return jpeg || png || webp
}

/**
 * Whether the registration's passport may still be captured: a registration
 * still registered, of a session being held (not cancelled, not published),
 * of a candidate not anonymised.
 */
export function assertCapturable(registration: Registration) {
  const session = registration.session
  if (
    registration.status !== 'registered' ||
    !(CAPTURE_STATUSES as readonly string[]).includes(session.status) ||
    session.resultsPublishedAt !== null ||
    registration.candidate?.anonymisedAt
  )
    throw new DomainError('passport_closed')
}

export interface ChunkOutcome {
  received: number
  complete: boolean
  mediaId: number | null
}

/**
 * Receives the chunk that starts at `offset`. A chunk already received (a
 * replay after a lost answer) is acknowledged and not stored again; a chunk
 * beyond what was received is refused with the offset to resume from; a
 * chunk whose SHA-256 differs from the one announced is refused. When all
 * bytes are there (the last chunk, or an empty one after a failed attempt),
 * the chunks are streamed into one file whose hash must be the one declared,
 * and it becomes a passport media.
 */
export async function receiveChunk(
  actor: User,
  uploadId: string,
  offset: number,
  bytes: Buffer,
  chunkHash: string | null
): Promise<ChunkOutcome> {
  const upload = await db.transaction(async (trx) => {
    const locked = await PassportUpload.query({ client: trx })
      .where('id', uploadId)
      .forUpdate()
      .firstOrFail()
    if (locked.deletedAt) throw new DomainError('passport_clip_deleted', {}, 410)
    if (locked.mediaId !== null || offset < locked.received || locked.received === locked.size)
      return locked
    if (offset > locked.received)
      throw new DomainError('upload_gap', { received: locked.received }, 409)
    if (locked.received + bytes.length > locked.size) throw new DomainError('upload_too_long')
    const last = offset + bytes.length === locked.size
    if (bytes.length === 0 || bytes.length > MAX_CHUNK || (!last && bytes.length < MIN_CHUNK))
      throw new DomainError('upload_bad_chunk')
    if (chunkHash !== null && sha256(bytes) !== chunkHash.toLowerCase())
      throw new DomainError('upload_chunk_checksum')
    if (offset === 0) {
      const type = await kindOfBytes(bytes.subarray(0, 4100), MEDIA_RULES[locked.kind].kinds)
      if (!type || (locked.kind !== 'clip' && !startsAsImage(bytes)))
        throw new DomainError('upload_wrong_type')
      locked.merge({ mime: type.mime, extension: type.kind })
    }
    await drive.use().put(chunkKey(locked, offset), bytes)
    locked.useTransaction(trx)
    locked.received += bytes.length
    locked.chunks = [...locked.chunks, offset]
    await locked.save()
    return locked
  })
  if (upload.mediaId !== null || upload.received < upload.size)
    return { received: upload.received, complete: upload.mediaId !== null, mediaId: upload.mediaId }
  const media = await finalise(actor, upload.id)
  return media
    ? { received: upload.size, complete: true, mediaId: media.id }
    : { received: upload.size, complete: false, mediaId: null }
}

/**
 * Joins the chunks into the final file while hashing it, once: a request
 * claims the upload under its row lock, others meanwhile get "not complete
 * yet" and ask again. A hash that is not the one declared throws the upload
 * away (the browser, which still holds the item, sends it again from the
 * start). Returns null when another request is finishing it.
 */
export async function finalise(actor: User, uploadId: string) {
  const now = DateTime.utc()
  const claimed = await db.transaction(async (trx) => {
    const locked = await PassportUpload.query({ client: trx })
      .where('id', uploadId)
      .forUpdate()
      .firstOrFail()
    if (locked.mediaId !== null || locked.received < locked.size) return null
    if (locked.finalisingAt && now.diff(locked.finalisingAt).toMillis() < FINALISE_TIMEOUT_MS)
      return null
    locked.useTransaction(trx)
    locked.finalisingAt = now
    await locked.save()
    return locked
  })
  if (!claimed) {
    const current = await PassportUpload.findOrFail(uploadId)
    return current.mediaId ? PassportMedia.findOrFail(current.mediaId) : null
  }
  const upload = claimed
  const key = `passports/${upload.passportId}/${randomUUID()}.${upload.extension ?? 'bin'}`
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
  } catch {
    // Drive failed (or the chunks are gone): let a later request try again.
    await drive
      .use()
      .delete(key)
      .catch(() => {})
    await PassportUpload.query().where('id', upload.id).update({ finalising_at: null })
    throw new DomainError('upload_retry', {}, 503)
  }
  if (hash.digest('hex') !== upload.sha256 || !upload.mime) {
    await drive.use().delete(key)
    await drive.use().deleteAll(`passport-uploads/${upload.id}`)
    await db.transaction(async (trx) => {
      const locked = await PassportUpload.query({ client: trx })
        .where('id', upload.id)
        .forUpdate()
        .firstOrFail()
      locked.useTransaction(trx)
      locked.merge({ received: 0, chunks: [], mime: null, extension: null, finalisingAt: null })
      await locked.save()
    })
    throw new DomainError('upload_checksum')
  }
  const media = await db.transaction(async (trx) => {
    const locked = await PassportUpload.query({ client: trx })
      .where('id', upload.id)
      .forUpdate()
      .firstOrFail()
    if (locked.mediaId) {
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
        mime: upload.mime!,
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
    locked.useTransaction(trx)
    locked.merge({ mediaId: created.id, finalisingAt: null })
    await locked.save()
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
  if (media.kind !== 'clip') await fileCapture(actor, media)
  return media
}

/**
 * The latest photo or signature of a passport goes to the candidate's file
 * (an older one finishing its upload late does not replace a newer one).
 */
async function fileCapture(actor: User, media: PassportMedia) {
  const latest = await PassportMedia.query()
    .where('passport_id', media.passportId)
    .where('kind', media.kind)
    .orderBy('captured_at', 'desc')
    .orderBy('id', 'desc')
    .first()
  if (latest?.id !== media.id || !media.storageKey) return
  const passport = await ExamPassport.findOrFail(media.passportId)
  const registration = await Registration.findOrFail(passport.registrationId)
  await recordCandidateCapture(
    actor,
    registration.candidateId,
    media.kind as 'photo' | 'signature',
    media.storageKey
  )
}
