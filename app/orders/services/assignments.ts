import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import logger from '@adonisjs/core/services/logger'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { Candidate, recordCandidateExam } from '#candidates'
import AuditLog from '#shared/audit/audit_log'
import { accessCode } from '#shared/codes'
import { DomainError } from '#shared/errors'
import type { Actor } from '#shared/roles'
import CreditAssignment from '#orders/models/credit_assignment'
import CreditOrderLine from '#orders/models/credit_order_line'
import type { CreditType } from '#orders/models/credit_type'
import {
  examTypeLabel,
  hasActivationCode,
  needsExamDate,
  needsPartnerSession,
} from '#orders/models/credit_type'
import { bookSeats } from '#orders/services/partner_sessions'
import AssignmentMail from '#orders/mails/assignment_mail'
import {
  lockCentreStock,
  putBackCredit,
  recordMovement,
  takeCredit,
  today,
} from '#orders/services/stock'

export interface AssignmentInput {
  type: CreditType
  /** Required for exams on site (needsExamDate), from today to the credit's expiry. */
  examDate?: DateTime | null
  /** Official exams in a partner centre: the session chosen (its date is the exam date). */
  partnerSessionId?: number | null
  /** "Envoyer un courriel au candidat pour l'informer de son inscription". */
  notify?: boolean
}

/** Most candidates one bulk action handles (one transaction). */
export const MAX_BULK = 500

/** Candidates are locked in id order, so that two bulk actions never deadlock. */
async function lockCandidates(trx: TransactionClientContract, centreId: number, ids: number[]) {
  const candidates = await Candidate.query({ client: trx })
    .whereIn('id', ids)
    .where('centre_id', centreId)
    .orderBy('id')
    .forUpdate()
  if (candidates.length !== new Set(ids).size) throw new DomainError('candidate_not_found', {}, 404)
  return candidates
}

/**
 * The exam date: chosen by the centre for exams on its premises, the
 * session's for a partner centre (its seat taken here), none otherwise.
 */
async function examDateOf(trx: TransactionClientContract, input: AssignmentInput) {
  if (needsPartnerSession(input.type)) {
    if (!input.partnerSessionId) throw new DomainError('credit_partner_session_required')
    const session = await bookSeats(trx, input.partnerSessionId, 1)
    const local = session.startsAt.setZone('Europe/Paris')
    return {
      examDate: DateTime.utc(local.year, local.month, local.day),
      partnerSessionId: session.id,
    }
  }
  return { examDate: checkExamDate(input), partnerSessionId: null }
}

function checkExamDate(input: AssignmentInput) {
  if (!needsExamDate(input.type)) return null
  if (!input.examDate) throw new DomainError('credit_exam_date_required')
  if (input.examDate.toISODate()! < today()) throw new DomainError('credit_exam_date_past')
  return input.examDate
}

async function uniqueActivationCode(trx: TransactionClientContract) {
  for (;;) {
    const code = accessCode()
    const taken = await trx.from('credit_assignments').where('activation_code', code).first()
    if (!taken) return code
  }
}

/**
 * Gives one credit to a candidate inside the caller's transaction: the
 * candidate (locked) must have no pending exam; among the credits still
 * valid on the exam day, the one with the nearest expiry is taken.
 */
async function giveCredit(
  trx: TransactionClientContract,
  actor: Actor,
  candidate: Candidate,
  input: AssignmentInput
) {
  if (candidate.anonymisedAt) throw new DomainError('candidate_anonymised')
  if (candidate.examStatus === 'planned')
    throw new DomainError('credit_candidate_pending', { name: candidate.fullName })
  const { examDate, partnerSessionId } = await examDateOf(trx, input)
  const line = await takeCredit(
    trx,
    candidate.centreId,
    input.type,
    examDate ? examDate.toISODate() : null
  )
  // An expired credit still on the file is cleared by the new one.
  await trx
    .from('credit_assignments')
    .where('candidate_id', candidate.id)
    .where('status', 'expired')
    .whereNull('ended_at')
    .update({ ended_at: DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss'), ended_by: actor.id })
  if (examDate && line.expiresOn && examDate.toISODate()! > line.expiresOn.toISODate()!)
    throw new DomainError('credit_exam_date_after_expiry', {
      date: line.expiresOn.toFormat('dd/MM/yyyy'),
    })
  const assignment = await CreditAssignment.create(
    {
      centreId: candidate.centreId,
      candidateId: candidate.id,
      orderLineId: line.id,
      type: input.type,
      status: 'planned',
      examDate,
      partnerSessionId,
      activationCode: hasActivationCode(input.type) ? await uniqueActivationCode(trx) : null,
      assignedBy: actor.id,
      assignedAt: DateTime.utc(),
    },
    { client: trx }
  )
  await recordMovement(trx, {
    centreId: candidate.centreId,
    orderLineId: line.id,
    assignmentId: assignment.id,
    kind: 'assigned',
    quantity: -1,
    userId: actor.id,
  })
  await recordCandidateExam(
    {
      candidateId: candidate.id,
      source: 'credit',
      sourceId: assignment.id,
      examType: examTypeLabel(line.type),
      status: 'planned',
      examDate: examDate ?? null,
    },
    trx
  )
  candidate.examStatus = 'planned'
  await AuditLog.record({
    actor,
    action: 'credit.assign',
    entityType: 'candidate',
    entityId: candidate.id,
    centreId: candidate.centreId,
    after: { assignment: assignment.id, type: input.type, line: line.id },
    client: trx,
  })
  return assignment
}

/**
 * Takes a candidate's credit back: a pending one returns to the stock (its
 * line gets it back, one ledger movement); an expired one is only cleared
 * from the file (its credit has left the stock already).
 */
async function takeBack(
  trx: TransactionClientContract,
  actor: Actor | null,
  candidate: Candidate,
  assignment: CreditAssignment
) {
  const line = await CreditOrderLine.query({ client: trx })
    .where('id', assignment.orderLineId)
    .forUpdate()
    .firstOrFail()
  const stillValid = !!line.expiresOn && line.expiresOn.toISODate()! >= today()
  const returned = assignment.status === 'planned' && stillValid
  assignment.merge({
    status: returned ? 'returned' : 'expired',
    endedAt: DateTime.utc(),
    endedBy: actor?.id ?? null,
  })
  await assignment.useTransaction(trx).save()
  if (returned) {
    await putBackCredit(trx, line)
    await recordMovement(trx, {
      centreId: line.centreId,
      orderLineId: line.id,
      assignmentId: assignment.id,
      kind: 'returned',
      quantity: 1,
      userId: actor?.id ?? null,
    })
  }
  await recordCandidateExam(
    {
      candidateId: candidate.id,
      source: 'credit',
      sourceId: assignment.id,
      examType: examTypeLabel(line.type),
      status: 'cancelled',
      examDate: assignment.examDate,
    },
    trx
  )
  candidate.examStatus = 'to_assign'
  await AuditLog.record({
    actor,
    action: 'credit.remove',
    entityType: 'candidate',
    entityId: candidate.id,
    centreId: candidate.centreId,
    after: { assignment: assignment.id, returnedToStock: returned },
    client: trx,
  })
  return returned
}

/** The candidate's credit that may still be changed or removed (pending or expired, not ended). */
function openAssignment(trx: TransactionClientContract, candidateId: number) {
  return CreditAssignment.query({ client: trx })
    .where('candidate_id', candidateId)
    .whereIn('status', ['planned', 'expired'])
    .whereNull('ended_at')
    .orderBy('id', 'desc')
    .forUpdate()
    .first()
}

async function notify(
  candidates: Candidate[],
  kind: 'assigned' | 'cancelled',
  assignments: Map<number, CreditAssignment>
) {
  for (const candidate of candidates) {
    if (!candidate.email) continue
    const assignment = assignments.get(candidate.id)
    if (assignment?.partnerSessionId) await assignment.load('partnerSession')
    try {
      await mail.send(new AssignmentMail(candidate, kind, assignments.get(candidate.id) ?? null))
    } catch (error) {
      logger.error({ err: error, candidate: candidate.id }, 'credit mail not sent')
    }
  }
}

/** "Attribuer la certification" (seed 004 §6.5). */
export async function assignCredit(actor: Actor, candidateId: number, input: AssignmentInput) {
  const result = await assignCredits(actor, null, [candidateId], input)
  return result[0]
}

/**
 * "Attribuer les certifications" to selected candidates (seed 004 §6.6), all
 * or none: within the stock, each without a pending exam (or, with
 * `replace`, whose pending credit is exchanged). One transaction.
 */
export async function assignCredits(
  actor: Actor,
  centreId: number | null,
  candidateIds: number[],
  input: AssignmentInput,
  /** "Modifier les examens attribués à plusieurs candidats": a pending credit is replaced. */
  options: { replace?: boolean } = {}
) {
  if (candidateIds.length === 0) throw new DomainError('credit_none_selected')
  if (candidateIds.length > MAX_BULK) throw new DomainError('credit_too_many', { max: MAX_BULK })
  const { candidates, assignments } = await db.transaction(async (trx) => {
    const centre = centreId ?? (await centreOf(trx, candidateIds[0]))
    await lockCentreStock(trx, [centre])
    const locked = await lockCandidates(trx, centre, candidateIds)
    const given = new Map<number, CreditAssignment>()
    for (const candidate of locked) {
      if (options.replace) {
        const current = await openAssignment(trx, candidate.id)
        if (current?.status === 'planned') await takeBack(trx, actor, candidate, current)
      }
      given.set(candidate.id, await giveCredit(trx, actor, candidate, input))
    }
    return { candidates: locked, assignments: given }
  })
  if (input.notify) await notify(candidates, 'assigned', assignments)
  return candidateIds.map((id) => assignments.get(id)!)
}

async function centreOf(trx: TransactionClientContract, candidateId: number) {
  const candidate = await Candidate.query({ client: trx }).where('id', candidateId).first()
  if (!candidate) throw new DomainError('candidate_not_found', {}, 404)
  return candidate.centreId
}

/**
 * "Modifier l'attribution": the candidate's pending credit goes back to the
 * stock and a credit of the chosen type is given instead, in one transaction
 * (so a change to the same type with no credit left keeps the current one).
 * Only the date changes when the type is the same.
 */
export async function changeAssignment(actor: Actor, candidateId: number, wanted: AssignmentInput) {
  // A partner session only matters for official exams in a partner centre.
  const input = {
    ...wanted,
    partnerSessionId: needsPartnerSession(wanted.type) ? (wanted.partnerSessionId ?? null) : null,
  }
  const { candidate, assignment } = await db.transaction(async (trx) => {
    const centre = await centreOf(trx, candidateId)
    await lockCentreStock(trx, [centre])
    const [locked] = await lockCandidates(trx, centre, [candidateId])
    const current = await openAssignment(trx, candidateId)
    if (!current || current.status !== 'planned') throw new DomainError('credit_nothing_to_change')
    const sameCredit =
      current.type === input.type && current.partnerSessionId === (input.partnerSessionId ?? null)
    const examDate = sameCredit
      ? needsPartnerSession(input.type)
        ? current.examDate
        : checkExamDate(input)
      : null
    const line = await CreditOrderLine.findOrFail(current.orderLineId, { client: trx })
    // A new date the current credit does not reach: another credit, valid then, is taken.
    const stillValid =
      !examDate || !line.expiresOn || examDate.toISODate()! <= line.expiresOn.toISODate()!
    if (sameCredit && stillValid) {
      current.examDate = examDate
      await current.useTransaction(trx).save()
      await recordCandidateExam(
        {
          candidateId,
          source: 'credit',
          sourceId: current.id,
          examType: examTypeLabel(line.type),
          status: 'planned',
          examDate,
        },
        trx
      )
      await AuditLog.record({
        actor,
        action: 'credit.reschedule',
        entityType: 'candidate',
        entityId: candidateId,
        centreId: locked.centreId,
        after: { assignment: current.id, examDate: examDate?.toISODate() ?? null },
        client: trx,
      })
      return { candidate: locked, assignment: current }
    }
    await takeBack(trx, actor, locked, current)
    return { candidate: locked, assignment: await giveCredit(trx, actor, locked, input) }
  })
  if (input.notify) await notify([candidate], 'assigned', new Map([[candidate.id, assignment]]))
  return assignment
}

/** "Supprimer l'attribution": the credit returns to the stock (seed 004 §6.6). */
export async function removeAssignment(actor: Actor, candidateId: number, sendMail = false) {
  const [returned] = await removeAssignments(actor, null, [candidateId], sendMail)
  return returned
}

/** "Supprimer les attributions" of selected candidates, all or none. */
export async function removeAssignments(
  actor: Actor,
  centreId: number | null,
  candidateIds: number[],
  sendMail = false
) {
  if (candidateIds.length === 0) throw new DomainError('credit_none_selected')
  if (candidateIds.length > MAX_BULK) throw new DomainError('credit_too_many', { max: MAX_BULK })
  const { candidates, returned } = await db.transaction(async (trx) => {
    const centre = centreId ?? (await centreOf(trx, candidateIds[0]))
    await lockCentreStock(trx, [centre])
    const locked = await lockCandidates(trx, centre, candidateIds)
    const results: boolean[] = []
    for (const candidate of locked) {
      const current = await openAssignment(trx, candidate.id)
      if (!current) throw new DomainError('credit_nothing_to_remove', { name: candidate.fullName })
      results.push(await takeBack(trx, actor, candidate, current))
    }
    return { candidates: locked, returned: results }
  })
  if (sendMail) await notify(candidates, 'cancelled', new Map())
  return returned
}

/**
 * Credits assigned and not taken before their expiry (orders:expire-credits):
 * the assignment and the candidate's exam become "expirée".
 */
export async function expireAssignments(ids: number[]) {
  for (const id of ids) {
    await db.transaction(async (trx) => {
      const owner = await trx.from('credit_assignments').where('id', id).select('centre_id').first()
      if (!owner) return
      await lockCentreStock(trx, [Number(owner.centre_id)])
      const assignment = await CreditAssignment.query({ client: trx })
        .where('id', id)
        .where('status', 'planned')
        .forUpdate()
        .first()
      if (!assignment) return
      assignment.status = 'expired'
      await assignment.useTransaction(trx).save()
      const line = await CreditOrderLine.findOrFail(assignment.orderLineId, { client: trx })
      await recordCandidateExam(
        {
          candidateId: assignment.candidateId,
          source: 'credit',
          sourceId: assignment.id,
          examType: examTypeLabel(line.type),
          status: 'expired',
          examDate: assignment.examDate,
        },
        trx
      )
    })
  }
}

/**
 * Anonymisation of a candidate (GDPR): a pending credit goes back to the
 * stock, in the anonymisation's transaction, so that it is not lost with
 * the file; its partner seat is freed with it.
 */
export async function releaseCredits(trx: TransactionClientContract, candidateId: number) {
  const pending = await CreditAssignment.query({ client: trx })
    .where('candidate_id', candidateId)
    .where('status', 'planned')
  if (pending.length === 0) return 0
  await lockCentreStock(trx, [pending[0].centreId])
  const candidate = await Candidate.query({ client: trx })
    .where('id', candidateId)
    .forUpdate()
    .firstOrFail()
  for (const assignment of pending) await takeBack(trx, null, candidate, assignment)
  return pending.length
}
