import { BaseMail } from '@adonisjs/mail'
import i18nManager from '@adonisjs/i18n/services/main'
import { appUrl } from '#config/app'
import type User from '#accounts/models/user'

/** Sent to a new account: a link to set its own password (never a default one). */
export default class InvitationMail extends BaseMail {
  constructor(
    private user: User,
    private token: string
  ) {
    super()
  }

  prepare() {
    const i18n = i18nManager.locale(this.user.locale)
    const url = `${appUrl}/invitations/${this.token}`
    this.message
      .to(this.user.email, this.user.fullName)
      .subject(i18n.t('accounts.mail.invitation_subject'))
      .htmlView('accounts::emails/invitation', { user: this.user, url, t: i18n.t.bind(i18n) })
      .textView('accounts::emails/invitation_text', { user: this.user, url, t: i18n.t.bind(i18n) })
  }
}
