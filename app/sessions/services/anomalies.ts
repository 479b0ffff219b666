import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import type { User } from '#accounts'
import { Conversation, notify, postSystemMessage, startConversation } from '#messaging'
import AuditLog from '#shared/audit/audit_log'
import { DomainError } from '#shared/errors'
import ExamSession from '#sessions/models/exam_session'
import Registration from '#sessions/models/registration'
import SessionAnomaly, { type AnomalyKind } from '#sessions/models/session_anomaly'
import { applyTransition } from '#sessions/services/lifecycle'

export interface AnomalyInput {
  registrationId: number | null
  kind: AnomalyKind
  description: string
}

/** The sheet is filled while the session is `passed` and the sheet not yet sent. */
function assertSheetOpen(session: ExamSession) {
  if (session.status !== 'passed')
    throw new DomainError('anomalies_not_now', { number: session.number })
  if (session.anomaliesSubmittedAt) throw new DomainError('anomalies_already_submitted')
}

export async function addAnomaly(actor: User, sessionId: number, input: AnomalyInput) {
  return db.transaction(async (trx) => {
    const session = await ExamSession.query({ client: trx })
      .where('id', sessionId)
      .forUpdate()
      .firstOrFail()
    assertSheetOpen(session)
    if (input.registrationId) {
      const registration = await Registration.query({ client: trx })
        .where('id', input.registrationId)
        .where('session_id', session.id)
        .first()
      if (!registration) throw new DomainError('anomaly_wrong_registration')
    }
    if (input.kind === 'virtual_candidate' && !input.registrationId)
      throw new DomainError('anomaly_virtual_needs_candidate')
    const anomaly = await SessionAnomaly.create(
      {
        sessionId: session.id,
        centreId: session.centreId,
        registrationId: input.registrationId,
        kind: input.kind,
        description: input.description,
        status: 'draft',
        createdBy: actor.id,
      },
      { client: trx }
    )
    await AuditLog.record({
      actor,
      action: 'session_anomaly.added',
      entityType: 'session_anomaly',
      entityId: anomaly.id,
      centreId: session.centreId,
      after: { session: session.number, kind: anomaly.kind, registrationId: input.registrationId },
      client: trx,
    })
    return anomaly
  })
}

/** A line not sent yet can be taken back. */
export async function removeAnomaly(actor: User, anomaly: SessionAnomaly) {
  if (anomaly.status !== 'draft') throw new DomainError('anomalies_already_submitted')
  await db.transaction(async (trx) => {
    await anomaly.useTransaction(trx).delete()
    await AuditLog.record({
      actor,
      action: 'session_anomaly.removed',
      entityType: 'session_anomaly',
      entityId: anomaly.id,
      centreId: anomaly.centreId,
      before: { kind: anomaly.kind, description: anomaly.description },
      client: trx,
    })
  })
}

/**
 * "Mise en correction avec anomalies": the sheet goes to the account manager
 * (a conversation opens), the session waits in `passed` until every line is
 * processed.
 */
export async function submitAnomalySheet(actor: User, sessionId: number, title: string) {
  const conversation = await db.transaction(async (trx) => {
    const session = await ExamSession.query({ client: trx })
      .where('id', sessionId)
      .forUpdate()
      .firstOrFail()
    assertSheetOpen(session)
    const lines = await SessionAnomaly.query({ client: trx })
      .where('session_id', session.id)
      .where('status', 'draft')
    if (lines.length === 0) throw new DomainError('anomalies_empty')
    const now = DateTime.utc()
    await trx
      .from('session_anomalies')
      .where('session_id', session.id)
      .where('status', 'draft')
      .update({
        status: 'submitted',
        submitted_at: now.toFormat('yyyy-MM-dd HH:mm:ss'),
        updated_at: now.toFormat('yyyy-MM-dd HH:mm:ss'),
      })
    const started = await startConversation({
      centreId: session.centreId,
      type: 'anomaly',
      recipient: 'account_manager',
      title,
      body: {
        key: 'sessions.anomalies.system.submitted',
        params: { number: session.number, count: lines.length },
      },
      author: actor,
      subject: { type: 'exam_session', id: session.id },
      client: trx,
    })
    session.merge({ anomaliesSubmittedAt: now, anomaliesConversationId: started.conversation.id })
    await session.save()
    await AuditLog.record({
      actor,
      action: 'exam_session.anomalies_submitted',
      entityType: 'exam_session',
      entityId: session.id,
      centreId: session.centreId,
      after: { number: session.number, lines: lines.length },
      client: trx,
    })
    return started.conversation
  })
  await notify(conversation, actor)
}

/**
 * The account manager processes a line (with a note). When the last line is
 * processed, the session moves to `in_correction` and the centre is told.
 */
export async function processAnomaly(actor: User, anomalyId: number, note: string | null) {
  const { session, moved } = await db.transaction(async (trx) => {
    const line = await SessionAnomaly.findOrFail(anomalyId, { client: trx })
    // The session row first: two last lines processed at once are serialised,
    // so that one of them sees none left and moves the session.
    const exam = await ExamSession.query({ client: trx })
      .where('id', line.sessionId)
      .forUpdate()
      .firstOrFail()
    const anomaly = await SessionAnomaly.query({ client: trx })
      .where('id', anomalyId)
      .forUpdate()
      .firstOrFail()
    if (anomaly.status !== 'submitted') throw new DomainError('anomaly_not_submitted')
    anomaly.useTransaction(trx)
    anomaly.merge({
      status: 'processed',
      note,
      processedBy: actor.id,
      processedAt: DateTime.utc(),
    })
    await anomaly.save()
    await AuditLog.record({
      actor,
      action: 'session_anomaly.processed',
      entityType: 'session_anomaly',
      entityId: anomaly.id,
      centreId: anomaly.centreId,
      before: { status: 'submitted' },
      after: { status: 'processed', note },
      client: trx,
    })
    if ((await pendingAnomalies(exam.id, trx)) > 0) return { session: exam, moved: false }
    await applyTransition(actor, exam.id, 'correct', DateTime.utc(), undefined, trx)
    if (exam.anomaliesConversationId) {
      const conversation = await Conversation.findOrFail(exam.anomaliesConversationId, {
        client: trx,
      })
      await postSystemMessage(
        conversation,
        { key: 'sessions.anomalies.system.processed', params: { number: exam.number } },
        trx
      )
      conversation.status = 'closed'
      await conversation.save()
    }
    return { session: exam, moved: true }
  })
  if (moved && session.anomaliesConversationId) {
    const conversation = await Conversation.findOrFail(session.anomaliesConversationId)
    await notify(conversation, actor)
  }
  return { moved }
}

/** Lines of the sheet not processed yet: while there are any, no direct mise en correction. */
export async function pendingAnomalies(
  sessionId: number,
  client: QueryClientContract = db.connection()
) {
  const row = await client
    .from('session_anomalies')
    .where('session_id', sessionId)
    .whereNot('status', 'processed')
    .count('* as total')
    .first()
  return Number(row?.total ?? 0)
}
