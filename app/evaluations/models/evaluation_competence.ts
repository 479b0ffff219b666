import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Competence from '#evaluations/models/competence'
import { jsonList } from '#shared/json_columns'

/** A competence evaluated, at its place in the evaluation's order, with complexities and hazards. */
export default class EvaluationCompetence extends BaseModel {
  static table = 'evaluation_competences'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare evaluationId: number

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
