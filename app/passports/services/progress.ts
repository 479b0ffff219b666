import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { User } from '#accounts'
import { ExamSession, oralParts, type Product } from '#sessions'

/** How far back "Sessions en cours" reaches (seed 000: the sessions of the last days). */
export const RECENT_DAYS = 14

/** Statuses in which a session's candidates are still captured. */
export const CAPTURE_STATUSES = ['registrations_closed', 'passed', 'in_correction'] as const

/**
 * The sessions the examiner captures: of its centres, started in the last
 * days or today (Paris), not cancelled nor published.
 */
export function sessionsInProgress(actor: User, now = DateTime.utc()) {
  const endOfToday = now.setZone('Europe/Paris').endOf('day').toUTC()
  return ExamSession.query()
    .whereIn('centre_id', [...actor.centreIds, 0])
    .whereIn('status', [...CAPTURE_STATUSES])
    .whereBetween('starts_at', [
      now.minus({ days: RECENT_DAYS }).toFormat('yyyy-MM-dd HH:mm:ss'),
      endOfToday.toFormat('yyyy-MM-dd HH:mm:ss'),
    ])
    .preload('product', (q) => q.preload('tests'))
    .orderBy('starts_at', 'desc')
}

export interface PassportProgress {
  photo: boolean
  signature: boolean
  /** Per oral part: clips received and whether its grid was validated. */
  parts: Record<string, { clips: number; graded: boolean }>
  complete: boolean
}

/**
 * What the server holds of each registration's passport: photo, signature,
 * and per oral part the clips and the grid. Three queries for any number of
 * registrations.
 */
export async function progressOf(registrationIds: number[], product: Product) {
  const parts = oralParts(product).map((p) => p.part)
  const media = await db
    .from('passport_media')
    .join('exam_passports', 'exam_passports.id', 'passport_media.passport_id')
    .whereIn('exam_passports.registration_id', [...registrationIds, 0])
    .groupBy('exam_passports.registration_id', 'passport_media.kind', 'passport_media.part')
    .select('exam_passports.registration_id', 'passport_media.kind', 'passport_media.part')
    .count('* as total')
  const graded = await db
    .from('passport_parts')
    .join('exam_passports', 'exam_passports.id', 'passport_parts.passport_id')
    .whereIn('exam_passports.registration_id', [...registrationIds, 0])
    .whereNotNull('passport_parts.graded_at')
    .select('exam_passports.registration_id', 'passport_parts.part')
  const result = new Map<number, PassportProgress>()
  for (const id of registrationIds) {
    const own = media.filter((m) => Number(m.registration_id) === id)
    const progress: PassportProgress = {
      photo: own.some((m) => m.kind === 'photo'),
      signature: own.some((m) => m.kind === 'signature'),
      parts: Object.fromEntries(
        parts.map((part) => [
          part,
          {
            clips: own
              .filter((m) => m.kind === 'clip' && m.part === part)
              .reduce((sum, m) => sum + Number(m.total), 0),
            graded: graded.some((g) => Number(g.registration_id) === id && g.part === part),
          },
        ])
      ),
      complete: false,
    }
    progress.complete =
      progress.photo &&
      progress.signature &&
      Object.values(progress.parts).every((p) => p.clips > 0 && p.graded)
    result.set(id, progress)
  }
  return result
}
