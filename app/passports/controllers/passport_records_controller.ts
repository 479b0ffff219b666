import type { HttpContext } from '@adonisjs/core/http'
import AuditLog from '#shared/audit/audit_log'
import { toId } from '#shared/tenancy'
import { streamStored } from '#shared/uploads/uploads'
import ExamPassport from '#passports/models/exam_passport'
import PassportMedia from '#passports/models/passport_media'
import { passportRecord, passportZip } from '#passports/services/records'
import { registrationInScope } from '#passports/services/uploads'
import { downloadHeaders } from '#shared/http/downloads'

/**
 * The portal side of the exam passport (seed 000 parts 5 and 8): what was
 * uploaded for a registration — photo, signature, grids, recordings with a
 * player — and the export of it all as a zip (managers and staff).
 */
export default class PassportRecordsController {
  async show({ params, view, auth, bouncer }: HttpContext) {
    const registration = await registrationInScope(auth.getUserOrFail(), params.id)
    await bouncer.with('PassportPolicy').authorize('viewRecord', registration.session.centreId)
    return view.render('passports::pages/record', {
      registration,
      record: await passportRecord(registration),
      canExport: await bouncer
        .with('PassportPolicy')
        .allows('exportRecord', registration.session.centreId),
    })
  }

  /**
   * The capture screen of a candidate (seed 000 parts 3–4): photo, conditions
   * and signature, kept in the browser until the server confirms each item.
   */
  async capture({ params, view, auth, bouncer }: HttpContext) {
    const registration = await registrationInScope(auth.getUserOrFail(), params.id)
    await bouncer.with('PassportPolicy').authorize('viewSession', registration.session.centreId)
    const record = await passportRecord(registration)
    return view.render('passports::pages/capture', {
      registration,
      record,
      canRecord: await bouncer
        .with('PassportPolicy')
        .allows('capture', registration.session.centreId, 'clip'),
      // What the recording screens need: each oral part's subjects and grid.
      bank: record.parts.map((part) => ({
        part: part.part,
        label: part.section ? part.section : part.test,
        subjects: part.subjects.map((s) => ({ id: s.id, code: s.code, title: s.title })),
        criteria: part.criteria.map((c) => ({ id: c.id, label: c.label, levels: c.levels })),
        chosen: part.subject?.id ?? null,
        serverClips: part.clips.length,
        uploaded: part.clips
          .filter((clip) => clip.storageKey)
          .map((clip) => ({
            clientId: clip.clientId,
            durationMs: clip.durationMs,
            capturedAt: clip.capturedAt.toISO(),
            url: `/passport/media/${clip.id}`,
          })),
        graded: part.gradedAt !== null,
      })),
    })
  }

  /** A photo, signature or clip, to those who see the passport; gone once purged. Byte ranges answered. */
  async media({ params, auth, bouncer, request, response, view }: HttpContext) {
    const actor = auth.getUserOrFail()
    const media = await PassportMedia.findOrFail(toId(params.id))
    const passport = await ExamPassport.query()
      .where('id', media.passportId)
      .whereIn('centre_id', [...actor.centreIds, 0])
      .firstOrFail()
    await bouncer.with('PassportPolicy').authorize('viewRecord', passport.centreId)
    if (!media.storageKey) {
      response.status(410)
      return view.render('passports::pages/purged', { media })
    }
    return streamStored(response, media.storageKey, {
      filename: `${media.kind}-${media.id}.${media.storageKey.split('.').pop()}`,
      mime: media.mime,
      inline: true,
      // Players seek by byte ranges (Safari plays audio only so).
      range: request.header('range') ?? '',
    })
  }

  async export({ params, auth, bouncer, response, request, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const registration = await registrationInScope(actor, params.id)
    await bouncer.with('PassportPolicy').authorize('exportRecord', registration.session.centreId)
    await AuditLog.record({
      actor,
      action: 'passport.exported',
      entityType: 'registration',
      entityId: registration.id,
      centreId: registration.session.centreId,
      ip: request.ip(),
    })
    const zip = await passportZip(registration, i18n.t.bind(i18n))
    downloadHeaders(response, {
      filename: `passeport-${registration.session.number}-${registration.number}.zip`,
      mime: 'application/zip',
    })
    response.header('Cache-Control', 'no-store')
    return response.stream(zip)
  }
}
