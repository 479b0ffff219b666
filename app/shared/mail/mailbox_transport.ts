import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import nodemailer from 'nodemailer'
import app from '@adonisjs/core/services/app'
import { MailResponse } from '@adonisjs/mail'
import type { MailTransportContract, NodeMailerMessage } from '@adonisjs/mail/types'

/**
 * Development and test transport: each message is rendered by nodemailer and
 * written as JSON to tmp/mailbox (tmp/mailbox-test in tests), where developers
 * read it (/dev/mailbox) and tests assert on it. Nothing leaves the machine.
 */
export class MailboxTransport implements MailTransportContract {
  #transporter = nodemailer.createTransport({ jsonTransport: true })

  static directory() {
    return app.tmpPath(app.inTest ? 'mailbox-test' : 'mailbox')
  }

  async send(message: NodeMailerMessage) {
    const info = await this.#transporter.sendMail(message)
    const dir = MailboxTransport.directory()
    await mkdir(dir, { recursive: true })
    const file = `${Date.now()}-${randomUUID()}.json`
    await writeFile(join(dir, file), info.message as unknown as string)
    return new MailResponse(info.messageId, info.envelope, info)
  }
}
