import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import MessageAttachment from '#messaging/models/message_attachment'
import { User } from '#accounts'

export default class Message extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare conversationId: number

  @column()
  declare authorId: number | null

  /** A person's message, or a system message (a request changed state...). */
  @column()
  declare kind: 'user' | 'system'

  /** A person's text; for system messages, an i18n key rendered in the reader's language. */
  @column()
  declare body: string

  @column({
    prepare: (value: Record<string, unknown> | null) => (value ? JSON.stringify(value) : null),
    consume: (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : (value ?? null)),
  })
  declare params: Record<string, unknown> | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @belongsTo(() => User, { foreignKey: 'authorId' })
  declare author: BelongsTo<typeof User>

  @hasMany(() => MessageAttachment)
  declare attachments: HasMany<typeof MessageAttachment>
}
