import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { User } from '#accounts'

/** A learner evaluated, with the teacher's comment. */
export default class EvaluationLearner extends BaseModel {
  static table = 'evaluation_learners'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare evaluationId: number

  @column()
  declare userId: number

  @column()
  declare comment: string | null

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>
}
