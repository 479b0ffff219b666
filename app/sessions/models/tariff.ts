import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/**
 * A centre's price for a product: one row with test_code '' (single price, TEF
 * IRN) or one per test (modular products). Cents HT and a VAT rate in basis
 * points; proposed again at the next session creation.
 */
export default class Tariff extends BaseModel {
  static table = 'tariffs'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare centreId: number

  @column()
  declare productId: number

  @column()
  declare testCode: string

  @column()
  declare priceHt: number

  @column()
  declare vatRate: number

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
