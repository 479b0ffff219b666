import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { anonymiseCandidate, pastRetention } from '#candidates'

/**
 * GDPR retention: lists the candidate files whose last activity is older than
 * the network's retention, then anonymises them (results and counts stay).
 * Schedule it daily; `--dry-run` only lists.
 */
export default class CandidatesRetention extends BaseCommand {
  static commandName = 'candidates:retention'
  static description = 'Anonymise candidate files past the retention period (--dry-run lists them)'
  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'List the files past retention without changing anything' })
  declare dryRun: boolean

  async run() {
    const { years, limit, candidates } = await pastRetention()
    this.logger.info(
      `Retention: ${years} year(s); last activity before ${limit.toISODate()}: ${candidates.length} file(s)`
    )
    for (const candidate of candidates) {
      this.logger.log(
        `  #${candidate.id} centre ${candidate.centreId}, last activity ${candidate.lastActivityAt.toISODate()}`
      )
    }
    if (this.dryRun) {
      this.logger.info('Dry run: nothing changed')
      return
    }
    for (const candidate of candidates) await anonymiseCandidate(null, candidate)
    this.logger.success(`${candidates.length} file(s) anonymised`)
  }
}
