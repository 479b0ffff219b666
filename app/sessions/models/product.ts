import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { calendarDate } from '#shared/dates'
import ProductTest from '#sessions/models/product_test'

export const RANGES = ['TEF', 'DFP'] as const
export type ProductRange = (typeof RANGES)[number]

/** A product of the catalogue (seed 001 part 3): TEF Canada, DFP Affaires B1... */
export default class Product extends BaseModel {
  static table = 'products'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare number: number

  @column()
  declare range: ProductRange

  @column()
  declare code: string

  @column()
  declare name: string

  @column()
  declare description: string | null

  @column({ consume: (value: unknown) => Boolean(value) })
  declare modular: boolean

  @column()
  declare kind: string

  @column()
  declare status: 'active' | 'inactive'

  @column.date(calendarDate)
  declare validFrom: DateTime | null

  @column.date(calendarDate)
  declare validTo: DateTime | null

  @column({ serializeAs: null })
  declare documentKey: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @hasMany(() => ProductTest, { onQuery: (query) => query.orderBy('position') })
  declare tests: HasMany<typeof ProductTest>

  get isActive() {
    return this.status === 'active'
  }
}
