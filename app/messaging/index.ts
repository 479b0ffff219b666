/**
 * Public API of the messaging module. Other modules open typed conversations
 * about their entities and post system messages when those change state:
 *
 *   const { conversation } = await startConversation({ centreId, type: 'account_request',
 *     recipient: 'pedagogy', title, body, author, subject: { type: 'account_request', id }, client: trx })
 *   await notify(conversation, author)              // after the transaction commits
 *   await postSystemMessage(conversation, text)     // on every state change
 */
export { default as Conversation } from '#messaging/models/conversation'
export type { ConversationType, Recipient } from '#messaging/models/conversation'
export {
  startConversation,
  postSystemMessage,
  notify,
  unreadCount,
  canUseMessaging,
  redactConversation,
} from '#messaging/services/messaging'
export { messagingDashboard } from '#messaging/services/dashboard'
export {
  storeAttachments,
  conversationAttachments,
  conversationFiles,
  ATTACHMENTS,
} from '#messaging/services/attachments'
export type { StoredAttachment } from '#messaging/services/attachments'
export { refuseAttachments } from '#messaging/controllers/attachment_errors'
