import { DateTime } from 'luxon'
import { DomainError } from '#shared/errors'
import ExamSession from '#sessions/models/exam_session'
import { applyTransition } from '#sessions/services/lifecycle'

/**
 * Closes registrations past their deadline; returns the session numbers closed.
 * Each session is closed under its own lock: a session someone closed (or
 * cancelled) meanwhile is skipped, so running it twice changes nothing.
 */
export async function closeDueRegistrations(now = DateTime.utc()) {
  const due = await ExamSession.query()
    .where('status', 'registrations_open')
    .where('registration_deadline', '<=', now.toFormat('yyyy-MM-dd HH:mm:ss'))
    .orderBy('registration_deadline')
    .select('id', 'number')
  const closed: number[] = []
  for (const session of due) {
    try {
      await applyTransition(null, session.id, 'close', now)
      closed.push(session.number)
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
    }
  }
  return closed
}
