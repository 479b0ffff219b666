import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { pastRetention, purgePassportFiles } from '#passports'

/**
 * Exam passport retention (seed 000): deletes the photos, signatures and
 * recordings of sessions whose results were published more than the
 * retention ago (60 days unless the network says otherwise), keeping each
 * file's hash, size, who and when; abandoned uploads lose their chunks.
 * Schedule it daily; `--dry-run` only lists.
 */
export default class PassportsPurge extends BaseCommand {
  static commandName = 'passports:purge'
  static description =
    'Delete exam passport files past retention after results (--dry-run lists them)'
  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'List the files past retention without deleting anything' })
  declare dryRun: boolean

  async run() {
    const { days, limit, media, stale } = await pastRetention()
    this.logger.info(
      `Retention: ${days} day(s) after results; published before ${limit.toISODate()}: ${media.length} file(s), ${stale.length} abandoned upload(s)`
    )
    for (const item of media)
      this.logger.log(
        `  session ${item.$extras.session_number}, passport #${item.passportId}: ${item.kind}${item.part ? ' ' + item.part : ''}, ${item.size} bytes, sha256 ${item.sha256}`
      )
    if (this.dryRun) {
      this.logger.info('Dry run: nothing deleted')
      return
    }
    const done = await purgePassportFiles(media, stale)
    this.logger.success(
      `${done.files} file(s) of ${done.passports} passport(s) deleted, ${done.uploads} abandoned upload(s) cleared`
    )
  }
}
