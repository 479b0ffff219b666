import type { HttpContext } from '@adonisjs/core/http'
import type { User } from '#accounts'
import { DomainError } from '#shared/errors'
import ExamPassport from '#passports/models/exam_passport'
import PassportUpload from '#passports/models/passport_upload'
import { gradePart } from '#passports/services/parts'
import {
  assertCapturable,
  MAX_CHUNK,
  readDeclaration,
  receiveChunk,
  registrationInScope,
  startUpload,
} from '#passports/services/uploads'

const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/**
 * Resumable uploads of what the examiner captured (seed 000, "Télétransmission"):
 * the capture screen declares each item (its id in the browser, kind, oral
 * part, size, SHA-256), then sends it in chunks at increasing offsets; it may
 * ask where the server stands and resume from there after a cut.
 */
export default class PassportUploadsController {
  /** POST /passport/registrations/:id/uploads — declare an item (idempotent). */
  async store({ params, request, response, auth, bouncer }: HttpContext) {
    const actor = auth.getUserOrFail()
    const registration = await registrationInScope(actor, params.id)
    const declaration = readDeclaration(request.body())
    await bouncer
      .with('PassportPolicy')
      .authorize('capture', registration.session.centreId, declaration.kind)
    assertCapturable(registration)
    const upload = await startUpload(
      actor,
      registration,
      registration.session.centreId,
      declaration
    )
    response.status(upload.received === 0 && !upload.mediaId ? 201 : 200)
    return this.state(upload)
  }

  /** PUT /passport/registrations/:id/parts/:part — the subject and grid of an oral part. */
  async part({ params, request, auth, bouncer }: HttpContext) {
    const actor = auth.getUserOrFail()
    const registration = await registrationInScope(actor, params.id)
    await bouncer.with('PassportPolicy').authorize('capture', registration.session.centreId, 'clip')
    assertCapturable(registration)
    const { part, result } = await gradePart(
      actor,
      registration,
      registration.session.centreId,
      String(params.part),
      request.body()
    )
    return {
      part: part.part,
      subjectId: part.subjectId,
      gradedAt: part.gradedAt?.toISO(),
      result,
    }
  }

  /** GET /passport/uploads/:id — where the server stands (offset to resume from). */
  async show({ params, auth, bouncer }: HttpContext) {
    const { upload, passport } = await this.upload(auth.getUserOrFail(), params.id)
    await bouncer.with('PassportPolicy').authorize('capture', passport.centreId, upload.kind)
    if (upload.deletedAt) throw new DomainError('passport_clip_deleted', {}, 410)
    return this.state(upload)
  }

  /**
   * PUT /passport/uploads/:id?offset=N — one chunk, raw bytes
   * (application/octet-stream), its SHA-256 in X-Chunk-Sha256.
   */
  async chunk({ params, request, response, auth, bouncer }: HttpContext) {
    const actor = auth.getUserOrFail()
    const { upload, passport } = await this.upload(actor, params.id)
    await bouncer.with('PassportPolicy').authorize('capture', passport.centreId, upload.kind)
    assertCapturable(await registrationInScope(actor, passport.registrationId))
    const raw = String(request.qs().offset ?? '')
    const offset = /^\d{1,15}$/.test(raw) ? Number(raw) : -1
    if (offset < 0) throw new DomainError('upload_bad_chunk')
    const bytes = await this.body(request.request)
    if (!bytes) {
      response.status(413)
      return { error: 'upload_bad_chunk' }
    }
    const outcome = await receiveChunk(
      actor,
      upload.id,
      offset,
      bytes,
      request.header('x-chunk-sha256') ?? null
    )
    return { id: upload.id, size: upload.size, ...outcome }
  }

  protected state(upload: PassportUpload) {
    return {
      id: upload.id,
      size: upload.size,
      received: upload.received,
      complete: upload.mediaId !== null,
      mediaId: upload.mediaId,
    }
  }

  /** The raw request body, or null when it is larger than a chunk may be. */
  protected async body(stream: NodeJS.ReadableStream) {
    const parts: Buffer[] = []
    let length = 0
    for await (const part of stream) {
      const buffer = Buffer.isBuffer(part) ? part : Buffer.from(part)
      length += buffer.length
      if (length > MAX_CHUNK) return null
      parts.push(buffer)
    }
    return Buffer.concat(parts)
  }

  protected async upload(actor: User, id: unknown) {
    const uploadId = String(id ?? '')
    if (!UPLOAD_ID.test(uploadId)) throw new DomainError('upload_unknown', {}, 404)
    const upload = await PassportUpload.findOrFail(uploadId)
    const passport = await ExamPassport.query()
      .where('id', upload.passportId)
      .whereIn('centre_id', [...actor.centreIds, 0])
      .firstOrFail()
    return { upload, passport }
  }
}
