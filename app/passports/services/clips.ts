import { DateTime } from 'luxon'
import drive from '@adonisjs/drive/services/main'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { User } from '#accounts'
import { oralParts, type Registration } from '#sessions'
import AuditLog from '#shared/audit/audit_log'
import { DomainError } from '#shared/errors'
import ExamPassport from '#passports/models/exam_passport'
import PassportMedia from '#passports/models/passport_media'
import PassportUpload from '#passports/models/passport_upload'

/** A clip already on the server, by the id the browser gave it; locked for the change. */
async function uploadedClip(
  registration: Registration,
  clientId: string,
  trx: TransactionClientContract
) {
  const passport = await ExamPassport.findBy('registration_id', registration.id, { client: trx })
  const clip = passport
    ? await PassportMedia.query({ client: trx })
        .where('passport_id', passport.id)
        .where('client_id', clientId)
        .where('kind', 'clip')
        .forUpdate()
        .first()
    : null
  if (!passport || !clip) throw new DomainError('passport_clip_not_found', {}, 404)
  if (!clip.storageKey) throw new DomainError('passport_clip_purged', {}, 410)
  return { passport, clip }
}

/**
 * Moves an uploaded clip to another oral part of the registration's product
 * (seed 000: "déplacer vers une autre section", after the upload too). The
 * grids stay as they are; audited with both parts.
 */
export async function moveClip(
  actor: User,
  registration: Registration,
  clientId: string,
  part: string
) {
  await registration.load('session', (q) => q.preload('product', (p) => p.preload('tests')))
  if (!oralParts(registration.session.product).some((p) => p.part === part))
    throw new DomainError('upload_unknown_part')
  return db.transaction(async (trx) => {
    const { passport, clip } = await uploadedClip(registration, clientId, trx)
    if (clip.part === part) return clip
    const from = clip.part
    clip.useTransaction(trx)
    clip.part = part
    await clip.save()
    await PassportUpload.query({ client: trx })
      .where('passport_id', passport.id)
      .where('client_id', clientId)
      .update({ part })
    await AuditLog.record({
      actor,
      action: 'passport.clip_moved',
      entityType: 'exam_passport',
      entityId: passport.id,
      centreId: passport.centreId,
      before: { clip: clip.id, part: from },
      after: { clip: clip.id, part },
      client: trx,
    })
    return clip
  })
}

/**
 * Deletes an uploaded clip (a false start, the wrong candidate): the file
 * goes; its upload stays as a tombstone, so a device still holding the clip
 * cannot send it again; the audit keeps its hash, size, part, duration, who
 * recorded it and when, so a dispute can still be answered.
 */
export async function deleteClip(actor: User, registration: Registration, clientId: string) {
  const uploads = await db.transaction(async (trx) => {
    const { passport, clip } = await uploadedClip(registration, clientId, trx)
    const tombstones = await PassportUpload.query({ client: trx })
      .where('passport_id', passport.id)
      .where('client_id', clientId)
    await PassportUpload.query({ client: trx })
      .where('passport_id', passport.id)
      .where('client_id', clientId)
      .update({
        deleted_at: DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss'),
        deleted_by: actor.id,
        chunks: '[]',
      })
    clip.useTransaction(trx)
    await clip.delete()
    await AuditLog.record({
      actor,
      action: 'passport.clip_deleted',
      entityType: 'exam_passport',
      entityId: passport.id,
      centreId: passport.centreId,
      before: {
        clip: clip.id,
        part: clip.part,
        size: clip.size,
        sha256: clip.sha256,
        durationMs: clip.durationMs,
        capturedAt: clip.capturedAt.toISO(),
        capturedBy: clip.capturedBy,
      },
      after: null,
      client: trx,
    })
    // The file goes last, before the commit: if Drive refuses, nothing is deleted.
    await drive.use().delete(clip.storageKey!)
    return tombstones.map((u) => u.id)
  })
  for (const id of uploads)
    await drive
      .use()
      .deleteAll(`passport-uploads/${id}`)
      .catch(() => {})
}
