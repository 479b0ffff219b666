import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import { User } from '#accounts'
import { Centre } from '#centres'
import type { Actor } from '#shared/roles'
import { findInScope, scopeToCentres } from '#shared/tenancy'
import Message from '#messaging/models/message'

export type ConversationType = 'contact' | 'account_request' | (string & {})
export type Recipient = 'account_manager' | 'pedagogy'

/** Roles that take part in conversations. */
export const MESSAGING_ROLES = [
  'network_admin',
  'account_manager',
  'centre_manager',
  'centre_staff',
] as const

export default class Conversation extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare centreId: number

  @column()
  declare type: ConversationType

  @column()
  declare recipient: Recipient

  @column()
  declare title: string

  @column()
  declare status: 'open' | 'closed'

  @column()
  declare subjectType: string | null

  @column()
  declare subjectId: number | null

  @column()
  declare createdBy: number | null

  @column.dateTime()
  declare lastMessageAt: DateTime

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Centre)
  declare centre: BelongsTo<typeof Centre>

  @belongsTo(() => User, { foreignKey: 'createdBy' })
  declare author: BelongsTo<typeof User>

  @hasMany(() => Message)
  declare messages: HasMany<typeof Message>

  /** Conversations of the actor's centres (network admins: all). */
  static visibleTo(query: ModelQueryBuilderContract<typeof Conversation>, actor: Actor) {
    return scopeToCentres(query, actor, 'conversations.centre_id')
  }

  static findVisibleOrFail(actor: Actor, id: unknown) {
    return findInScope(Conversation, actor, id)
  }

  get isOpen() {
    return this.status === 'open'
  }
}
