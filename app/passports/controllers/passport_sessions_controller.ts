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
    // One query for every session's candidates, then progress per product (not per session).
    const registered = await db
      .from('registrations')
      .whereIn('session_id', [...sessions.map((s) => s.id), 0])
      .where('status', 'registered')
      .select('id', 'session_id')
    const progress = new Map<number, boolean>()
    for (const product of new Map(sessions.map((s) => [s.productId, s.product])).values()) {
      const ids = registered
        .filter((r) =>
          sessions.some((s) => s.id === Number(r.session_id) && s.productId === product.id)
        )
        .map((r) => Number(r.id))
      for (const [id, state] of await progressOf(ids, product)) progress.set(id, state.complete)
    }
    const rows = sessions.map((session) => {
      const ids = registered
        .filter((r) => Number(r.session_id) === session.id)
        .map((r) => Number(r.id))
      return {
        session,
        candidates: ids.length,
        complete: ids.filter((id) => progress.get(id)).length,
      }
    })
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
