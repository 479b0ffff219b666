import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { jsonObject } from '#shared/json_columns'

/** One oral part of a passport: the subject the examiner chose and the grid filled. */
export default class PassportPart extends BaseModel {
  static table = 'passport_parts'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare passportId: number

  @column()
  declare part: string

  @column()
  declare subjectId: number | null

  /** Criterion id → level chosen. */
  @column(jsonObject)
  declare grid: Record<string, string>

  @column.dateTime()
  declare gradedAt: DateTime | null

  @column()
  declare gradedBy: number | null
}
