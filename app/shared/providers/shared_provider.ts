import type { ApplicationService } from '@adonisjs/core/types'
import { runShutdownHooks } from '#shared/lifecycle'

/** Releases the kernel's long-lived resources (e.g. the PDF browser) on shutdown. */
export default class SharedProvider {
  constructor(protected app: ApplicationService) {}

  async shutdown() {
    await runShutdownHooks()
  }
}
