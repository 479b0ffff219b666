import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { Candidate } from '#candidates'
import { calendarDate } from '#shared/dates'
import type { CreditType } from '#orders/models/credit_type'
import CreditOrderLine from '#orders/models/credit_order_line'
import PartnerSession from '#orders/models/partner_session'

export type AssignmentStatus = 'planned' | 'passed' | 'returned' | 'expired'

/**
 * A credit given to a candidate (seed 004 §6.5): taken from an order line of
 * the centre's stock, with its exam date and, for supervised exams, the
 * activation code the examiner types. Returned to stock when removed.
 */
export default class CreditAssignment extends BaseModel {
  static table = 'credit_assignments'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare centreId: number

  @column()
  declare candidateId: number

  @column()
  declare orderLineId: number

  @column()
  declare type: CreditType

  @column()
  declare status: AssignmentStatus

  @column.date(calendarDate)
  declare examDate: DateTime | null

  @column({ serializeAs: null })
  declare activationCode: string | null

  @column()
  declare partnerSessionId: number | null

  @column()
  declare assignedBy: number | null

  @column.dateTime()
  declare assignedAt: DateTime

  @column.dateTime()
  declare endedAt: DateTime | null

  @column()
  declare endedBy: number | null

  @belongsTo(() => Candidate)
  declare candidate: BelongsTo<typeof Candidate>

  @belongsTo(() => CreditOrderLine, { foreignKey: 'orderLineId' })
  declare line: BelongsTo<typeof CreditOrderLine>

  @belongsTo(() => PartnerSession)
  declare partnerSession: BelongsTo<typeof PartnerSession>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
