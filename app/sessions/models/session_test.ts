import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A test offered by a session, with its price when the product is modular. */
export default class SessionTest extends BaseModel {
  static table = 'session_tests'

  @column({ isPrimary: true })
  declare sessionId: number

  @column({ isPrimary: true })
  declare testCode: string

  @column()
  declare priceHt: number | null
}
