import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { DEMO_PASSWORD } from '#database/demo'
import { generateBigNetwork } from '#database/demo_big/generate'

/**
 * A network at production scale for load and UI testing (docs/demo-big.md):
 * 1,000 centres, 5,000 users, 300,000 candidates, 20,000 sessions, 1,000,000
 * registrations, 200,000 credits, 50,000 grades at `--scale 1`, the same
 * rows for the same seed and day. Never in production; never over existing
 * data unless asked (`--fresh` empties the database first).
 */
export default class DemoBig extends BaseCommand {
  static commandName = 'demo:big'
  static description = 'Generate a large, reproducible demo network (see docs/demo-big.md)'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'Seed of the generator (same seed and day, same data)', default: 1 })
  declare seed: number

  @flags.number({ description: 'Size as a fraction of the full network (0.001: tiny)', default: 1 })
  declare scale: number

  @flags.string({ description: 'The day the network is generated around (YYYY-MM-DD; today)' })
  declare today: string | undefined

  @flags.boolean({ description: 'Empty the database first (migration:fresh), then seed it' })
  declare fresh: boolean

  @flags.boolean({
    description: 'Add the network next to the data already there, without the small demo',
  })
  declare append: boolean

  async run() {
    if (this.app.inProduction) return this.fail('demo:big never runs in production')
    if (!Number.isInteger(this.seed) || this.seed < 0) return this.fail('--seed: a whole number')
    if (!(this.scale > 0 && this.scale <= 2)) return this.fail('--scale: between 0 and 2')
    const today = this.today ?? DateTime.now().setZone('Europe/Paris').toISODate()!
    if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || !DateTime.fromISO(today).isValid)
      return this.fail('--today: a date as YYYY-MM-DD')
    if (this.fresh && this.append) return this.fail('--fresh and --append exclude each other')

    if (!this.append) {
      if (!this.fresh && (await this.holdsData()))
        return this.fail(
          'The database already holds data: run `node ace demo:big --fresh` to empty it first'
        )
      if (!(await this.runCommand(`migration:${this.fresh ? 'fresh' : 'run'}`, ['--force']))) return
      // The small demo first: its logins work too, and `npm run dev` finds it seeded.
      if (!(await this.runCommand('db:seed', []))) return
    }

    this.logger.info(
      `demo:big — seed ${this.seed}, scale ${this.scale}, around ${today}, on ${db.connection().dialect.name}`
    )
    const report = await generateBigNetwork({
      seed: this.seed,
      scale: this.scale,
      today,
      // Next to other data (the tests), the statistics are left to the database.
      analyze: !this.append,
      log: (line) => this.logger.log(line),
    })
    const table = this.ui.table()
    table.head(['Table', 'Rows', 'Seconds'])
    for (const row of report.tables)
      table.row([row.table, row.rows.toLocaleString('en'), row.seconds.toFixed(1)])
    table.render()
    this.logger.success(`Done in ${report.seconds} s`)
    this.logger.log(`Logins (password for all: ${this.colors.green(DEMO_PASSWORD)}):`)
    for (const login of report.logins) this.logger.log(`  ${login.email} (${login.role})`)
  }

  /** Users in the database (none when it is not even migrated yet). */
  private async holdsData() {
    try {
      const row = await db.from('users').count('* as total').first()
      return Number(row?.total ?? 0) > 0
    } catch {
      return false
    }
  }

  private async runCommand(name: string, args: string[]) {
    const command = await this.kernel.exec(name, args)
    if (command.exitCode === 0) return true
    this.exitCode = 1
    return false
  }

  private fail(message: string) {
    this.logger.error(message)
    this.exitCode = 1
  }
}
