import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A test (épreuve) of a product: CE, CO, EE, EO (sections A and B), LS, CTI, IO. */
export default class ProductTest extends BaseModel {
  static table = 'product_tests'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare productId: number

  @column()
  declare code: string

  @column()
  declare name: string

  @column()
  declare position: number

  @column({
    prepare: (value: string[] | null) => (value && value.length ? value.join(',') : null),
    consume: (value: string | null) => (value ? value.split(',') : []),
  })
  declare sections: string[]
}
