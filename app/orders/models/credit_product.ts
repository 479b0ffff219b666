import { DateTime } from 'luxon'
import { BaseModel, column, manyToMany } from '@adonisjs/lucid/orm'
import type { ManyToMany } from '@adonisjs/lucid/types/relations'
import { Centre } from '#centres'
import type { CreditType } from '#orders/models/credit_type'

/** What a centre may order (seed 004 §4.3), priced by the network admin. */
export default class CreditProduct extends BaseModel {
  static table = 'credit_products'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  @column()
  declare type: CreditType

  @column()
  declare reference: string

  @column()
  declare unitPriceCents: number

  @column()
  declare vatRateBp: number

  @column()
  declare validityMonths: number

  @column()
  declare status: 'active' | 'inactive'

  @column({ consume: (value) => !!value })
  declare allCentres: boolean

  @manyToMany(() => Centre, {
    pivotTable: 'credit_product_centres',
    pivotForeignKey: 'product_id',
    pivotRelatedForeignKey: 'centre_id',
  })
  declare centres: ManyToMany<typeof Centre>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
