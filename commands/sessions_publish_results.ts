import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { publishDueResults } from '#sessions'

/**
 * Publishes the results of sessions whose planned publication date has come.
 * Idempotent: schedule it every minute.
 */
export default class SessionsPublishResults extends BaseCommand {
  static commandName = 'sessions:publish-results'
  static description = 'Publish results whose planned publication date has come (safe every minute)'
  static options: CommandOptions = { startApp: true }

  async run() {
    const published = await publishDueResults()
    this.logger.info(
      `${published.length} session(s) published${published.length ? ': ' + published.join(', ') : ''}`
    )
  }
}
