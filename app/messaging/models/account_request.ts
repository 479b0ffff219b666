import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { User } from '#accounts'
import { Centre } from '#centres'
import Conversation from '#messaging/models/conversation'

export const REQUESTABLE_ROLES = ['centre_staff', 'evaluator'] as const
export type RequestableRole = (typeof REQUESTABLE_ROLES)[number]

/**
 * A centre manager's request for an account (seed 001, part 2): staff accounts
 * go to the account manager, evaluator accounts to the pedagogical service.
 */
export default class AccountRequest extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare centreId: number

  @column()
  declare requestedBy: number | null

  @column()
  declare firstName: string

  @column()
  declare lastName: string

  @column()
  declare email: string

  @column()
  declare gender: 'F' | 'H' | 'N' | null

  @column()
  declare phone: string | null

  @column()
  declare role: RequestableRole

  @column()
  declare status: 'submitted' | 'accepted' | 'refused'

  @column()
  declare reason: string | null

  @column()
  declare decidedBy: number | null

  @column.dateTime()
  declare decidedAt: DateTime | null

  @column()
  declare userId: number | null

  @column()
  declare conversationId: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Centre)
  declare centre: BelongsTo<typeof Centre>

  @belongsTo(() => Conversation)
  declare conversation: BelongsTo<typeof Conversation>

  @belongsTo(() => User, { foreignKey: 'requestedBy' })
  declare requester: BelongsTo<typeof User>

  get recipient() {
    return this.role === 'evaluator' ? ('pedagogy' as const) : ('account_manager' as const)
  }

  get isPending() {
    return this.status === 'submitted'
  }
}
