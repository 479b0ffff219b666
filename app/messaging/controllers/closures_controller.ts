import type { HttpContext } from '@adonisjs/core/http'
import AuditLog from '#shared/audit/audit_log'
import Conversation from '#messaging/models/conversation'

/** Closing is a resource: POST closes a conversation, DELETE reopens it. */
export default class ClosuresController {
  async store(ctx: HttpContext) {
    return this.set(ctx, 'closed')
  }

  async destroy(ctx: HttpContext) {
    return this.set(ctx, 'open')
  }

  protected async set(
    { params, auth, bouncer, response, session, i18n }: HttpContext,
    status: 'open' | 'closed'
  ) {
    const actor = auth.getUserOrFail()
    const conversation = await Conversation.findVisibleOrFail(actor, params.id)
    await bouncer.with('ConversationPolicy').authorize('close', conversation)
    if (conversation.status !== status) {
      const before = conversation.status
      conversation.status = status
      await conversation.save()
      await AuditLog.record({
        actor,
        action: status === 'closed' ? 'conversation.closed' : 'conversation.reopened',
        entityType: 'conversation',
        entityId: conversation.id,
        centreId: conversation.centreId,
        before: { status: before },
        after: { status },
      })
    }
    session.flash(
      'success',
      i18n.t(status === 'closed' ? 'messaging.closed' : 'messaging.reopened')
    )
    return response.redirect().toRoute('messages.show', { id: conversation.id })
  }
}
