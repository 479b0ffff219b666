import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { calendarDate } from '#shared/dates'
import Registration from '#sessions/models/registration'

/** suspended: while a fraud is under review, or while results are unpublished to correct. */
export type AttestationStatus = 'valid' | 'suspended' | 'superseded' | 'revoked'

/** What an attestation states, frozen when it is issued. */
export interface AttestationSnapshot {
  name: string
  birthDate: string | null
  product: string
  sessionNumber: number
  sessionDate: string
  centre: string
  tests: { code: string; name: string; score: number; max: number; level: string }[]
}

/**
 * An attestation of results (seed 001 part 5, seed 004): issued when results
 * are published, verifiable in public by its code; a changed score supersedes
 * it with a new one.
 */
export default class Attestation extends BaseModel {
  static table = 'attestations'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare registrationId: number

  @column()
  declare centreId: number

  @column()
  declare code: string

  @column()
  declare status: AttestationStatus

  @column({
    prepare: (value: AttestationSnapshot) => JSON.stringify(value),
    consume: (value: string | AttestationSnapshot) =>
      typeof value === 'string' ? JSON.parse(value) : value,
  })
  declare snapshot: AttestationSnapshot

  @column.dateTime()
  declare issuedAt: DateTime

  @column.date(calendarDate)
  declare validUntil: DateTime

  @column()
  declare supersededById: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Registration)
  declare registration: BelongsTo<typeof Registration>

  /** valid, suspended, superseded, revoked, or expired once past its validity. */
  state(today: DateTime = DateTime.utc().startOf('day')) {
    if (this.status !== 'valid') return this.status
    return this.validUntil < today ? 'expired' : 'valid'
  }
}
