import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Competence from '#evaluations/models/competence'
import { jsonList } from '#shared/json_columns'

/** A competence chosen for a scenario, with the complexities and hazards retained. */
export default class ScenarioCompetence extends BaseModel {
  static table = 'scenario_competences'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare scenarioId: number

  @column()
  declare competenceId: number

  @column()
  declare position: number

  @column(jsonList)
  declare complexities: string[]

  @column(jsonList)
  declare hazards: string[]

  @belongsTo(() => Competence)
  declare competence: BelongsTo<typeof Competence>
}
