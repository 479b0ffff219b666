import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import PassportMedia from '#passports/models/passport_media'

/** The exam passport of one registration (seed 000): what the examiner captured. */
export default class ExamPassport extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare registrationId: number

  @column()
  declare centreId: number

  @column.dateTime()
  declare conditionsAcceptedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @hasMany(() => PassportMedia, { foreignKey: 'passportId' })
  declare media: HasMany<typeof PassportMedia>
}
