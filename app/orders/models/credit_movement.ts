import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export type MovementKind = 'delivered' | 'assigned' | 'returned' | 'expired'

/** One change of a line's stock: + into it, − out of it (the ledger). */
export default class CreditMovement extends BaseModel {
  static table = 'credit_movements'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare centreId: number

  @column()
  declare orderLineId: number

  @column()
  declare assignmentId: number | null

  @column()
  declare kind: MovementKind

  @column()
  declare quantity: number

  @column()
  declare userId: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
