import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { expireAssignments, expireCredits } from '#orders'

/**
 * Expired credits leave the stock, recorded in the ledger; credits assigned
 * and not taken before their expiry become "expirée" for their candidate.
 * Idempotent: schedule it daily (after midnight, Paris time) or more often.
 */
export default class OrdersExpireCredits extends BaseCommand {
  static commandName = 'orders:expire-credits'
  static description = 'Remove expired credits from the stock (safe to run at any time)'
  static options: CommandOptions = { startApp: true }

  async run() {
    const result = await expireCredits(expireAssignments)
    this.logger.info(
      `${result.credits} credit(s) expired on ${result.lines} line(s); ${result.assignments} assignment(s) expired`
    )
  }
}
