import env from '#start/env'
import { defineConfig, transports } from '@adonisjs/mail'
import { MailboxTransport } from '#shared/mail/mailbox_transport'

const mailConfig = defineConfig({
  default: env.get('MAIL_MAILER'),
  from: {
    address: env.get('MAIL_FROM_ADDRESS'),
    name: env.get('MAIL_FROM_NAME'),
  },
  globals: { brandName: 'Passerelle' },
  mailers: {
    /** Development and tests: every message is written to tmp/mailbox. */
    mailbox: () => new MailboxTransport(),
    smtp: transports.smtp({
      host: env.get('SMTP_HOST', 'localhost'),
      port: env.get('SMTP_PORT', 587),
      auth: env.get('SMTP_USERNAME')
        ? { type: 'login', user: env.get('SMTP_USERNAME')!, pass: env.get('SMTP_PASSWORD', '') }
        : undefined,
    }),
  },
})

export default mailConfig

declare module '@adonisjs/mail/types' {
  export interface MailersList extends InferMailers<typeof mailConfig> {}
}
