import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A subject of the bank an examiner picks from for an oral part. */
export default class ExamSubject extends BaseModel {
  static table = 'exam_subjects'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare productId: number

  @column()
  declare part: string

  @column()
  declare code: string

  @column()
  declare title: string

  @column()
  declare instructions: string | null

  @column({ consume: (value: unknown) => Boolean(value) })
  declare active: boolean

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
