import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A session of a partner exam centre (seed 004 §6.5), published by the network. */
export default class PartnerSession extends BaseModel {
  static table = 'partner_sessions'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare centreName: string

  @column()
  declare address: string

  @column()
  declare postcode: string

  @column()
  declare city: string

  @column.dateTime()
  declare startsAt: DateTime

  @column()
  declare seats: number

  @column()
  declare status: 'open' | 'cancelled'

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  /** "GRENOBLE (38000) — Centre La Poste - Grenoble — mardi 17 avril 2018 à 09:00". */
  label(locale = 'fr') {
    const when = this.startsAt
      .setZone('Europe/Paris')
      .setLocale(locale)
      .toFormat(locale === 'fr' ? "cccc d LLLL yyyy 'à' HH:mm" : "cccc d LLLL yyyy 'at' HH:mm")
    return `${this.city.toUpperCase()} (${this.postcode}) — ${this.centreName}, ${this.address} — ${when}`
  }
}
