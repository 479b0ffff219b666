import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { User } from '#accounts'
import Competence from '#evaluations/models/competence'

/** One change of a grade or comment: the evaluation's grade history. */
export default class EvaluationChange extends BaseModel {
  static table = 'evaluation_changes'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare evaluationId: number

  @column()
  declare learnerId: number | null

  @column()
  declare competenceId: number | null

  @column()
  declare field: 'grade' | 'comment'

  @column()
  declare before: string | null

  @column()
  declare after: string | null

  @column()
  declare changedBy: number | null

  @column.dateTime()
  declare changedAt: DateTime

  @belongsTo(() => User, { foreignKey: 'learnerId' })
  declare learner: BelongsTo<typeof User>

  @belongsTo(() => User, { foreignKey: 'changedBy' })
  declare author: BelongsTo<typeof User>

  @belongsTo(() => Competence)
  declare competence: BelongsTo<typeof Competence>
}
