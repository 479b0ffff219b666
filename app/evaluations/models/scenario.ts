import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import { User } from '#accounts'
import ScenarioCompetence from '#evaluations/models/scenario_competence'
import ScenarioAttachment from '#evaluations/models/scenario_attachment'
import { jsonList } from '#shared/json_columns'

export type ScenarioVisibility = 'private' | 'public'

/** A teacher's scenario (seed 002 §3.5). */
export default class Scenario extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare centreId: number

  @column()
  declare authorId: number | null

  @column()
  declare title: string

  @column()
  declare level: string | null

  @column()
  declare visibility: ScenarioVisibility

  @column()
  declare context: string | null

  @column()
  declare materials: string | null

  @column(jsonList)
  declare links: string[]

  @column()
  declare resources: string | null

  @column()
  declare copiedFromId: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => User, { foreignKey: 'authorId' })
  declare author: BelongsTo<typeof User>

  @hasMany(() => ScenarioCompetence)
  declare competences: HasMany<typeof ScenarioCompetence>

  @hasMany(() => ScenarioAttachment)
  declare attachments: HasMany<typeof ScenarioAttachment>
}
