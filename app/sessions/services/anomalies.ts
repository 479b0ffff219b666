import db from '@adonisjs/lucid/services/db'
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
  const { session, remaining } = await db.transaction(async (trx) => {
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
    const exam = await ExamSession.findOrFail(anomaly.sessionId, { client: trx })
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
    const left = await trx
      .from('session_anomalies')
      .where('session_id', exam.id)
      .whereNot('status', 'processed')
      .count('* as total')
      .first()
    return { session: exam, remaining: Number(left?.total ?? 0) }
  })
  if (remaining > 0) return { moved: false }
  await applyTransition(actor, session.id, 'correct')
  if (session.anomaliesConversationId) {
    const conversation = await Conversation.findOrFail(session.anomaliesConversationId)
    await postSystemMessage(conversation, {
      key: 'sessions.anomalies.system.processed',
      params: { number: session.number },
    })
    conversation.status = 'closed'
    await conversation.save()
    await notify(conversation, actor)
  }
  return { moved: true }
}

/** Lines of the sheet not processed yet: while there are any, no direct mise en correction. */
export async function pendingAnomalies(sessionId: number, client = db.connection()) {
  const row = await client
    .from('session_anomalies')
    .where('session_id', sessionId)
    .whereNot('status', 'processed')
    .count('* as total')
    .first()
  return Number(row?.total ?? 0)
}
