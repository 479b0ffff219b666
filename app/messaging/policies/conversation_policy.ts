import { TenantPolicy } from '#shared/policy'
import type { User } from '#accounts'
import type Conversation from '#messaging/models/conversation'

/** Conversations outside the actor's centres are never found (404). */
export default class ConversationPolicy extends TenantPolicy {
  viewList(actor: User) {
    return this.is(actor, 'network_admin', 'account_manager', 'centre_manager', 'centre_staff')
  }

  view(actor: User, conversation: Conversation) {
    return this.viewList(actor) && this.canSeeCentre(actor, conversation.centreId)
  }

  /** "Contacter le réseau" is for centres; the network answers in their threads. */
  create(actor: User) {
    return this.is(actor, 'centre_manager', 'centre_staff')
  }

  reply(actor: User, conversation: Conversation) {
    return conversation.isOpen && this.view(actor, conversation)
  }

  close(actor: User, conversation: Conversation) {
    return this.view(actor, conversation)
  }
}
