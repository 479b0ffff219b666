import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { NATURES, ORIGINS } from '#passports/models/professional_situation'

/** A support of a situation (seed 003, onglet Supports): named, never attached. */
export default class SituationSupport extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare professionalSituationId: number

  @column()
  declare designation: string

  @column()
  declare origin: (typeof ORIGINS)[number]

  @column()
  declare nature: (typeof NATURES)[number]

  @column()
  declare position: number
}
