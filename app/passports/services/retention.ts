import { DateTime } from 'luxon'
import drive from '@adonisjs/drive/services/main'
import db from '@adonisjs/lucid/services/db'
import AuditLog from '#shared/audit/audit_log'
import { NetworkSettings } from '#shared/settings'
import PassportMedia from '#passports/models/passport_media'
import PassportUpload from '#passports/models/passport_upload'

/** Days the captured files stay after the session's results are published (seed 000: 60). */
export const DEFAULT_RETENTION_DAYS = 60
export const RETENTION_SETTING = 'passport_retention_days'

/** Unfinished uploads older than this are abandoned: their chunks go. */
export const STALE_UPLOAD_DAYS = 7

/**
 * The captured files past retention: photo, signature and clips of the
 * sessions whose results were published more than the retention ago, not
 * yet purged.
 */
export async function pastRetention(now = DateTime.utc()) {
  const days = await NetworkSettings.getNumber(RETENTION_SETTING, DEFAULT_RETENTION_DAYS)
  const limit = now.minus({ days })
  const media = await PassportMedia.query()
    .join('exam_passports', 'exam_passports.id', 'passport_media.passport_id')
    .join('registrations', 'registrations.id', 'exam_passports.registration_id')
    .join('exam_sessions', 'exam_sessions.id', 'registrations.session_id')
    .whereNull('passport_media.purged_at')
    .whereNotNull('exam_sessions.results_published_at')
    .where('exam_sessions.results_published_at', '<', limit.toFormat('yyyy-MM-dd HH:mm:ss'))
    .select(
      'passport_media.*',
      'exam_sessions.number as session_number',
      'exam_passports.centre_id as centre_id'
    )
    .orderBy('passport_media.id')
  const stale = await PassportUpload.query()
    .whereNull('media_id')
    .whereNull('deleted_at') // tombstones of deleted clips stay (small rows, no file)
    .where(
      'updated_at',
      '<',
      now.minus({ days: STALE_UPLOAD_DAYS }).toFormat('yyyy-MM-dd HH:mm:ss')
    )
  return { days, limit, media, stale }
}

/**
 * Deletes those files and keeps, for each, its hash, size, kind, who
 * captured it and when (a dispute can still be answered); audited per
 * passport. Abandoned uploads lose their chunks.
 */
export async function purge(media: PassportMedia[], stale: PassportUpload[]) {
  const now = DateTime.utc()
  const byPassport = new Map<number, PassportMedia[]>()
  for (const item of media) {
    if (item.storageKey) await drive.use().delete(item.storageKey)
    byPassport.set(item.passportId, [...(byPassport.get(item.passportId) ?? []), item])
  }
  for (const [passportId, items] of byPassport) {
    await db.transaction(async (trx) => {
      await trx
        .from('passport_media')
        .whereIn(
          'id',
          items.map((i) => i.id)
        )
        .update({ storage_key: null, purged_at: now.toFormat('yyyy-MM-dd HH:mm:ss') })
      await AuditLog.record({
        actor: null,
        action: 'passport.media_purged',
        entityType: 'exam_passport',
        entityId: passportId,
        centreId: Number(items[0].$extras.centre_id),
        before: {
          files: items.map((i) => ({ kind: i.kind, part: i.part, size: i.size, sha256: i.sha256 })),
        },
        client: trx,
      })
    })
  }
  // Chunk copies of completed uploads, if one ever outlived its upload.
  for (const upload of await PassportUpload.query().whereIn('passport_id', [
    ...byPassport.keys(),
    0,
  ]))
    await drive.use().deleteAll(`passport-uploads/${upload.id}`)
  for (const upload of stale) {
    await drive.use().deleteAll(`passport-uploads/${upload.id}`)
    await upload.delete()
  }
  return { files: media.length, passports: byPassport.size, uploads: stale.length }
}
