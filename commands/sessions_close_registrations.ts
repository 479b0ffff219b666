import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { closeDueRegistrations } from '#sessions'

/**
 * Closes the registrations of every session whose deadline has passed (2
 * calendar days before, 00:00 Paris). Idempotent: schedule it every minute.
 */
export default class SessionsCloseRegistrations extends BaseCommand {
  static commandName = 'sessions:close-registrations'
  static description =
    'Close registrations of sessions past their deadline (safe to run every minute)'
  static options: CommandOptions = { startApp: true }

  async run() {
    const closed = await closeDueRegistrations()
    this.logger.info(
      `${closed.length} session(s) closed${closed.length ? ': ' + closed.join(', ') : ''}`
    )
  }
}
