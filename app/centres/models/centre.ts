import { DateTime } from 'luxon'
import { BaseModel, column, manyToMany } from '@adonisjs/lucid/orm'
import type { ManyToMany } from '@adonisjs/lucid/types/relations'
import { User } from '#accounts'

export type CentreKind = 'exam' | 'training' | 'both'
export type OnlineVisibility = 'hidden' | 'with_sessions' | 'without_sessions'

/**
 * An exam and/or training centre. Minimal here; the centres issue completes it
 * (logo, classes, groups...). Its account manager is the member whose role is
 * account_manager (memberships also scope portfolios).
 */
export default class Centre extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare code: string

  @column()
  declare name: string

  @column()
  declare kind: CentreKind

  @column()
  declare address: string | null

  @column()
  declare postcode: string | null

  @column()
  declare city: string | null

  @column()
  declare country: string

  @column()
  declare timeZone: string

  @column()
  declare contactEmail: string | null

  @column()
  declare phone: string | null

  @column()
  declare status: 'active' | 'inactive'

  @column()
  declare onlineVisibility: OnlineVisibility

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @manyToMany(() => User, {
    pivotTable: 'centre_memberships',
    pivotForeignKey: 'centre_id',
    pivotRelatedForeignKey: 'user_id',
    pivotTimestamps: { createdAt: 'created_at', updatedAt: false },
  })
  declare members: ManyToMany<typeof User>
}
