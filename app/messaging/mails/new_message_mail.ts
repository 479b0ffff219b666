import { BaseMail } from '@adonisjs/mail'
import i18nManager from '@adonisjs/i18n/services/main'
import { appUrl } from '#config/app'
import type { User } from '#accounts'
import type Conversation from '#messaging/models/conversation'

/** "You have a new message" with a link to the thread (the content stays in the app). */
export default class NewMessageMail extends BaseMail {
  constructor(
    private recipient: User,
    private conversation: Conversation
  ) {
    super()
  }

  prepare() {
    const i18n = i18nManager.locale(this.recipient.locale)
    const url = `${appUrl}/messages/${this.conversation.id}`
    const data = {
      user: this.recipient,
      conversation: this.conversation,
      url,
      t: i18n.t.bind(i18n),
    }
    this.message
      .to(this.recipient.email, this.recipient.fullName)
      .subject(i18n.t('messaging.mail_subject', { title: this.conversation.title }))
      .htmlView('messaging::emails/new_message', data)
      .textView('messaging::emails/new_message_text', data)
  }
}
