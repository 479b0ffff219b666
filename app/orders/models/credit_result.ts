import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { Candidate } from '#candidates'
import { calendarDate } from '#shared/dates'
import { jsonList } from '#shared/json_columns'
import type { CreditType } from '#orders/models/credit_type'
import CreditAssignment from '#orders/models/credit_assignment'

export const VALIDATIONS = ['validated', 'pending', 'invalidated'] as const
export type Validation = (typeof VALIDATIONS)[number]

export interface ResultSection {
  name: string
  score: number
  max: number
}

/** The result of an exam taken with a credit (seed 004 §6.9). */
export default class CreditResult extends BaseModel {
  static table = 'credit_results'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare resultRef: string

  @column()
  declare centreId: number

  @column()
  declare candidateId: number

  @column()
  declare assignmentId: number

  @column()
  declare type: CreditType

  @column()
  declare score: number

  @column.date(calendarDate)
  declare passedOn: DateTime

  @column()
  declare validation: Validation

  @column.date(calendarDate)
  declare validUntil: DateTime

  @column()
  declare publicCode: string

  @column(jsonList)
  declare sections: ResultSection[]

  @column()
  declare source: 'api' | 'import'

  @belongsTo(() => Candidate)
  declare candidate: BelongsTo<typeof Candidate>

  @belongsTo(() => CreditAssignment, { foreignKey: 'assignmentId' })
  declare assignment: BelongsTo<typeof CreditAssignment>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  /** Seed 004 §6.9: valid for three years from the day it was taken. */
  static validUntil(passedOn: DateTime) {
    return passedOn.plus({ years: 3 }).minus({ days: 1 })
  }
}
