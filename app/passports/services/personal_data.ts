import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { PersonalDataContributor } from '#candidates'
import { forgetLearnerComments, learnerEvaluations } from '#evaluations'
import AuditLog from '#shared/audit/audit_log'
import PassportMedia from '#passports/models/passport_media'
import PassportPart from '#passports/models/passport_part'
import ProfessionalSituation from '#passports/models/professional_situation'

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

/**
 * What a candidate's learner account holds in training: its professional
 * passport (situations it wrote, their supports and documents) and its
 * evaluations (the evaluations module cannot see candidates: this module,
 * which sees both, covers them). The export carries them all; anonymisation
 * deletes the documents and the free text, and keeps the framework choices,
 * dates, grades and results (the class's statistics).
 */
export const trainingPersonalData: PersonalDataContributor = {
  name: 'training',
  tables: [
    'professional_situations',
    'situation_supports',
    'situation_attachments',
    'evaluation_learners',
    'evaluation_grades',
    'evaluation_changes',
  ],

  async export(candidate) {
    if (!candidate.userId) return { json: { professionalSituations: [], evaluations: [] } }
    const situations = await ProfessionalSituation.query()
      .where('user_id', candidate.userId)
      .preload('supports', (q) => q.orderBy('position'))
      .preload('attachments', (q) => q.orderBy('id'))
      .orderBy('id')
    return {
      json: {
        professionalSituations: situations.map((situation) =>
          situation.serialize({
            fields: { omit: ['id', 'userId', 'centreId', 'evaluatedBy'] },
            relations: {
              supports: { fields: { pick: ['designation', 'origin', 'nature'] } },
              attachments: { fields: { pick: ['name', 'mime', 'size'] } },
            },
          })
        ),
        evaluations: await learnerEvaluations(candidate.userId),
      },
      files: situations.flatMap((situation) =>
        situation.attachments.map((file) => ({
          name: `situation-${situation.id}/${file.id}-${file.name}`,
          key: file.storageKey,
        }))
      ),
    }
  },

  async erase(candidate, trx) {
    if (!candidate.userId) return []
    const rows = await trx
      .from('professional_situations')
      .where('user_id', candidate.userId)
      .select('id')
    const ids = rows.map((row) => Number(row.id))
    const files = ids.length
      ? await trx
          .from('situation_attachments')
          .whereIn('professional_situation_id', ids)
          .select('storage_key')
      : []
    if (ids.length) {
      await trx.from('professional_situations').whereIn('id', ids).update({
        title: '—',
        description: '—',
        partners: null,
        tasks: null,
        objectives: null,
        actors: '[]',
        means: null,
        quantitative_results: null,
        qualitative_results: null,
        competence_description: null,
        appreciation: null,
      })
      await trx
        .from('situation_supports')
        .whereIn('professional_situation_id', ids)
        .update({ designation: '—' })
      await trx.from('situation_attachments').whereIn('professional_situation_id', ids).delete()
      await AuditLog.forget(trx, 'professional_situation', ids)
    }
    await forgetLearnerComments(candidate.userId, trx)
    return files.map((file) => String(file.storage_key))
  },
}
