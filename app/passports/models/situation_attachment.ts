import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A pdf or zip a learner attached to a situation (seed 002 §3.7.2). */
export default class SituationAttachment extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare professionalSituationId: number

  @column()
  declare name: string

  @column()
  declare storageKey: string

  @column()
  declare mime: string

  @column()
  declare size: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
