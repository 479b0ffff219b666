import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import { Candidate } from '#candidates'
import { Centre } from '#centres'
import type { Actor } from '#shared/roles'
import { findInScope, scopeToCentres } from '#shared/tenancy'
import ExamSession from '#sessions/models/exam_session'
import Registration from '#sessions/models/registration'

export const REQUEST_KINDS = [
  'accommodation',
  'exemption',
  'postponement',
  'fraud',
  'appeal',
] as const
export type RequestKind = (typeof REQUEST_KINDS)[number]

export const REQUEST_STATUSES = ['submitted', 'in_review', 'accepted', 'refused'] as const
export type RequestStatus = (typeof REQUEST_STATUSES)[number]

/** The URL segment of each kind's list (menu Candidats › Aménagements...). */
export const REQUEST_SLUGS: Record<RequestKind, string> = {
  accommodation: 'accommodations',
  exemption: 'exemptions',
  postponement: 'postponements',
  fraud: 'frauds',
  appeal: 'appeals',
}

/** Categories offered per kind (none: no category). */
export const REQUEST_CATEGORIES: Partial<Record<RequestKind, readonly string[]>> = {
  accommodation: ['extra_time', 'adapted_material', 'assistance', 'other'],
  fraud: ['identity', 'cheating', 'device', 'disruption', 'other'],
}

/**
 * A request about a registration (seed 001 part 5). Its conversation holds the
 * exchange and the documents; every change of status posts a system message.
 */
export default class RegistrationRequest extends BaseModel {
  static table = 'registration_requests'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare kind: RequestKind

  @column()
  declare centreId: number

  @column()
  declare sessionId: number

  @column()
  declare registrationId: number

  @column()
  declare candidateId: number

  @column()
  declare status: RequestStatus

  @column()
  declare category: string | null

  @column()
  declare testCode: string | null

  @column()
  declare description: string

  @column()
  declare refusalReason: string | null

  @column()
  declare conversationId: number | null

  @column()
  declare newRegistrationId: number | null

  @column()
  declare requestedBy: number | null

  @column()
  declare reviewedBy: number | null

  @column.dateTime()
  declare reviewedAt: DateTime | null

  @column()
  declare decidedBy: number | null

  @column.dateTime()
  declare decidedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Centre)
  declare centre: BelongsTo<typeof Centre>

  @belongsTo(() => ExamSession, { foreignKey: 'sessionId' })
  declare session: BelongsTo<typeof ExamSession>

  @belongsTo(() => Registration)
  declare registration: BelongsTo<typeof Registration>

  @belongsTo(() => Registration, { foreignKey: 'newRegistrationId' })
  declare newRegistration: BelongsTo<typeof Registration>

  @belongsTo(() => Candidate)
  declare candidate: BelongsTo<typeof Candidate>

  get isPending() {
    return this.status === 'submitted' || this.status === 'in_review'
  }

  /** Seed 001's short label in the session table: "Tiers-temps", "Rep", "D"... */
  get labelKey() {
    if (this.kind === 'accommodation')
      return this.category === 'extra_time' ? 'extra_time' : 'accommodation'
    return this.kind
  }

  get tone() {
    if (this.status === 'accepted') return 'success'
    if (this.status === 'refused') return 'danger'
    return 'warning'
  }

  static visibleTo(query: ModelQueryBuilderContract<typeof RegistrationRequest>, actor: Actor) {
    return scopeToCentres(query, actor, 'registration_requests.centre_id')
  }

  static findVisibleOrFail(actor: Actor, id: unknown) {
    return findInScope(RegistrationRequest, actor, id)
  }
}
