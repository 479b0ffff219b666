import db from '@adonisjs/lucid/services/db'
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { DateTime } from 'luxon'
import AuditLog from '#shared/audit/audit_log'
import type { Actor } from '#shared/roles'

const hash = (token: string) => createHash('sha256').update(token).digest('hex')

/**
 * Tokens of the exam platforms that send results (one per platform of the
 * network). The token is shown once at creation; only its SHA-256 is kept.
 */
export async function createApiToken(actor: Actor & { email?: string }, name: string) {
  const token = `psr_${randomBytes(30).toString('base64url')}`
  const [row] = await db
    .table('api_tokens')
    .insert({
      name,
      token_hash: hash(token),
      hint: token.slice(-4),
      created_by: actor.id,
      created_at: DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss'),
    })
    .returning('id')
  const id = typeof row === 'object' ? Number(row.id) : Number(row)
  await AuditLog.record({
    actor,
    action: 'api_token.create',
    entityType: 'api_token',
    entityId: id,
    after: { name },
  })
  return { id, token }
}

export async function revokeApiToken(actor: Actor, id: number) {
  const revoked = await db
    .from('api_tokens')
    .where('id', id)
    .whereNull('revoked_at')
    .update({ revoked_at: DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss') })
  if (Number(revoked))
    await AuditLog.record({
      actor,
      action: 'api_token.revoke',
      entityType: 'api_token',
      entityId: id,
    })
  return Number(revoked) > 0
}

/** The live token matching a `Bearer` header, or null (compared in constant time). */
export async function findApiToken(header: string | undefined) {
  const match = /^Bearer\s+(psr_[A-Za-z0-9_-]{20,80})\s*$/.exec(header ?? '')
  if (!match) return null
  const digest = hash(match[1])
  const row = await db
    .from('api_tokens')
    .where('token_hash', digest)
    .whereNull('revoked_at')
    .first()
  if (!row || !timingSafeEqual(Buffer.from(row.token_hash), Buffer.from(digest))) return null
  await db
    .from('api_tokens')
    .where('id', row.id)
    .update({ last_used_at: DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss') })
  return { id: Number(row.id), name: String(row.name) }
}

export function listApiTokens() {
  return db.from('api_tokens').orderBy('id', 'desc').limit(100)
}
