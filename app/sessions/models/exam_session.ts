import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import type { Actor } from '#shared/roles'
import { findInScope, scopeToCentres } from '#shared/tenancy'
import { Centre } from '#centres'
import type { OnlineVisibility } from '#centres'
import Product from '#sessions/models/product'
import SessionTest from '#sessions/models/session_test'
import Registration from '#sessions/models/registration'

export const SESSION_STATUSES = [
  'planned',
  'registrations_open',
  'registrations_closed',
  'passed',
  'in_correction',
  'results_published',
  'cancelled',
] as const
export type SessionStatus = (typeof SESSION_STATUSES)[number]

/** The first session number of the network (seed 001: 7000183, 7000295...). */
export const FIRST_SESSION_NUMBER = 7000001

/** An exam session of a centre (SPEC §2 sessions). Times are stored UTC. */
export default class ExamSession extends BaseModel {
  static table = 'exam_sessions'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare number: number

  @column()
  declare centreId: number

  @column()
  declare productId: number

  @column.dateTime()
  declare startsAt: DateTime

  @column.dateTime()
  declare registrationDeadline: DateTime

  @column()
  declare place: string

  @column()
  declare seats: number

  @column()
  declare visibility: OnlineVisibility

  @column()
  declare status: SessionStatus

  /** When the centre sent its anomaly sheet; the session waits in `passed` until processed. */
  @column.dateTime()
  declare anomaliesSubmittedAt: DateTime | null

  @column()
  declare anomaliesConversationId: number | null

  /** A publication planned for later: the scheduled command publishes then. */
  @column.dateTime()
  declare resultsReleaseAt: DateTime | null

  /** When results were last published; appeals are counted from it. */
  @column.dateTime()
  declare resultsPublishedAt: DateTime | null

  @column()
  declare priceHt: number | null

  @column()
  declare vatRate: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Centre)
  declare centre: BelongsTo<typeof Centre>

  @belongsTo(() => Product)
  declare product: BelongsTo<typeof Product>

  @hasMany(() => SessionTest, { foreignKey: 'sessionId' })
  declare tests: HasMany<typeof SessionTest>

  @hasMany(() => Registration, { foreignKey: 'sessionId' })
  declare registrations: HasMany<typeof Registration>

  get label() {
    return `${this.number}`
  }

  static visibleTo(query: ModelQueryBuilderContract<typeof ExamSession>, actor: Actor) {
    return scopeToCentres(query, actor, 'exam_sessions.centre_id')
  }

  static findVisibleOrFail(actor: Actor, id: unknown) {
    return findInScope(ExamSession, actor, id)
  }
}
