import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DomainError } from '#shared/errors'
import PartnerSession from '#orders/models/partner_session'

const stamp = (value: DateTime) => value.toUTC().toFormat('yyyy-MM-dd HH:mm:ss')

/** Seats taken on partner sessions: credits assigned on them, pending or passed. */
async function taken(ids: number[], client: TransactionClientContract | typeof db = db) {
  if (ids.length === 0) return new Map<number, number>()
  const rows = await client
    .from('credit_assignments')
    .whereIn('partner_session_id', ids)
    .whereIn('status', ['planned', 'passed'])
    .groupBy('partner_session_id')
    .select('partner_session_id')
    .count('* as total')
  return new Map(rows.map((row) => [Number(row.partner_session_id), Number(row.total)]))
}

/** Upcoming open sessions with their seats left, by city then date (the assignment's choice). */
export async function upcomingPartnerSessions() {
  const sessions = await PartnerSession.query()
    .where('status', 'open')
    .where('starts_at', '>', stamp(DateTime.utc()))
    .orderBy('city')
    .orderBy('starts_at')
    .limit(500)
  const used = await taken(sessions.map((s) => s.id))
  return sessions.map((session) => ({
    session,
    left: Math.max(0, session.seats - (used.get(session.id) ?? 0)),
  }))
}

/**
 * Takes `count` seats of a partner session in the caller's transaction: the
 * session row is locked (PostgreSQL), so two desks never fill the last seat
 * twice. Refused when the session is cancelled, past or full.
 */
export async function bookSeats(trx: TransactionClientContract, sessionId: number, count: number) {
  const session = await PartnerSession.query({ client: trx })
    .where('id', sessionId)
    .forUpdate()
    .first()
  if (!session || session.status !== 'open' || session.startsAt <= DateTime.utc())
    throw new DomainError('partner_session_unavailable')
  const counts = await taken([session.id], trx)
  const used = counts.get(session.id) ?? 0
  if (used + count > session.seats)
    throw new DomainError('partner_session_full', { left: Math.max(0, session.seats - used) })
  return session
}

/** Its seats left (the list of the network admin). */
export async function seatsLeft(sessions: PartnerSession[]) {
  const used = await taken(sessions.map((s) => s.id))
  return new Map(sessions.map((s) => [s.id, Math.max(0, s.seats - (used.get(s.id) ?? 0))]))
}
