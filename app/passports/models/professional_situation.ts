import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { calendarDate } from '#shared/dates'
import { jsonList } from '#shared/json_columns'
import SituationSupport from '#passports/models/situation_support'
import SituationAttachment from '#passports/models/situation_attachment'

export const LOCATIONS = ['organisation', 'training', 'mixed'] as const
export const SOURCES = [
  'internship',
  'one_off',
  'testimony',
  'workshop',
  'course',
  'mixed',
] as const
export const KINDS = ['lived', 'observed', 'simulated', 'mixed'] as const
export const ORIGINS = ['available', 'created', 'adapted'] as const
export const NATURES = ['digital', 'printed', 'video', 'audio'] as const
/** The teachers' 4-level scale for a situation (seed 002 §3.8.2), best first. */
export const SITUATION_RESULTS = ['total', 'partial', 'acquiring', 'errors'] as const

export type SituationResult = (typeof SITUATION_RESULTS)[number]

export interface Actor {
  name: string
  role: string
}

/**
 * A professional situation of a learner's passport (seed 003): what happened
 * (Description), how (Caractérisation), with what (Supports) and the one
 * competence it claims (Compétence), then a teacher's evaluation.
 */
export default class ProfessionalSituation extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare userId: number

  @column()
  declare centreId: number

  @column()
  declare situationId: number

  @column()
  declare competenceId: number

  /** The competence of another framework it is attached to (seed 002: BEP MSA), if any. */
  @column()
  declare secondaryCompetenceId: number | null

  @column()
  declare title: string

  @column({ consume: (value: unknown) => Boolean(value) })
  declare project: boolean

  @column()
  declare description: string

  @column()
  declare partners: string | null

  @column()
  declare location: (typeof LOCATIONS)[number]

  @column.date(calendarDate)
  declare startsOn: DateTime

  @column.date(calendarDate)
  declare endsOn: DateTime

  @column()
  declare source: (typeof SOURCES)[number]

  @column()
  declare kind: (typeof KINDS)[number]

  @column()
  declare tasks: string | null

  @column()
  declare objectives: string | null

  @column(jsonList)
  declare actors: Actor[]

  @column()
  declare means: string | null

  @column()
  declare quantitativeResults: string | null

  @column()
  declare qualitativeResults: string | null

  @column()
  declare competenceDescription: string | null

  @column(jsonList)
  declare complexities: string[]

  @column(jsonList)
  declare hazards: string[]

  @column()
  declare result: SituationResult | null

  @column()
  declare appreciation: string | null

  @column()
  declare evaluatedBy: number | null

  @column.dateTime()
  declare evaluatedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @hasMany(() => SituationSupport, { foreignKey: 'professionalSituationId' })
  declare supports: HasMany<typeof SituationSupport>

  @hasMany(() => SituationAttachment, { foreignKey: 'professionalSituationId' })
  declare attachments: HasMany<typeof SituationAttachment>
}
