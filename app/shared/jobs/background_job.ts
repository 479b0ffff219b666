import { DateTime } from 'luxon'
import { BaseModel, afterFetch, afterFind, column } from '@adonisjs/lucid/orm'

/** expired: done, and its file deleted once past RESULT_DAYS (it holds personal data). */
export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'expired'

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
    return this.status === 'done' || this.status === 'failed' || this.status === 'expired'
  }

  /** Days a job's file (attestations, certification documents: names of people) is kept. */
  static RESULT_DAYS = 7

  get resultDays() {
    return BackgroundJob.RESULT_DAYS
  }

  /**
   * A job that has not moved for this long was lost with its process (a
   * restart, a crash): every job saves its progress chunk by chunk, seconds apart.
   */
  static STALE_AFTER_MINUTES = 10

  get stale() {
    return (
      !this.finished &&
      this.updatedAt < DateTime.now().minus({ minutes: BackgroundJob.STALE_AFTER_MINUTES })
    )
  }

  /** Jobs read from the database: a lost one is reported failed, not "running" for ever. */
  @afterFind()
  static async failIfLost(job: BackgroundJob) {
    if (!job.stale) return
    job.merge({ status: 'failed', error: 'interrupted' })
    await job.save()
  }

  @afterFetch()
  static async failLost(jobs: BackgroundJob[]) {
    for (const job of jobs) await BackgroundJob.failIfLost(job)
  }

  /** Marks every lost job failed (at boot: the jobs of a process that stopped). */
  static async failAllLost() {
    // Timestamps as Lucid writes them (UTC text on SQLite), so both databases compare alike.
    const sql = (at: DateTime) => at.toUTC().toFormat('yyyy-MM-dd HH:mm:ss')
    const now = DateTime.now()
    return BackgroundJob.query()
      .whereIn('status', ['queued', 'running'])
      .where('updated_at', '<', sql(now.minus({ minutes: BackgroundJob.STALE_AFTER_MINUTES })))
      .update({ status: 'failed', error: 'interrupted', updated_at: sql(now) })
  }
}
