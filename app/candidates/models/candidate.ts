import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, manyToMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, ManyToMany } from '@adonisjs/lucid/types/relations'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import type { Actor } from '#shared/roles'
import { findInScope, scopeToCentres } from '#shared/tenancy'
import { calendarDate } from '#shared/dates'
import { Centre, Group } from '#centres'
import { User } from '#accounts'

/** Madame, Monsieur, or neither (imports give F, H or N). */
export const CIVILITIES = ['mme', 'm', 'x'] as const
export const CANDIDATE_STATUSES = [
  'employee',
  'student',
  'job_seeker',
  'self_employed',
  'civil_servant',
  'retired',
  'other',
] as const
export const FUNDINGS = ['cpf', 'professionalisation', 'self', 'other'] as const
export const EDUCATION_LEVELS = [
  'cap',
  'bac',
  'bac2',
  'bac3',
  'bac4',
  'bac5',
  'bac8',
  'none',
] as const
export const SOCIO_CATEGORIES = [
  'farmer',
  'craftsman',
  'executive',
  'intermediate',
  'employee',
  'worker',
  'inactive',
] as const
/** ISO 639-1 codes offered for the mother tongue; "other" for the rest. */
export const LANGUAGES = [
  'fr',
  'ar',
  'en',
  'es',
  'pt',
  'de',
  'it',
  'zh',
  'ru',
  'tr',
  'fa',
  'vi',
  'wo',
  'ln',
  'ht',
  'other',
] as const
/** Codes of the import template (seed 001: ARA_arabe), by ISO 639-1 code. */
export const LANGUAGE_IMPORT_CODES: Record<(typeof LANGUAGES)[number], string> = {
  fr: 'FRA',
  ar: 'ARA',
  en: 'ENG',
  es: 'SPA',
  pt: 'POR',
  de: 'DEU',
  it: 'ITA',
  zh: 'ZHO',
  ru: 'RUS',
  tr: 'TUR',
  fa: 'FAS',
  vi: 'VIE',
  wo: 'WOL',
  ln: 'LIN',
  ht: 'HAT',
  other: 'AUT',
}
/**
 * What a candidate search looks in, as one SQL text: "LAST First", "First
 * LAST" and the e-mail, lower-cased by the search. One expression, so that
 * PostgreSQL answers "contains" with one trigram index (migration 0034)
 * instead of three OR'd ones. Written word for word as the index is.
 */
export const CANDIDATE_SEARCH_TEXT =
  "candidates.last_name || ' ' || candidates.first_name || ' | ' || candidates.first_name || ' ' || candidates.last_name || ' | ' || coalesce(candidates.email, '')"

export const EXAM_STATUSES = ['to_assign', 'planned', 'expired', 'passed'] as const
export const EXAM_VALIDATIONS = ['validated', 'pending', 'invalidated'] as const

export type ExamStatus = (typeof EXAM_STATUSES)[number]
export type ExamValidation = (typeof EXAM_VALIDATIONS)[number]

/** "ARNAUD Alice": how a candidate's name is shown everywhere (a model or a table's plain row). */
export function fullName(lastName: string, firstName: string) {
  return `${String(lastName).toUpperCase()} ${firstName}`
}

/**
 * A candidate's file (SPEC §2 candidates, seed 004 §6.3). Identity, account and
 * information are required; contact and misc may be completed later. The exam_*
 * columns summarise the latest CandidateExam; the file locks when one is passed.
 */
export default class Candidate extends BaseModel {
  static table = 'candidates'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare centreId: number

  @column()
  declare userId: number | null

  @column()
  declare civility: (typeof CIVILITIES)[number]

  @column()
  declare lastName: string

  @column()
  declare birthName: string | null

  @column()
  declare firstName: string

  @column()
  declare email: string | null

  @column.date(calendarDate)
  declare birthDate: DateTime

  @column()
  declare birthPostcode: string | null

  @column()
  declare birthTown: string | null

  @column()
  declare birthCountry: string | null

  @column()
  declare nationality: string | null

  @column()
  declare motherTongue: string | null

  @column()
  declare idNumber: string | null

  @column()
  declare status: (typeof CANDIDATE_STATUSES)[number]

  @column()
  declare funding: (typeof FUNDINGS)[number]

  @column()
  declare phone: string | null

  @column()
  declare address: string | null

  @column()
  declare postcode: string | null

  @column()
  declare town: string | null

  @column()
  declare residenceCountry: string | null

  @column()
  declare educationLevel: (typeof EDUCATION_LEVELS)[number] | null

  @column()
  declare socioCategory: (typeof SOCIO_CATEGORIES)[number] | null

  @column({ serializeAs: null })
  declare photoKey: string | null

  @column({ serializeAs: null })
  declare signatureKey: string | null

  @column()
  declare examStatus: ExamStatus

  @column()
  declare examValidation: ExamValidation | null

  @column()
  declare examScore: number | null

  @column()
  declare examType: string | null

  @column.date(calendarDate)
  declare examDate: DateTime | null

  @column.dateTime()
  declare lockedAt: DateTime | null

  @column.dateTime()
  declare anonymisedAt: DateTime | null

  @column.dateTime()
  declare lastActivityAt: DateTime

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Centre)
  declare centre: BelongsTo<typeof Centre>

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  @manyToMany(() => Group, {
    pivotTable: 'candidate_group',
    pivotForeignKey: 'candidate_id',
    pivotRelatedForeignKey: 'group_id',
    pivotTimestamps: { createdAt: 'created_at', updatedAt: false },
  })
  declare groups: ManyToMany<typeof Group>

  get fullName() {
    return fullName(this.lastName, this.firstName)
  }

  get isLocked() {
    return Boolean(this.lockedAt)
  }

  /** Invitation state of the candidate's account: none, sent (orange) or acknowledged (green). */
  get accountState(): 'none' | 'invited' | 'active' | 'disabled' {
    if (!this.userId || !this.user) return 'none'
    return this.user.status
  }

  static visibleTo(query: ModelQueryBuilderContract<typeof Candidate>, actor: Actor) {
    return scopeToCentres(query, actor, 'candidates.centre_id')
  }

  static findVisibleOrFail(actor: Actor, id: unknown) {
    return findInScope(Candidate, actor, id)
  }
}
