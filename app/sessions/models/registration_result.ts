import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export type ResultSource = 'manual' | 'import' | 'passport'

/** Score and level of one test of a registration. */
export default class RegistrationResult extends BaseModel {
  static table = 'registration_results'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare registrationId: number

  @column()
  declare testCode: string

  @column()
  declare score: number

  @column()
  declare level: string

  @column()
  declare source: ResultSource

  @column()
  declare reason: string | null

  @column()
  declare enteredBy: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
