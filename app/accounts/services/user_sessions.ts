import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { SessionCollection } from '@adonisjs/session'
import type { HttpContext } from '@adonisjs/core/http'
import type { Session } from '@adonisjs/session'

/**
 * Login sessions and their lifetime.
 * - Idle timeout: the session store's age (config/session.ts, 2 h), pushed
 *   back by every request.
 * - Absolute timeout: a session ends 12 h after its login, active or not. A
 *   device where "Rester connecté" was ticked then gets a new session (a new
 *   id) from its remember-me token, which lives 30 days from its last use.
 * - Each session is tagged with its user, so that a password change, a reset
 *   or disabling the account ends every session and every remember-me token.
 */
export const ABSOLUTE_SESSION_HOURS = 12

/** When the session's login happened (epoch ms), stored in the session. */
const STARTED_AT = 'auth_started_at'

/** Flashed when a session reached its absolute timeout (the login page says so). */
export const SESSION_EXPIRED_FLASH = 'session_expired'

/** Stamps the session with its login time and tags it with its user. */
export async function startUserSession(session: Session, userId: number) {
  session.put(STARTED_AT, DateTime.now().toMillis())
  await session.tag(String(userId))
}

/** A session stamped, at login, more than ABSOLUTE_SESSION_HOURS ago. */
export function sessionOutlived(session: Session) {
  const startedAt = session.get(STARTED_AT)
  return (
    typeof startedAt === 'number' &&
    DateTime.now().toMillis() - startedAt > ABSOLUTE_SESSION_HOURS * 3600_000
  )
}

/** Whether the session was stamped at login (older sessions are stamped on sight). */
export function sessionStamped(session: Session) {
  return typeof session.get(STARTED_AT) === 'number'
}

/** Ends this request's session: its data goes, and its id is replaced. */
export function dropCurrentSession({ session }: HttpContext) {
  session.clear()
  session.regenerate()
}

/**
 * Ends every session of a user (but `except`, the current one when the user
 * changed its own password) and revokes its remember-me tokens.
 */
export async function endUserSessions(userId: number, options: { except?: string } = {}) {
  const sessions = await app.container.make(SessionCollection)
  for (const tagged of await sessions.tagged(String(userId))) {
    if (tagged.id !== options.except) await sessions.destroy(tagged.id)
  }
  await db.from('remember_me_tokens').where('tokenable_id', userId).delete()
}
