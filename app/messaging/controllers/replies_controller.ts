import type { HttpContext } from '@adonisjs/core/http'
import Conversation from '#messaging/models/conversation'
import { reply } from '#messaging/services/messaging'
import { replyValidator } from '#messaging/validators/conversation'
import { storeAttachments } from '#messaging/services/attachments'
import { refuseAttachments } from '#messaging/controllers/attachment_errors'

export default class RepliesController {
  /** Answers in a thread; the other side is told by email. */
  async store(ctx: HttpContext) {
    const { params, request, response, auth, bouncer, session, i18n } = ctx
    const actor = auth.getUserOrFail()
    const conversation = await Conversation.findVisibleOrFail(actor, params.id)
    await bouncer.with('ConversationPolicy').authorize('reply', conversation)
    const { body } = await request.validateUsing(replyValidator)
    const files = await storeAttachments(request.files('attachments'), conversation.centreId)
    if ('error' in files) return refuseAttachments(ctx, files)
    await reply(conversation, actor, body, files.stored)
    session.flash('success', i18n.t('messaging.sent'))
    return response.redirect().toRoute('messages.show', { id: conversation.id })
  }
}
