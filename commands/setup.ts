import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { DEMO_PASSWORD, DEMO_USERS } from '#database/demo'

/**
 * First-run setup for `npm run dev`: migrates the database, seeds the demo
 * network if it is empty, and prints the demo logins.
 */
export default class Setup extends BaseCommand {
  static commandName = 'setup'
  static description =
    'Migrate the database, seed the demo network on first run, print the demo logins'
  static options: CommandOptions = { startApp: true }

  async run() {
    for (const [name, args] of [
      ['migration:run', ['--force']],
      ['db:seed', []],
    ] as const) {
      const command = await this.kernel.exec(name, [...args])
      if (command.exitCode !== 0) {
        this.exitCode = 1
        return
      }
    }
    const table = this.ui.table()
    table.head(['Email', 'Role'])
    for (const user of DEMO_USERS) table.row([user.email, user.role])
    this.logger.log('')
    this.logger.log(
      this.colors.bold('Passerelle demo logins') +
        ` (password for all: ${this.colors.green(DEMO_PASSWORD)})`
    )
    table.render()
    this.logger.log(`Mail sent in development is written to tmp/mailbox and shown at /dev/mailbox`)
  }
}
