import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Competence from '#evaluations/models/competence'

const jsonList = {
  prepare: (value: string[]) => JSON.stringify(value ?? []),
  consume: (value: unknown): string[] =>
    Array.isArray(value) ? value : JSON.parse(String(value ?? '[]')),
}

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
