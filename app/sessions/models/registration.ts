import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import { Candidate } from '#candidates'
import ExamSession from '#sessions/models/exam_session'
import RegistrationTest from '#sessions/models/registration_test'
import RegistrationResult from '#sessions/models/registration_result'

export type RegistrationStatus = 'registered' | 'postponed' | 'cancelled'
export type RegistrationChannel = 'on_site' | 'online' | 'import'

/** A candidate's registration (inscription) to a session. */
export default class Registration extends BaseModel {
  static table = 'registrations'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare sessionId: number

  @column()
  declare candidateId: number

  @column()
  declare number: number

  @column()
  declare channel: RegistrationChannel

  @column()
  declare motivation: string | null

  @column()
  declare idNumber: string | null

  @column()
  declare accessCode: string

  @column()
  declare status: RegistrationStatus

  /** A postponed registration points to the one that replaced it. */
  @column()
  declare postponedToId: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => ExamSession, { foreignKey: 'sessionId' })
  declare session: BelongsTo<typeof ExamSession>

  @belongsTo(() => Registration, { foreignKey: 'postponedToId' })
  declare postponedTo: BelongsTo<typeof Registration>

  @belongsTo(() => Candidate)
  declare candidate: BelongsTo<typeof Candidate>

  @hasMany(() => RegistrationTest)
  declare tests: HasMany<typeof RegistrationTest>

  @hasMany(() => RegistrationResult)
  declare results: HasMany<typeof RegistrationResult>
}
