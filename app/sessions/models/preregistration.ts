import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import type { Actor } from '#shared/roles'
import { calendarDate } from '#shared/dates'
import { findInScope, scopeToCentres } from '#shared/tenancy'
import ExamSession from '#sessions/models/exam_session'

/** A request for a seat made on a centre's public page, waiting for the centre. */
export default class Preregistration extends BaseModel {
  static table = 'preregistrations'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare centreId: number

  @column()
  declare sessionId: number | null

  @column()
  declare civility: 'mme' | 'm' | 'x'

  @column()
  declare lastName: string

  @column()
  declare firstName: string

  @column()
  declare email: string

  @column()
  declare phone: string | null

  @column.date(calendarDate)
  declare birthDate: DateTime

  @column({
    prepare: (value: string[] | null) => (value && value.length ? value.join(',') : null),
    consume: (value: string | null) => (value ? value.split(',') : []),
  })
  declare tests: string[]

  @column()
  declare status: 'pending' | 'transferred' | 'declined'

  @column()
  declare registrationId: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => ExamSession, { foreignKey: 'sessionId' })
  declare session: BelongsTo<typeof ExamSession>

  get fullName() {
    return `${this.lastName.toUpperCase()} ${this.firstName}`
  }

  static visibleTo(query: ModelQueryBuilderContract<typeof Preregistration>, actor: Actor) {
    return scopeToCentres(query, actor, 'preregistrations.centre_id')
  }

  static findVisibleOrFail(actor: Actor, id: unknown) {
    return findInScope(Preregistration, actor, id)
  }
}
