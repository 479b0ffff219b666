import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { User, sendInvitation } from '#accounts'
import { DomainError } from '#shared/errors'
import AuditLog from '#shared/audit/audit_log'
import AccountRequest, { type RequestableRole } from '#messaging/models/account_request'
import Conversation from '#messaging/models/conversation'
import {
  notify,
  postSystemMessage,
  startConversation,
  type SystemText,
} from '#messaging/services/messaging'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { StoredAttachment } from '#messaging/services/attachments'

export interface AccountRequestInput {
  centreId: number
  firstName: string
  lastName: string
  email: string
  gender?: 'F' | 'H' | 'N' | null
  phone?: string | null
  role: RequestableRole
  /** The "document associé", stored already. */
  attachments?: StoredAttachment[]
}

async function assertEmailFree(email: string, exceptRequestId?: number) {
  if (await User.findBy('email', email)) throw new DomainError('email_taken', { email })
  const pending = await AccountRequest.query()
    .where('email', email)
    .where('status', 'submitted')
    .if(exceptRequestId, (q) => q.whereNot('id', exceptRequestId!))
    .first()
  if (pending) throw new DomainError('email_requested', { email })
}

/** A centre manager asks for an account: the request opens a conversation. */
export async function submitAccountRequest(requester: User, input: AccountRequestInput) {
  await assertEmailFree(input.email)
  const { request, conversation } = await db.transaction(async (trx) => {
    const { attachments, ...fields } = input
    const created = await AccountRequest.create(
      {
        ...fields,
        gender: input.gender ?? null,
        phone: input.phone ?? null,
        requestedBy: requester.id,
        status: 'submitted',
      },
      { client: trx }
    )
    const started = await startConversation({
      centreId: input.centreId,
      type: 'account_request',
      recipient: created.recipient,
      title: `${input.firstName} ${input.lastName.toUpperCase()}`,
      body: {
        key: 'messaging.system.account_requested',
        params: {
          name: `${input.firstName} ${input.lastName.toUpperCase()}`,
          email: input.email,
          role: input.role,
        },
      },
      author: requester,
      subject: { type: 'account_request', id: created.id },
      attachments,
      client: trx,
    })
    created.conversationId = started.conversation.id
    await created.useTransaction(trx).save()
    await AuditLog.record({
      actor: requester,
      action: 'account_request.submitted',
      entityType: 'account_request',
      entityId: created.id,
      centreId: created.centreId,
      after: { email: created.email, role: created.role },
      client: trx,
    })
    return { request: created, conversation: started.conversation }
  })
  await notify(conversation, requester)
  return request
}

/**
 * Accepting creates the user in the centre and sends its invitation; the reply
 * is posted in the conversation (seed 001: "Le compte ... a bien été créé").
 */
export async function acceptAccountRequest(decider: User, request: AccountRequest) {
  if (!request.isPending) throw new DomainError('request_already_decided')
  await assertEmailFree(request.email, request.id)
  const user = await db.transaction(async (trx) => {
    const created = await User.create(
      {
        firstName: request.firstName,
        lastName: request.lastName,
        email: request.email,
        gender: request.gender,
        phone: request.phone,
        role: request.role,
        status: 'invited',
        locale: 'fr',
      },
      { client: trx }
    )
    await created.syncCentres([request.centreId], trx)
    request.useTransaction(trx)
    request.merge({
      status: 'accepted',
      decidedBy: decider.id,
      decidedAt: DateTime.utc(),
      userId: created.id,
    })
    await request.save()
    const conversation = await decide(
      request,
      decider,
      { key: 'messaging.system.account_created' },
      trx
    )
    await AuditLog.record({
      actor: decider,
      action: 'user.created',
      entityType: 'user',
      entityId: created.id,
      centreId: request.centreId,
      after: { email: created.email, role: created.role, centreIds: [request.centreId] },
      client: trx,
    })
    return { created, conversation }
  })
  await sendInvitation(user.created)
  await notify(user.conversation, decider)
  return user.created
}

export async function refuseAccountRequest(decider: User, request: AccountRequest, reason: string) {
  if (!request.isPending) throw new DomainError('request_already_decided')
  const conversation = await db.transaction(async (trx) => {
    request.useTransaction(trx)
    request.merge({ status: 'refused', decidedBy: decider.id, decidedAt: DateTime.utc(), reason })
    await request.save()
    return decide(
      request,
      decider,
      { key: 'messaging.system.account_refused', params: { reason } },
      trx
    )
  })
  await notify(conversation, decider)
}

async function decide(
  request: AccountRequest,
  decider: User,
  text: SystemText,
  trx: TransactionClientContract
) {
  const conversation = await Conversation.findOrFail(request.conversationId, { client: trx })
  await postSystemMessage(conversation, text, trx)
  conversation.status = 'closed'
  await conversation.save()
  await AuditLog.record({
    actor: decider,
    action: `account_request.${request.status}`,
    entityType: 'account_request',
    entityId: request.id,
    centreId: request.centreId,
    before: { status: 'submitted' },
    after: { status: request.status, reason: request.reason },
    client: trx,
  })
  return conversation
}
