import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A test a registration is for; absent when declared so, exempt after a dispense (seed 001 part 5). */
export default class RegistrationTest extends BaseModel {
  static table = 'registration_tests'

  @column({ isPrimary: true })
  declare registrationId: number

  @column({ isPrimary: true })
  declare testCode: string

  @column({ consume: (value: unknown) => Boolean(value) })
  declare absent: boolean

  /** Exempted from this test by an accepted dispense. */
  @column({ consume: (value: unknown) => Boolean(value) })
  declare exempt: boolean
}
