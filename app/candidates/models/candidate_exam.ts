import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { calendarDate } from '#shared/dates'

export type ExamSource = 'registration' | 'credit'
export type CandidateExamStatus = 'planned' | 'expired' | 'passed' | 'cancelled'

/**
 * One exam a candidate was given, written by the module that owns it (a
 * session registration, an assigned credit) through recordCandidateExam().
 */
export default class CandidateExam extends BaseModel {
  static table = 'candidate_exams'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare candidateId: number

  @column()
  declare source: ExamSource

  @column()
  declare sourceId: number

  @column()
  declare examType: string

  @column()
  declare status: CandidateExamStatus

  @column()
  declare validation: 'validated' | 'pending' | 'invalidated' | null

  @column()
  declare score: number | null

  @column.date(calendarDate)
  declare examDate: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
