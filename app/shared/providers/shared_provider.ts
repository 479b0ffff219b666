import type { ApplicationService } from '@adonisjs/core/types'
import { runShutdownHooks } from '#shared/lifecycle'

/**
 * Releases the kernel's long-lived resources (e.g. the PDF browser) on
 * shutdown; when a web server starts, reports failed the background jobs of a
 * process that stopped in their middle.
 */
export default class SharedProvider {
  constructor(protected app: ApplicationService) {}

  async ready() {
    if (this.app.getEnvironment() !== 'web') return
    const { default: BackgroundJob } = await import('#shared/jobs/background_job')
    await BackgroundJob.failAllLost().catch(() => {
      // A database not migrated yet: nothing to report.
    })
  }

  async shutdown() {
    await runShutdownHooks()
  }
}
