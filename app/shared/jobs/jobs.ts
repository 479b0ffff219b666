import logger from '@adonisjs/core/services/logger'
import drive from '@adonisjs/drive/services/main'
import { DateTime } from 'luxon'
import BackgroundJob from '#shared/jobs/background_job'
import { onShutdown } from '#shared/lifecycle'

export interface JobContext {
  job: BackgroundJob
  /** Records how far the job is (done out of total); cheap enough to call per chunk. */
  progress(done: number, total?: number): Promise<void>
}

const running = new Set<Promise<void>>()

/**
 * Starts a job in this process, after the response: the work runs outside the
 * request, its progress is written to the job row. The work returns the Drive
 * key and the file name of its result. A failure is recorded, never thrown.
 */
export async function startJob(
  attributes: Pick<BackgroundJob, 'type' | 'userId' | 'centreId' | 'subjectType' | 'subjectId'>,
  work: (context: JobContext) => Promise<{ key: string; name: string }>
) {
  const job = await BackgroundJob.create({ ...attributes, status: 'queued', total: 0, done: 0 })
  const task = (async () => {
    await new Promise((resolve) => setImmediate(resolve))
    try {
      job.status = 'running'
      await job.save()
      const result = await work({
        job,
        progress: async (done, total) => {
          job.done = done
          if (total !== undefined) job.total = total
          await job.save()
        },
      })
      job.merge({ status: 'done', resultKey: result.key, resultName: result.name })
      job.done = job.total
      await job.save()
    } catch (error) {
      logger.error({ err: error, job: job.id }, 'background job failed')
      job.merge({
        status: 'failed',
        error: String((error as Error)?.message ?? error).slice(0, 200),
      })
      await job.save().catch(() => {})
    }
  })()
  running.add(task)
  task.finally(() => running.delete(task))
  return job
}

/** Waits for the jobs started by this process (tests, graceful shutdown). */
export async function settleJobs() {
  await Promise.allSettled([...running])
}

// A graceful shutdown lets running jobs finish their file.
onShutdown(settleJobs)

/**
 * Deletes the files of jobs finished more than BackgroundJob.RESULT_DAYS ago
 * (batches of attestations or documents: people's names, results) and marks
 * the jobs expired; their pages say the file is gone and may be made again.
 */
export async function purgeJobResults(now = DateTime.now()) {
  const before = now
    .minus({ days: BackgroundJob.RESULT_DAYS })
    .toUTC()
    .toFormat('yyyy-MM-dd HH:mm:ss')
  const jobs = await BackgroundJob.query()
    .where('status', 'done')
    .whereNotNull('result_key')
    .where('updated_at', '<', before)
  for (const job of jobs) {
    await drive
      .use()
      .delete(job.resultKey!)
      .catch(() => undefined)
    job.merge({ status: 'expired', resultKey: null })
    await job.save()
  }
  return jobs.length
}
