import type { HttpContext } from '@adonisjs/core/http'
import { readMailbox } from '#shared/mail/mailbox'

/**
 * Development only: the messages the mailbox transport wrote, newest first, so
 * that a developer can follow invitation and reset links without a mail server.
 */
export default class DevMailboxController {
  async index({ view }: HttpContext) {
    const mails = await readMailbox()
    return view.render('dashboard::pages/dev_mailbox', { mails: mails.slice(0, 50) })
  }
}
