import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { ExamSession, Registration, oralParts } from '#sessions'
import { toId } from '#shared/tenancy'
import { progressOf, sessionsInProgress } from '#passports/services/progress'

/**
 * The exam passport's first two screens (seed 000 part 3): "Sessions en
 * cours" of the examiner's centres with their progress, then a session's
 * candidates with what was captured for each (photo, signature, each oral part).
 */
export default class PassportSessionsController {
  async index({ view, auth, bouncer }: HttpContext) {
    await bouncer.with('PassportPolicy').authorize('viewSessions')
    const actor = auth.getUserOrFail()
    const sessions = await sessionsInProgress(actor)
    const counts = await db
      .from('registrations')
      .whereIn('session_id', [...sessions.map((s) => s.id), 0])
      .where('status', 'registered')
      .groupBy('session_id')
      .select('session_id')
      .count('* as total')
    const rows = await Promise.all(
      sessions.map(async (session) => {
        const ids = await db
          .from('registrations')
          .where('session_id', session.id)
          .where('status', 'registered')
          .select('id')
        const progress = await progressOf(
          ids.map((r) => Number(r.id)),
          session.product
        )
        return {
          session,
          candidates: Number(counts.find((c) => Number(c.session_id) === session.id)?.total ?? 0),
          complete: [...progress.values()].filter((p) => p.complete).length,
        }
      })
    )
    return view.render('passports::pages/sessions', { rows })
  }

  async show({ params, view, auth, bouncer }: HttpContext) {
    const actor = auth.getUserOrFail()
    const session = await ExamSession.query()
      .where('id', toId(params.id))
      .whereIn('centre_id', [...actor.centreIds, 0])
      .preload('product', (q) => q.preload('tests'))
      .firstOrFail()
    await bouncer.with('PassportPolicy').authorize('viewSession', session.centreId)
    const registrations = await Registration.query()
      .where('session_id', session.id)
      .where('status', 'registered')
      .preload('candidate')
      .orderBy('number')
    const progress = await progressOf(
      registrations.map((r) => r.id),
      session.product
    )
    return view.render('passports::pages/candidates', {
      session,
      parts: oralParts(session.product),
      rows: registrations.map((registration) => ({
        registration,
        progress: progress.get(registration.id)!,
      })),
    })
  }
}
