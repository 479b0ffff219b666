import type { HttpContext } from '@adonisjs/core/http'
import { toId } from '#shared/tenancy'
import { streamStored } from '#shared/uploads/uploads'
import Conversation from '#messaging/models/conversation'
import MessageAttachment from '#messaging/models/message_attachment'

export default class AttachmentsController {
  /** Downloads a file of a thread the actor may read (404 otherwise). */
  async show({ params, auth, bouncer, response }: HttpContext) {
    const conversation = await Conversation.findVisibleOrFail(auth.getUserOrFail(), params.id)
    await bouncer.with('ConversationPolicy').authorize('view', conversation)
    const attachment = await MessageAttachment.query()
      .where('id', toId(params.attachmentId))
      .whereIn('message_id', (q) =>
        q.from('messages').where('conversation_id', conversation.id).select('id')
      )
      .firstOrFail()
    return streamStored(response, attachment.storageKey, {
      filename: attachment.filename,
      mime: attachment.mime,
    })
  }
}
