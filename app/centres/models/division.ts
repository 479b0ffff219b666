import { DateTime } from 'luxon'
import { BaseModel, column, hasMany, manyToMany } from '@adonisjs/lucid/orm'
import type { HasMany, ManyToMany } from '@adonisjs/lucid/types/relations'
import LearnerGroup from '#centres/models/learner_group'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import { User } from '#accounts'
import type { Actor } from '#shared/roles'
import { findInScope, scopeToCentres } from '#shared/tenancy'

/** A class (division) of a training centre: its teachers and learners. */
export default class Division extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare centreId: number

  @column()
  declare name: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @manyToMany(() => User, {
    pivotTable: 'division_members',
    pivotForeignKey: 'division_id',
    pivotRelatedForeignKey: 'user_id',
    pivotTimestamps: false,
  })
  declare members: ManyToMany<typeof User>

  /** Groups of learners of this class. */
  @hasMany(() => LearnerGroup)
  declare groups: HasMany<typeof LearnerGroup>

  static visibleTo(query: ModelQueryBuilderContract<typeof Division>, actor: Actor) {
    return scopeToCentres(query, actor, 'divisions.centre_id')
  }

  static findVisibleOrFail(actor: Actor, id: unknown) {
    return findInScope(Division, actor, id)
  }
}
