import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import { Centre } from '#centres'
import { User } from '#accounts'
import CreditOrderLine from '#orders/models/credit_order_line'

export const ORDER_STATUSES = ['to_validate', 'paid', 'delivered', 'consumed', 'cancelled'] as const
export type OrderStatus = (typeof ORDER_STATUSES)[number]

/** The three sections of "Mes commandes" (seed 004 §4.1). */
export type OrderSection = 'to_validate' | 'to_consume' | 'history'

/**
 * A centre's order of credits (seed 004 §4): created at once as to_validate
 * when the cart is validated, paid when the network has received the
 * payment, delivered when its credits enter the centre's stock, consumed
 * once none is left (assigned or expired).
 */
export default class CreditOrder extends BaseModel {
  static table = 'credit_orders'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare number: string | null

  @column()
  declare centreId: number

  @column()
  declare orderedBy: number | null

  @column()
  declare status: OrderStatus

  @column()
  declare paymentMethod: string

  @column()
  declare totalHtCents: number

  @column()
  declare totalVatCents: number

  @column()
  declare totalTtcCents: number

  @column.dateTime()
  declare orderedAt: DateTime

  @column.dateTime()
  declare paidAt: DateTime | null

  @column()
  declare paidBy: number | null

  @column.dateTime()
  declare deliveredAt: DateTime | null

  @column()
  declare deliveredBy: number | null

  @column.dateTime()
  declare cancelledAt: DateTime | null

  @column()
  declare cancelledBy: number | null

  @belongsTo(() => Centre)
  declare centre: BelongsTo<typeof Centre>

  @belongsTo(() => User, { foreignKey: 'orderedBy' })
  declare orderer: BelongsTo<typeof User>

  @hasMany(() => CreditOrderLine, { foreignKey: 'orderId' })
  declare lines: HasMany<typeof CreditOrderLine>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get section(): OrderSection {
    if (this.status === 'to_validate' || this.status === 'paid') return 'to_validate'
    if (this.status === 'delivered') return 'to_consume'
    return 'history'
  }

  /** "En cours" until delivered (seed 004 §4.1). */
  get isDelivered() {
    return this.status === 'delivered' || this.status === 'consumed'
  }
}
