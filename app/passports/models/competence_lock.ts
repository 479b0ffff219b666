import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/**
 * A competence a teacher locked for a learner (seed 002 §3.7.2: enough
 * situations entered for it): the learner can no longer choose it.
 */
export default class CompetenceLock extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare userId: number

  @column()
  declare competenceId: number

  @column()
  declare lockedBy: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
