import { BaseMail } from '@adonisjs/mail'
import i18nManager from '@adonisjs/i18n/services/main'
import { appUrl } from '#config/app'
import type User from '#accounts/models/user'

export default class PasswordResetMail extends BaseMail {
  constructor(
    private user: User,
    private token: string
  ) {
    super()
  }

  prepare() {
    const i18n = i18nManager.locale(this.user.locale)
    const url = `${appUrl}/reset-password/${this.token}`
    this.message
      .to(this.user.email, this.user.fullName)
      .subject(i18n.t('accounts.mail.reset_subject'))
      .htmlView('accounts::emails/password_reset', { user: this.user, url, t: i18n.t.bind(i18n) })
      .textView('accounts::emails/password_reset_text', {
        user: this.user,
        url,
        t: i18n.t.bind(i18n),
      })
  }
}
