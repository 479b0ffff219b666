import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export default class ScenarioAttachment extends BaseModel {
  static table = 'scenario_attachments'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare scenarioId: number

  @column()
  declare filename: string

  @column({ serializeAs: null })
  declare storageKey: string

  @column()
  declare mime: string

  @column()
  declare size: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
