import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { jsonList } from '#shared/json_columns'

/** A criterion of an oral grid with its levels (lowest first). */
export default class GridCriterion extends BaseModel {
  static table = 'grid_criteria'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare productId: number

  @column()
  declare part: string

  @column()
  declare label: string

  @column(jsonList)
  declare levels: string[]

  @column()
  declare position: number

  @column({ consume: (value: unknown) => Boolean(value) })
  declare active: boolean

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
