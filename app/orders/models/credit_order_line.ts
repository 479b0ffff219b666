import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { calendarDate } from '#shared/dates'
import type { CreditType } from '#orders/models/credit_type'
import CreditOrder from '#orders/models/credit_order'

/**
 * A line of an order: the product as it was ordered (name, price, VAT) and,
 * once delivered, its expiry date and the credits of it still in stock.
 */
export default class CreditOrderLine extends BaseModel {
  static table = 'credit_order_lines'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare orderId: number

  @column()
  declare centreId: number

  @column()
  declare productId: number | null

  @column()
  declare name: string

  @column()
  declare type: CreditType

  @column()
  declare reference: string

  @column()
  declare quantity: number

  @column()
  declare unitPriceCents: number

  @column()
  declare vatRateBp: number

  @column()
  declare htCents: number

  @column()
  declare vatCents: number

  @column()
  declare ttcCents: number

  @column()
  declare validityMonths: number

  @column.date(calendarDate)
  declare expiresOn: DateTime | null

  @column()
  declare remaining: number

  @belongsTo(() => CreditOrder, { foreignKey: 'orderId' })
  declare order: BelongsTo<typeof CreditOrder>
}
