import { DateTime } from 'luxon'
import { BaseModel, column, manyToMany } from '@adonisjs/lucid/orm'
import type { ManyToMany } from '@adonisjs/lucid/types/relations'
import { User } from '#accounts'

/** A group of learners inside a class (e.g. "Groupe A" of "BTS COM 1"). */
export default class LearnerGroup extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare divisionId: number

  @column()
  declare name: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @manyToMany(() => User, {
    pivotTable: 'learner_group_members',
    pivotForeignKey: 'learner_group_id',
    pivotRelatedForeignKey: 'user_id',
    pivotTimestamps: false,
  })
  declare members: ManyToMany<typeof User>
}
