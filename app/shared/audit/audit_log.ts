import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

type Json = Record<string, unknown> | null

export interface AuditEntry {
  /** Who acted: null for the system (scheduled commands) or a guest. */
  actor?: { id: number; email?: string } | null
  /** Verb in the past, dotted: user.created, user.role_changed, auth.login_failed. */
  action: string
  entityType: string
  entityId?: number | string | null
  centreId?: number | null
  before?: Json
  after?: Json
  ip?: string | null
  client?: TransactionClientContract
}

/**
 * The audit log: every state change (who, when, what, before/after). Written in
 * the same transaction as the change when one is given, so that they land together.
 */
export default class AuditLog extends BaseModel {
  static table = 'audit_logs'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare actorId: number | null

  @column()
  declare actorEmail: string | null

  @column()
  declare action: string

  @column()
  declare entityType: string

  @column()
  declare entityId: string | null

  @column()
  declare centreId: number | null

  @column({ prepare: (v: Json) => (v ? JSON.stringify(v) : null), consume: parseJson })
  declare before: Json

  @column({ prepare: (v: Json) => (v ? JSON.stringify(v) : null), consume: parseJson })
  declare after: Json

  @column()
  declare ip: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  static async record(entry: AuditEntry) {
    return AuditLog.create(
      {
        actorId: entry.actor?.id ?? null,
        actorEmail: entry.actor?.email ?? null,
        action: entry.action,
        entityType: entry.entityType,
        entityId:
          entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
        centreId: entry.centreId ?? null,
        before: entry.before ?? null,
        after: entry.after ?? null,
        ip: entry.ip ?? null,
      },
      { client: entry.client }
    )
  }

  /**
   * Many entries in a few statements (imports of thousands of rows), in the
   * caller's transaction; the same columns as record().
   */
  static async recordMany(entries: AuditEntry[], client: TransactionClientContract) {
    const createdAt = DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss')
    const rows = entries.map((entry) => ({
      actor_id: entry.actor?.id ?? null,
      actor_email: entry.actor?.email ?? null,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id:
        entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
      centre_id: entry.centreId ?? null,
      before: entry.before ? JSON.stringify(entry.before) : null,
      after: entry.after ? JSON.stringify(entry.after) : null,
      ip: entry.ip ?? null,
      created_at: createdAt,
    }))
    for (let i = 0; i < rows.length; i += 500)
      await client.table('audit_logs').multiInsert(rows.slice(i, i + 500))
  }

  /**
   * Anonymisation: the entries about these entities keep what happened, when
   * and by whom, not what they said (before/after).
   */
  static async forget(
    client: TransactionClientContract,
    entityType: string,
    ids: (number | string)[]
  ) {
    if (ids.length === 0) return
    await client
      .from('audit_logs')
      .where('entity_type', entityType)
      .whereIn('entity_id', ids.map(String))
      .update({ before: null, after: null })
  }

  /** Only the keys whose values differ, for a compact before/after. */
  static diff(before: Record<string, unknown>, after: Record<string, unknown>) {
    const b: Record<string, unknown> = {}
    const a: Record<string, unknown> = {}
    for (const key of Object.keys(after)) {
      if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
        b[key] = before[key] ?? null
        a[key] = after[key] ?? null
      }
    }
    return { before: b, after: a }
  }
}

function parseJson(value: unknown): Json {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') return JSON.parse(value)
  return value as Json
}
