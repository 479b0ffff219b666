import { DateTime } from 'luxon'
import { canSeeCentre } from '#shared/tenancy'
import type { Actor } from '#shared/roles'
import type ExamSession from '#sessions/models/exam_session'
import type { DocumentType } from '#sessions/models/session_document'

/**
 * EO subjects are read only by the centre's manager and its evaluators (and
 * the network), and only from the session day in the centre's zone.
 */
export function mayReadDocument(
  actor: Actor,
  session: ExamSession,
  type: DocumentType,
  now = DateTime.utc()
) {
  if (!canSeeCentre(actor, session.centreId)) return false
  if (type !== 'eo_subject')
    return ['network_admin', 'account_manager', 'centre_manager', 'centre_staff'].includes(
      actor.role
    )
  if (actor.role === 'network_admin') return true
  if (!['centre_manager', 'evaluator'].includes(actor.role)) return false
  const zone = session.centre.timeZone
  return now.setZone(zone).startOf('day') >= session.startsAt.setZone(zone).startOf('day')
}
