import type { HttpContext } from '@adonisjs/core/http'
import Conversation from '#messaging/models/conversation'
import { reply } from '#messaging/services/messaging'
import { replyValidator } from '#messaging/validators/conversation'

export default class RepliesController {
  /** Answers in a thread; the other side is told by email. */
  async store({ params, request, response, auth, bouncer, session, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const conversation = await Conversation.findVisibleOrFail(actor, params.id)
    await bouncer.with('ConversationPolicy').authorize('reply', conversation)
    const { body } = await request.validateUsing(replyValidator)
    await reply(conversation, actor, body)
    session.flash('success', i18n.t('messaging.sent'))
    return response.redirect().toRoute('messages.show', { id: conversation.id })
  }
}
