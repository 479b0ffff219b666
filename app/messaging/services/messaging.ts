import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import { DateTime } from 'luxon'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { User } from '#accounts'
import { isNetworkRole, type Actor } from '#shared/roles'
import { scopeToCentres } from '#shared/tenancy'
import AuditLog from '#shared/audit/audit_log'
import Conversation, { type ConversationType, type Recipient } from '#messaging/models/conversation'
import Message from '#messaging/models/message'
import NewMessageMail from '#messaging/mails/new_message_mail'
import { attach, type StoredAttachment } from '#messaging/services/attachments'

export interface StartConversation {
  centreId: number
  type?: ConversationType
  recipient?: Recipient
  title: string
  /** A person's text, or a system message given as an i18n key with its params. */
  body: string | SystemText
  /** The person writing; null for a conversation opened by the system. */
  author: User | null
  /** The entity the conversation is about (an account request, a postponement...). */
  subject?: { type: string; id: number }
  attachments?: StoredAttachment[]
  client?: TransactionClientContract
}

/** Text written by the platform: an i18n key (messaging.system.*) and its params. */
export interface SystemText {
  key: string
  params?: Record<string, string | number>
}

/**
 * Opens a conversation with its first message. Mail to the other side is sent
 * by notify() once the caller's transaction has committed.
 */
export async function startConversation(input: StartConversation) {
  const client = input.client
  const conversation = await Conversation.create(
    {
      centreId: input.centreId,
      type: input.type ?? 'contact',
      recipient: input.recipient ?? 'account_manager',
      title: input.title,
      status: 'open',
      subjectType: input.subject?.type ?? null,
      subjectId: input.subject?.id ?? null,
      createdBy: input.author?.id ?? null,
      lastMessageAt: DateTime.utc(),
    },
    { client }
  )
  const text =
    typeof input.body === 'string'
      ? { kind: 'user' as const, body: input.body, params: null }
      : { kind: 'system' as const, body: input.body.key, params: input.body.params ?? null }
  const message = await Message.create(
    { conversationId: conversation.id, authorId: input.author?.id ?? null, ...text },
    { client }
  )
  await attach(message.id, input.attachments ?? [], client)
  forgetUnreadCounts()
  if (input.author) await markRead(conversation, input.author, message.id, client)
  await AuditLog.record({
    actor: input.author,
    action: 'conversation.started',
    entityType: 'conversation',
    entityId: conversation.id,
    centreId: conversation.centreId,
    after: { type: conversation.type, title: conversation.title },
    client,
  })
  return { conversation, message }
}

/** A reply from a person. Closed conversations take no replies. */
export async function reply(
  conversation: Conversation,
  author: User,
  body: string,
  attachments: StoredAttachment[] = []
) {
  const message = await db.transaction(async (trx) => {
    const created = await Message.create(
      { conversationId: conversation.id, authorId: author.id, kind: 'user', body },
      { client: trx }
    )
    await attach(created.id, attachments, trx)
    conversation.useTransaction(trx)
    conversation.lastMessageAt = DateTime.utc()
    await conversation.save()
    await markRead(conversation, author, created.id, trx)
    return created
  })
  await notify(conversation, author)
  return message
}

/**
 * A message written by the platform: every state change of a request posts one,
 * so that the thread tells the whole story.
 */
export async function postSystemMessage(
  conversation: Conversation,
  text: SystemText,
  client?: TransactionClientContract
) {
  const message = await Message.create(
    {
      conversationId: conversation.id,
      authorId: null,
      kind: 'system',
      body: text.key,
      params: text.params ?? null,
    },
    { client }
  )
  forgetUnreadCounts()
  conversation.lastMessageAt = DateTime.utc()
  if (client) conversation.useTransaction(client)
  await conversation.save()
  return message
}

/** Remembers that the user has read the conversation up to a message. */
export async function markRead(
  conversation: Conversation,
  user: Actor,
  messageId?: number,
  client?: TransactionClientContract
) {
  forgetUnreadCounts()
  const connection = client ?? db.connection()
  const lastId = messageId ?? (await lastMessageId(connection, conversation.id))
  const existing = await connection
    .from('conversation_reads')
    .where({ conversation_id: conversation.id, user_id: user.id })
    .first()
  if (!existing) {
    await connection
      .table('conversation_reads')
      .insert({ conversation_id: conversation.id, user_id: user.id, last_read_message_id: lastId })
  } else if (Number(existing.last_read_message_id) < lastId) {
    await connection
      .from('conversation_reads')
      .where({ conversation_id: conversation.id, user_id: user.id })
      .update({ last_read_message_id: lastId })
  }
}

async function lastMessageId(connection: QueryClientContract, conversationId: number) {
  const row = await connection
    .from('messages')
    .where('conversation_id', conversationId)
    .max('id as id')
    .first()
  return Number(row?.id ?? 0)
}

/**
 * Ids of the user's conversations that hold messages it has not read (its own
 * messages excepted). One query, for the menu badge and the "unread" filter.
 */
export function unreadConversationIds(user: Actor) {
  const query = db
    .from('conversations')
    .join('messages', 'messages.conversation_id', 'conversations.id')
    .leftJoin('conversation_reads', (join) => {
      join
        .on('conversation_reads.conversation_id', '=', 'conversations.id')
        .andOnVal('conversation_reads.user_id', '=', user.id)
    })
    .whereRaw('messages.id > coalesce(conversation_reads.last_read_message_id, 0)')
    .where((w) => w.whereNull('messages.author_id').orWhereNot('messages.author_id', user.id))
    .distinct('conversations.id')
  return scopeToCentres(query, user, 'conversations.centre_id')
}

/**
 * The counts already read, per user object: the auth guard makes one per
 * request, so the menu badge and the dashboard's "unread" line share one
 * query. A read or a new message forgets them.
 */
let counted = new WeakMap<Actor, Promise<number>>()

export function unreadCount(user: Actor): Promise<number> {
  if (!canUseMessaging(user)) return Promise.resolve(0)
  let count = counted.get(user)
  if (!count) {
    count = unreadConversationIds(user).then((rows) => rows.length)
    count.catch(() => counted.delete(user))
    counted.set(user, count)
  }
  return count
}

/** After a write: every count read so far may be stale. */
function forgetUnreadCounts() {
  counted = new WeakMap()
}

export function canUseMessaging(user: Actor) {
  return ['network_admin', 'account_manager', 'centre_manager', 'centre_staff'].includes(user.role)
}

/** Who hears about a new message: the other side of the conversation. */
export async function recipientsOf(conversation: Conversation, authorIsNetwork: boolean) {
  if (authorIsNetwork) {
    return centreMembers(conversation.centreId, ['centre_manager', 'centre_staff'])
  }
  if (conversation.recipient === 'account_manager') {
    const managers = await centreMembers(conversation.centreId, ['account_manager'])
    if (managers.length) return managers
  }
  return User.query().where('role', 'network_admin').where('status', 'active')
}

function centreMembers(centreId: number, roles: string[]) {
  return User.query()
    .whereIn('role', roles)
    .where('status', 'active')
    .whereExists((q) =>
      q
        .from('centre_memberships')
        .whereColumn('centre_memberships.user_id', 'users.id')
        .where('centre_memberships.centre_id', centreId)
    )
}

/** Emails the other side (system messages go to the centre). */
export async function notify(conversation: Conversation, author: User | null) {
  const fromNetwork = author ? isNetworkRole(author.role) : true
  const recipients = await recipientsOf(conversation, fromNetwork)
  for (const recipient of recipients) {
    if (author && recipient.id === author.id) continue
    await mail.send(new NewMessageMail(recipient, conversation))
  }
}

/**
 * Removes what a conversation says about a person (anonymisation of the
 * candidate it was about): a neutral title, people's messages blanked, the
 * attachments dropped; their Drive keys are returned for deletion after the
 * transaction. System messages (the request's history) stay.
 */
export async function redactConversation(
  conversationId: number,
  title: string,
  trx: TransactionClientContract
) {
  const attachments = await trx
    .from('message_attachments')
    .whereIn('message_id', (q) =>
      q.from('messages').where('conversation_id', conversationId).select('id')
    )
    .select('id', 'storage_key')
  if (attachments.length)
    await trx
      .from('message_attachments')
      .whereIn(
        'id',
        attachments.map((a) => a.id)
      )
      .delete()
  await trx
    .from('messages')
    .where('conversation_id', conversationId)
    .where('kind', 'user')
    .update({ body: '—' })
  await trx.from('conversations').where('id', conversationId).update({ title })
  return attachments.map((a) => String(a.storage_key))
}
