import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import { User } from '#accounts'
import { calendarDate } from '#shared/dates'
import EvaluationCompetence from '#evaluations/models/evaluation_competence'
import EvaluationLearner from '#evaluations/models/evaluation_learner'
import EvaluationGrade from '#evaluations/models/evaluation_grade'
import Scenario from '#evaluations/models/scenario'

/** A teacher's evaluation of chosen learners on ordered competences (seed 002 §3.6). */
export default class Evaluation extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare centreId: number

  @column()
  declare authorId: number | null

  @column()
  declare scenarioId: number | null

  @column()
  declare title: string

  @column.date(calendarDate)
  declare evaluatedOn: DateTime

  @column({ consume: (value: unknown) => Boolean(value) })
  declare visible: boolean

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => User, { foreignKey: 'authorId' })
  declare author: BelongsTo<typeof User>

  @belongsTo(() => Scenario)
  declare scenario: BelongsTo<typeof Scenario>

  @hasMany(() => EvaluationCompetence)
  declare competences: HasMany<typeof EvaluationCompetence>

  @hasMany(() => EvaluationLearner)
  declare learners: HasMany<typeof EvaluationLearner>

  @hasMany(() => EvaluationGrade)
  declare grades: HasMany<typeof EvaluationGrade>
}
