import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { GradeLevel } from '#evaluations/services/levels'

/** One learner's result on one competence of an evaluation. */
export default class EvaluationGrade extends BaseModel {
  static table = 'evaluation_grades'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare evaluationId: number

  @column()
  declare userId: number

  @column()
  declare competenceId: number

  @column()
  declare level: GradeLevel

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
