import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { purgeJobResults } from '#shared/jobs/jobs'
import BackgroundJob from '#shared/jobs/background_job'

/**
 * Deletes the files made by background jobs (batches of attestations and
 * certification documents, which name people) once they are older than
 * BackgroundJob.RESULT_DAYS; their pages then say so. Schedule it daily.
 */
export default class JobsPurge extends BaseCommand {
  static commandName = 'jobs:purge'
  static description = `Delete background job files older than ${BackgroundJob.RESULT_DAYS} days`
  static options: CommandOptions = { startApp: true }

  async run() {
    const count = await purgeJobResults()
    this.logger.success(`${count} job file(s) deleted`)
  }
}
