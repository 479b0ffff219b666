import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { Centre, centreFilterFor, whereCentre } from '#centres'
import { TableState, renderPage } from '#shared/ui/table'
import Conversation from '#messaging/models/conversation'
import AccountRequest from '#messaging/models/account_request'
import {
  markRead,
  notify,
  startConversation,
  unreadConversationIds,
  unreadCount,
} from '#messaging/services/messaging'
import { newConversationValidator } from '#messaging/validators/conversation'
import { storeAttachments } from '#messaging/services/attachments'
import { refuseAttachments } from '#messaging/controllers/attachment_errors'

export default class ConversationsController {
  /** Messagerie: the conversations of the actor's centres, newest activity first. */
  async index(ctx: HttpContext) {
    await ctx.bouncer.with('ConversationPolicy').authorize('viewList')
    const actor = ctx.auth.getUserOrFail()
    const table = TableState.from(ctx, {
      sorts: { last: 'last_message_at', title: 'title' },
      defaultSort: 'last',
      defaultDir: 'desc',
      filters: ['status', 'unread', 'centre', 'type'],
    })
    const unreadRows = await unreadConversationIds(actor)
    const unread = new Set(unreadRows.map((row) => Number(row.id)))
    const query = Conversation.visibleTo(Conversation.query(), actor).preload('centre')
    table.applySearch(query, ['title'])
    if (table.filters.status) query.where('status', table.filters.status)
    if (table.filters.type) query.where('type', table.filters.type)
    whereCentre(query, 'conversations.centre_id', table.filters.centre)
    if (table.filters.unread === 'yes') query.whereIn('id', [...unread, 0])
    const conversations = await table.paginate(table.applySort(query))
    const centreFilter = await centreFilterFor(actor, table.filters.centre)
    return renderPage(ctx, 'messaging::pages/index', 'messaging::partials/conversations_table', {
      conversations,
      table,
      unread,
      centreFilter,
    })
  }

  /** "Contacter le réseau": a new conversation with the centre's account manager. */
  async create({ view, bouncer, auth }: HttpContext) {
    await bouncer.with('ConversationPolicy').authorize('create')
    const centres = await Centre.visibleTo(Centre.query(), auth.getUserOrFail()).orderBy('name')
    return view.render('messaging::pages/create', { centres })
  }

  async store(ctx: HttpContext) {
    const { request, response, auth, bouncer, session, i18n } = ctx
    await bouncer.with('ConversationPolicy').authorize('create')
    const actor = auth.getUserOrFail()
    const data = await request.validateUsing(newConversationValidator)
    const centreIdWanted =
      data.centre_id && actor.centreIds.includes(data.centre_id)
        ? data.centre_id
        : actor.centreIds[0]
    const centre = await Centre.findVisibleOrFail(actor, centreIdWanted)
    const files = await storeAttachments(request.files('attachments'), centre.id)
    if ('error' in files) return refuseAttachments(ctx, files)
    const { conversation } = await db.transaction((trx) =>
      startConversation({
        centreId: centre.id,
        title: data.title,
        body: data.body,
        author: actor,
        attachments: files.stored,
        client: trx,
      })
    )
    await notify(conversation, actor)
    session.flash('success', i18n.t('messaging.sent'))
    return response.redirect().toRoute('messages.show', { id: conversation.id })
  }

  /** A thread; reading it marks it read for the actor. */
  async show({ params, view, auth, bouncer }: HttpContext) {
    const actor = auth.getUserOrFail()
    const conversation = await Conversation.findVisibleOrFail(actor, params.id)
    await bouncer.with('ConversationPolicy').authorize('view', conversation)
    await conversation.load('centre')
    await conversation.load('messages', (q) =>
      q.orderBy('id').preload('author').preload('attachments')
    )
    await markRead(conversation, actor)
    // The menu badge was counted before this read.
    view.share({ unreadMessages: await unreadCount(actor) })
    const accountRequest =
      conversation.subjectType === 'account_request'
        ? await AccountRequest.find(conversation.subjectId ?? 0)
        : null
    return view.render('messaging::pages/show', { conversation, accountRequest })
  }
}
