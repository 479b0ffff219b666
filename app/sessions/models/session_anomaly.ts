import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import { Centre } from '#centres'
import type { Actor } from '#shared/roles'
import { findInScope, scopeToCentres } from '#shared/tenancy'
import ExamSession from '#sessions/models/exam_session'
import Registration from '#sessions/models/registration'

export const ANOMALY_KINDS = [
  'virtual_candidate',
  'identity',
  'absence',
  'technical',
  'timing',
  'other',
] as const
export type AnomalyKind = (typeof ANOMALY_KINDS)[number]
export type AnomalyStatus = 'draft' | 'submitted' | 'processed'

/** A line of a session's anomaly sheet. */
export default class SessionAnomaly extends BaseModel {
  static table = 'session_anomalies'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare sessionId: number

  @column()
  declare centreId: number

  @column()
  declare registrationId: number | null

  @column()
  declare kind: AnomalyKind

  @column()
  declare description: string

  @column()
  declare status: AnomalyStatus

  @column()
  declare note: string | null

  @column()
  declare createdBy: number | null

  @column()
  declare processedBy: number | null

  @column.dateTime()
  declare submittedAt: DateTime | null

  @column.dateTime()
  declare processedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => ExamSession, { foreignKey: 'sessionId' })
  declare session: BelongsTo<typeof ExamSession>

  @belongsTo(() => Centre)
  declare centre: BelongsTo<typeof Centre>

  @belongsTo(() => Registration)
  declare registration: BelongsTo<typeof Registration>

  get tone() {
    if (this.status === 'processed') return 'success'
    if (this.status === 'submitted') return 'warning'
    return 'neutral'
  }

  static visibleTo(query: ModelQueryBuilderContract<typeof SessionAnomaly>, actor: Actor) {
    return scopeToCentres(query, actor, 'session_anomalies.centre_id')
  }

  static findVisibleOrFail(actor: Actor, id: unknown) {
    return findInScope(SessionAnomaly, actor, id)
  }
}
