import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { User } from '#accounts'
import { recordCandidateExam } from '#candidates'
import type { Candidate } from '#candidates'
import { Conversation, notify, postSystemMessage, startConversation } from '#messaging'
import type { StoredAttachment } from '#messaging'
import AuditLog from '#shared/audit/audit_log'
import { DomainError } from '#shared/errors'
import { NetworkSettings } from '#shared/settings'
import ExamSession from '#sessions/models/exam_session'
import Product from '#sessions/models/product'
import Registration from '#sessions/models/registration'
import RegistrationRequest, {
  REQUEST_CATEGORIES,
  type RequestKind,
  type RequestStatus,
} from '#sessions/models/registration_request'
import { registerCandidates } from '#sessions/services/registrations'
import { revokeAttestations, settleRegistration } from '#sessions/services/results'

/** Days after publication during which an appeal (recours) may be lodged. */
export const APPEAL_DELAY_SETTING = 'appeal_delay_days'
export const DEFAULT_APPEAL_DELAY_DAYS = 30

export interface RequestInput {
  kind: RequestKind
  description: string
  category?: string | null
  testCode?: string | null
  attachments?: StoredAttachment[]
}

/** Kinds whose justification document is required (seed 001: "avec justificatif"). */
export const DOCUMENT_REQUIRED: RequestKind[] = ['accommodation', 'exemption']

/**
 * When a kind of request may be made on a registration, as an error code (null:
 * allowed). Aménagements and dispenses only while registrations are open; a
 * report before results; a fraud once the session is under way; an appeal
 * within the delay after publication.
 */
export function refusalFor(
  kind: RequestKind,
  session: ExamSession,
  registration: Pick<Registration, 'status'>,
  now: DateTime,
  delayDays: number
): string | null {
  if (registration.status !== 'registered') return 'request_registration_inactive'
  switch (kind) {
    case 'accommodation':
    case 'exemption':
      if (session.status !== 'registrations_open' || now >= session.registrationDeadline)
        return 'request_registrations_must_be_open'
      return null
    case 'postponement':
      if (
        !['planned', 'registrations_open', 'registrations_closed', 'passed'].includes(
          session.status
        )
      )
        return 'request_postponement_too_late'
      return null
    case 'fraud':
      if (['planned', 'cancelled'].includes(session.status)) return 'request_fraud_too_early'
      return null
    case 'appeal':
      if (session.status !== 'results_published' || !session.resultsPublishedAt)
        return 'request_appeal_no_results'
      if (now > session.resultsPublishedAt.plus({ days: delayDays }))
        return 'request_appeal_too_late'
      return null
  }
}

export function appealDelayDays() {
  return NetworkSettings.getNumber(APPEAL_DELAY_SETTING, DEFAULT_APPEAL_DELAY_DAYS)
}

/** "Demande d'aménagement — 7000003 — Zoé AUBRY" (the conversation's title). */
function titleOf(kindLabel: string, session: ExamSession, candidate: Candidate) {
  return `${kindLabel} — ${session.number} — ${candidate.fullName}`.slice(0, 200)
}

/**
 * The centre submits a request: checked against the session's state under a
 * lock on the registration (one pending request per kind), written with its
 * conversation and audit in one transaction; the other side is told by mail.
 */
export async function submitRequest(
  actor: User,
  sessionId: number,
  registrationId: number,
  input: RequestInput,
  kindLabel: string,
  now = DateTime.utc()
) {
  const delay = await appealDelayDays()
  const { request, conversation } = await db.transaction(async (trx) => {
    const session = await ExamSession.findOrFail(sessionId, { client: trx })
    const registration = await Registration.query({ client: trx })
      .where('id', registrationId)
      .where('session_id', session.id)
      .forUpdate()
      .preload('candidate')
      .preload('tests')
      .firstOrFail()
    const refused = refusalFor(input.kind, session, registration, now, delay)
    if (refused) throw new DomainError(refused, { number: session.number })
    const categories = REQUEST_CATEGORIES[input.kind]
    if (categories && !categories.includes(input.category ?? ''))
      throw new DomainError('request_category_required')
    if (input.kind === 'exemption') {
      const test = registration.tests.find((t) => t.testCode === input.testCode)
      if (!test) throw new DomainError('request_test_required')
      if (test.exempt) throw new DomainError('request_already_exempt', { test: test.testCode })
    }
    if (DOCUMENT_REQUIRED.includes(input.kind) && !input.attachments?.length)
      throw new DomainError('request_document_required')
    const pending = await RegistrationRequest.query({ client: trx })
      .where('registration_id', registration.id)
      .where('kind', input.kind)
      .whereIn('status', ['submitted', 'in_review'])
      .first()
    if (pending) throw new DomainError('request_already_pending', { id: pending.id })

    const created = await RegistrationRequest.create(
      {
        kind: input.kind,
        centreId: session.centreId,
        sessionId: session.id,
        registrationId: registration.id,
        candidateId: registration.candidateId,
        status: 'submitted',
        category: categories ? input.category! : null,
        testCode: input.kind === 'exemption' ? input.testCode! : null,
        description: input.description,
        requestedBy: actor.id,
      },
      { client: trx }
    )
    const started = await startConversation({
      centreId: session.centreId,
      type: 'registration_request',
      recipient: 'account_manager',
      title: titleOf(kindLabel, session, registration.candidate),
      body: input.description,
      author: actor,
      subject: { type: 'registration_request', id: created.id },
      attachments: input.attachments,
      client: trx,
    })
    created.conversationId = started.conversation.id
    await created.useTransaction(trx).save()
    // A fraud on published results suspends the attestation while it is studied.
    if (input.kind === 'fraud') await settleRegistration(registration.id, trx)
    await AuditLog.record({
      actor,
      action: `registration_request.submitted`,
      entityType: 'registration_request',
      entityId: created.id,
      centreId: created.centreId,
      after: {
        kind: created.kind,
        session: session.number,
        registrationId: registration.id,
        category: created.category,
        testCode: created.testCode,
      },
      client: trx,
    })
    return { request: created, conversation: started.conversation }
  })
  await notify(conversation, actor)
  return request
}

/**
 * A decision step under a lock on the request: the state is checked again
 * there, so that two account managers cannot decide the same request twice.
 */
async function step(
  actor: User,
  requestId: number,
  allowedFrom: RequestStatus[],
  apply: (
    request: RegistrationRequest,
    trx: TransactionClientContract
  ) => Promise<{
    message: { key: string; params?: Record<string, string | number> }
    close?: boolean
    action?: string
  }>
) {
  const { request, conversation } = await db.transaction(async (trx) => {
    const locked = await RegistrationRequest.query({ client: trx })
      .where('id', requestId)
      .forUpdate()
      .firstOrFail()
    if (!allowedFrom.includes(locked.status))
      throw new DomainError('request_wrong_status', { status: locked.status })
    const before = { status: locked.status }
    const outcome = await apply(locked, trx)
    await locked.useTransaction(trx).save()
    let thread: Conversation | null = null
    if (locked.conversationId) {
      thread = await Conversation.findOrFail(locked.conversationId, { client: trx })
      await postSystemMessage(thread, outcome.message, trx)
      if (outcome.close) {
        thread.status = 'closed'
        await thread.save()
      }
    }
    await AuditLog.record({
      actor,
      action: `registration_request.${outcome.action ?? locked.status}`,
      entityType: 'registration_request',
      entityId: locked.id,
      centreId: locked.centreId,
      before,
      after: {
        status: locked.status,
        reason: locked.refusalReason,
        newRegistrationId: locked.newRegistrationId,
      },
      client: trx,
    })
    return { request: locked, conversation: thread }
  })
  if (conversation) await notify(conversation, actor)
  return request
}

/** "Prendre en charge": the account manager studies the request. */
export function reviewRequest(actor: User, requestId: number) {
  return step(actor, requestId, ['submitted'], async (request) => {
    request.merge({ status: 'in_review', reviewedBy: actor.id, reviewedAt: DateTime.utc() })
    return { message: { key: 'sessions.requests.system.in_review' } }
  })
}

/**
 * Accepting: a dispense exempts the registration from its test; a report
 * waits for the re-registration (its conversation stays open for that).
 */
export function acceptRequest(actor: User, requestId: number) {
  return step(actor, requestId, ['submitted', 'in_review'], async (request, trx) => {
    request.merge({ status: 'accepted', decidedBy: actor.id, decidedAt: DateTime.utc() })
    const session = await ExamSession.query({ client: trx })
      .where('id', request.sessionId)
      .forUpdate()
      .firstOrFail()
    // Once marking has started, a report no longer makes sense.
    if (
      request.kind === 'postponement' &&
      ['in_correction', 'results_published'].includes(session.status)
    )
      throw new DomainError('request_postponement_too_late', { number: session.number })
    if (request.kind === 'exemption' && request.testCode)
      await trx
        .from('registration_tests')
        .where({ registration_id: request.registrationId, test_code: request.testCode })
        .update({ exempt: true })
    // A confirmed fraud annuls the results: any attestation is revoked.
    if (request.kind === 'fraud') {
      await request.useTransaction(trx).save()
      await settleRegistration(request.registrationId, trx)
    }
    return {
      message: { key: `sessions.requests.system.accepted_${request.kind}` },
      close: request.kind !== 'postponement',
    }
  })
}

export function refuseRequest(actor: User, requestId: number, reason: string) {
  return step(actor, requestId, ['submitted', 'in_review'], async (request, trx) => {
    // The session row is locked so that a publication cannot cross this decision.
    if (request.kind === 'fraud')
      await ExamSession.query({ client: trx })
        .where('id', request.sessionId)
        .forUpdate()
        .firstOrFail()
    request.merge({
      status: 'refused',
      decidedBy: actor.id,
      decidedAt: DateTime.utc(),
      refusalReason: reason,
    })
    // A dismissed fraud on published results releases them (unless another is open).
    if (request.kind === 'fraud') {
      await request.useTransaction(trx).save()
      await settleRegistration(request.registrationId, trx)
    }
    return { message: { key: 'sessions.requests.system.refused', params: { reason } }, close: true }
  })
}

/**
 * Sessions a postponed candidate may move to: same centre and product,
 * registrations open and before the deadline, a seat left, not the old one.
 */
export async function reRegistrationTargets(request: RegistrationRequest, now = DateTime.utc()) {
  const old = await ExamSession.findOrFail(request.sessionId)
  const sessions = await ExamSession.query()
    .where('centre_id', old.centreId)
    .where('product_id', old.productId)
    .where('status', 'registrations_open')
    .where('registration_deadline', '>', now.toFormat('yyyy-MM-dd HH:mm:ss'))
    .whereNot('id', old.id)
    .whereNotExists((q) =>
      q
        .from('registrations')
        .whereColumn('registrations.session_id', 'exam_sessions.id')
        .where('registrations.candidate_id', request.candidateId)
    )
    .withCount('registrations', (q) => q.whereNot('status', 'cancelled'))
    .orderBy('starts_at')
  return sessions.filter(
    (session) => Number(session.$extras.registrations_count ?? 0) < session.seats
  )
}

/**
 * "Réinscrire le candidat": registers the candidate into the chosen session
 * with the same tests, marks the old registration postponed and links both,
 * closes the request's conversation; one transaction.
 */
export async function reRegister(actor: User, requestId: number, targetSessionId: number) {
  let newNumber = 0
  const request = await step(actor, requestId, ['accepted'], async (locked, trx) => {
    if (locked.kind !== 'postponement' || locked.newRegistrationId)
      throw new DomainError('request_not_reregistrable')
    const old = await Registration.query({ client: trx })
      .where('id', locked.registrationId)
      .forUpdate()
      .preload('tests')
      .preload('candidate')
      .firstOrFail()
    if (old.status !== 'registered') throw new DomainError('request_registration_inactive')
    const oldSession = await ExamSession.findOrFail(old.sessionId, { client: trx })
    const target = await ExamSession.find(targetSessionId, { client: trx })
    if (
      !target ||
      target.id === oldSession.id ||
      target.centreId !== oldSession.centreId ||
      target.productId !== oldSession.productId
    )
      throw new DomainError('reregistration_wrong_session')
    const [created] = await registerCandidates(
      actor,
      target.id,
      [
        {
          candidate: old.candidate,
          input: {
            tests: old.tests.map((t) => t.testCode),
            motivation: old.motivation,
            idNumber: old.idNumber,
            channel: old.channel,
          },
        },
      ],
      DateTime.utc(),
      trx
    )
    old.useTransaction(trx)
    old.merge({ status: 'postponed', postponedToId: created.id })
    await old.save()
    // A postponed registration vouches for nothing any more.
    await revokeAttestations(old.id, trx)
    const product = await Product.findOrFail(oldSession.productId, { client: trx })
    await recordCandidateExam(
      {
        candidateId: old.candidateId,
        source: 'registration',
        sourceId: old.id,
        examType: product.name,
        status: 'cancelled',
      },
      trx
    )
    locked.newRegistrationId = created.id
    newNumber = target.number
    await AuditLog.record({
      actor,
      action: 'registration.postponed',
      entityType: 'registration',
      entityId: old.id,
      centreId: oldSession.centreId,
      before: { status: 'registered', session: oldSession.number },
      after: { status: 'postponed', newRegistrationId: created.id, session: target.number },
      client: trx,
    })
    return {
      message: {
        key: 'sessions.requests.system.reregistered',
        params: { number: target.number },
      },
      close: true,
      action: 'reregistered',
    }
  })
  return { request, newNumber }
}

/**
 * The requests of a session's registrations, newest first per registration:
 * the row label of the session table ("Tiers-temps en cours").
 */
export async function requestsOfSession(sessionId: number) {
  const requests = await RegistrationRequest.query()
    .where('session_id', sessionId)
    .orderBy('id', 'desc')
  const byRegistration = new Map<number, RegistrationRequest[]>()
  for (const request of requests) {
    const list = byRegistration.get(request.registrationId) ?? []
    // One label per kind: the latest request of that kind.
    if (!list.some((r) => r.labelKey === request.labelKey)) list.push(request)
    byRegistration.set(request.registrationId, list)
  }
  return byRegistration
}
