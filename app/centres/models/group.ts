import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import type { Actor } from '#shared/roles'
import { findInScope, scopeToCentres } from '#shared/tenancy'
import Centre from '#centres/models/centre'

export const GROUP_CATEGORIES = ['client', 'class', 'exam_session', 'other'] as const
export type GroupCategory = (typeof GROUP_CATEGORIES)[number]

/** A group of candidates of a centre: Client, Classe, Session d'examen or Autre. */
export default class Group extends BaseModel {
  static table = 'groups'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare centreId: number

  @column()
  declare name: string

  @column()
  declare category: GroupCategory

  @column({ consume: (value: unknown) => Boolean(value) })
  declare hidden: boolean

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Centre)
  declare centre: BelongsTo<typeof Centre>

  static visibleTo(query: ModelQueryBuilderContract<typeof Group>, actor: Actor) {
    return scopeToCentres(query, actor, 'groups.centre_id')
  }

  static findVisibleOrFail(actor: Actor, id: unknown) {
    return findInScope(Group, actor, id)
  }
}
