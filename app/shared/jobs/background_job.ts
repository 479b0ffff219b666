import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export type JobStatus = 'queued' | 'running' | 'done' | 'failed'

/**
 * A long task (a batch of PDFs...) run off the request: its progress and its
 * result live in the database and on Drive, so any app process can report on
 * it and serve the result.
 */
export default class BackgroundJob extends BaseModel {
  static table = 'background_jobs'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare type: string

  @column()
  declare userId: number | null

  @column()
  declare centreId: number | null

  @column()
  declare subjectType: string | null

  @column()
  declare subjectId: number | null

  @column()
  declare status: JobStatus

  @column()
  declare total: number

  @column()
  declare done: number

  @column({ serializeAs: null })
  declare resultKey: string | null

  @column()
  declare resultName: string | null

  @column()
  declare error: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get percent() {
    if (this.status === 'done') return 100
    return this.total > 0 ? Math.min(99, Math.floor((this.done * 100) / this.total)) : 0
  }

  get finished() {
    return this.status === 'done' || this.status === 'failed'
  }
}
