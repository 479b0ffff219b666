import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { PersonalDataContributor } from '#candidates'
import PassportMedia from '#passports/models/passport_media'
import PassportPart from '#passports/models/passport_part'

/** Media and parts of every exam passport of the candidate's registrations. */
function passportsOf(candidateId: number) {
  return db
    .from('exam_passports')
    .join('registrations', 'registrations.id', 'exam_passports.registration_id')
    .where('registrations.candidate_id', candidateId)
    .select('exam_passports.id', 'registrations.number')
}

/**
 * What the exam passport holds on a candidate: photo, signature and voice
 * recordings (personal data), and the grids (results). The export carries
 * them all; anonymisation deletes the files and keeps the grids and each
 * file's hash and size.
 */
export const passportsPersonalData: PersonalDataContributor = {
  name: 'passports',
  tables: ['exam_passports', 'passport_media', 'passport_parts', 'passport_uploads'],

  async export(candidate) {
    const passports = await passportsOf(candidate.id)
    const ids = passports.map((p) => Number(p.id))
    const media = await PassportMedia.query()
      .whereIn('passport_id', [...ids, 0])
      .orderBy('id')
    const parts = await PassportPart.query()
      .whereIn('passport_id', [...ids, 0])
      .orderBy('id')
    const number = (passportId: number) =>
      passports.find((p) => Number(p.id) === passportId)?.number
    return {
      json: {
        examPassports: passports.map((p) => ({
          registration: p.number,
          captures: media
            .filter((m) => m.passportId === Number(p.id))
            .map((m) => ({
              kind: m.kind,
              part: m.part,
              capturedAt: m.capturedAt.toISO(),
              sha256: m.sha256,
              purged: m.purgedAt !== null,
            })),
          parts: parts
            .filter((x) => x.passportId === Number(p.id))
            .map((x) => ({ part: x.part, subject: x.subjectId, grid: x.grid })),
        })),
      },
      files: media
        .filter((m) => m.storageKey)
        .map((m) => ({
          name: `passeport-${number(m.passportId)}/${m.kind}${m.part ? '-' + m.part : ''}-${m.id}.${m.storageKey!.split('.').pop()}`,
          key: m.storageKey!,
        })),
    }
  },

  async erase(candidate, trx) {
    const passports = await passportsOf(candidate.id)
    const ids = passports.map((p) => Number(p.id))
    const media = await trx
      .from('passport_media')
      .whereIn('passport_id', [...ids, 0])
      .whereNotNull('storage_key')
      .select('id', 'storage_key')
    await trx
      .from('passport_media')
      .whereIn(
        'id',
        media.map((m) => Number(m.id))
      )
      .update({ storage_key: null, purged_at: DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss') })
    // Uploads under way hold copies of the bytes in their chunks: they go too.
    const uploads = await trx
      .from('passport_uploads')
      .whereIn('passport_id', [...ids, 0])
      .select('id', 'chunks', 'media_id')
    const chunkKeys = uploads.flatMap((u) =>
      (JSON.parse(String(u.chunks ?? '[]')) as number[]).map(
        (offset) => `passport-uploads/${u.id}/${String(offset).padStart(12, '0')}`
      )
    )
    await trx
      .from('passport_uploads')
      .whereIn('passport_id', [...ids, 0])
      .whereNull('media_id')
      .delete()
    return [...media.map((m) => String(m.storage_key)), ...chunkKeys]
  },
}
