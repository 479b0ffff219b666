import { BaseModel, column } from '@adonisjs/lucid/orm'
import { jsonList } from '#shared/json_columns'

export const EXAM_UNITS = ['E4', 'E5', 'E6'] as const
export type ExamUnit = (typeof EXAM_UNITS)[number]

/**
 * A competence (C11.1...) with its exam unit, its possible complexities and
 * hazards (aléas); "assessed elsewhere" ones (E5) are shown, never filled.
 */
export default class Competence extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare versionId: number

  @column()
  declare code: string

  @column()
  declare name: string

  @column()
  declare examUnit: ExamUnit

  @column({ consume: (value: unknown) => Boolean(value) })
  declare assessedElsewhere: boolean

  @column(jsonList)
  declare complexities: string[]

  @column(jsonList)
  declare hazards: string[]

  @column()
  declare position: number
}
