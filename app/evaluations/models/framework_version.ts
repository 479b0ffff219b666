import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import Framework from '#evaluations/models/framework'
import Competence from '#evaluations/models/competence'
import FrameworkPole from '#evaluations/models/framework_pole'

/** One imported version of a framework: never edited once imported. */
export default class FrameworkVersion extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare frameworkId: number

  @column()
  declare version: number

  @column()
  declare name: string

  @column()
  declare sourceName: string | null

  @column()
  declare importedBy: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @belongsTo(() => Framework)
  declare framework: BelongsTo<typeof Framework>

  @hasMany(() => FrameworkPole, { foreignKey: 'versionId' })
  declare poles: HasMany<typeof FrameworkPole>

  @hasMany(() => Competence, { foreignKey: 'versionId' })
  declare competences: HasMany<typeof Competence>
}
