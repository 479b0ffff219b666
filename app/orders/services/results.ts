import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { recordCandidateExam } from '#candidates'
import AuditLog from '#shared/audit/audit_log'
import { verificationCode } from '#shared/codes'
import type { Actor } from '#shared/roles'
import type { VerifiedDocument } from '#shared/verification'
import { lockCentreStock } from '#orders/services/stock'
import CreditAssignment from '#orders/models/credit_assignment'
import CreditOrderLine from '#orders/models/credit_order_line'
import CreditResult, { VALIDATIONS } from '#orders/models/credit_result'
import type { ResultSection, Validation } from '#orders/models/credit_result'
import { examTypeLabel, isCreditType } from '#orders/models/credit_type'
import type { CreditType } from '#orders/models/credit_type'

/** A result as the exam platform sends it (JSON) or a spreadsheet row carries it. */
export interface ResultInput {
  /** The platform's id of the result: the key that makes a second sending an update. */
  resultRef: string
  /** The candidate's e-mail: their login on the exam platform. */
  email: string
  type: CreditType
  score: number
  passedOn: DateTime
  validation: Validation
  sections?: ResultSection[]
}

export interface ResultProblem {
  /** 1-based position in the batch (the row for a spreadsheet). */
  index: number
  code: string
  params?: Record<string, string | number>
}

export type ResultOutcome = 'created' | 'updated' | 'unchanged'

/** Most results one call or one file carries. */
export const MAX_RESULTS = 5000

/**
 * Checks one raw item (JSON body or spreadsheet row) and turns it into a
 * ResultInput, or says what is wrong with it (codes of errors.result_*).
 */
export function parseResultInput(
  raw: Record<string, unknown>
): ResultInput | ResultProblem['code'] {
  const ref = String(raw.result_id ?? '').trim()
  if (!/^[A-Za-z0-9._:-]{1,64}$/.test(ref)) return 'result_ref'
  const email = String(raw.email ?? '')
    .trim()
    .toLowerCase()
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) return 'result_email'
  const type = String(raw.exam_type ?? '').trim()
  if (!isCreditType(type)) return 'result_type'
  const score = Number(String(raw.score ?? '').trim())
  if (
    String(raw.score ?? '').trim() === '' ||
    !Number.isInteger(score) ||
    score < 0 ||
    score > 1000
  )
    return 'result_score'
  const passedOn = DateTime.fromISO(String(raw.passed_on ?? '').trim(), { zone: 'utc' })
  if (!/^\d{4}-\d{2}-\d{2}/.test(String(raw.passed_on ?? '').trim()) || !passedOn.isValid)
    return 'result_date'
  if (passedOn.startOf('day') > DateTime.utc().plus({ days: 1 })) return 'result_date_future'
  if (passedOn.year < 2000) return 'result_date'
  const validation = String(raw.validation ?? '').trim()
  if (!(VALIDATIONS as readonly string[]).includes(validation)) return 'result_validation'
  let sections: ResultSection[] | undefined
  if (raw.sections !== undefined && raw.sections !== null) {
    if (!Array.isArray(raw.sections) || raw.sections.length > 20) return 'result_sections'
    sections = []
    for (const item of raw.sections as Record<string, unknown>[]) {
      const name = String(item?.name ?? '').trim()
      const sectionScore = Number(item?.score)
      const max = Number(item?.max)
      if (
        !name ||
        name.length > 80 ||
        !Number.isInteger(max) ||
        max <= 0 ||
        max > 1000 ||
        !Number.isInteger(sectionScore) ||
        sectionScore < 0 ||
        sectionScore > max
      )
        return 'result_sections'
      sections.push({ name, score: sectionScore, max })
    }
  }
  return {
    resultRef: ref,
    email,
    type,
    score,
    passedOn: DateTime.utc(passedOn.year, passedOn.month, passedOn.day),
    validation: validation as Validation,
    sections,
  }
}

/**
 * Records results, all or none (one transaction): a new result passes the
 * candidate's credit of that type (pending or expired, not cleared), a known
 * one (same result id) is updated in place, or left alone when nothing
 * changed. The candidate's file gets the exam as passed, with its score,
 * date and validation. Problems of every item are reported together.
 */
export async function recordResults(
  inputs: ResultInput[],
  source: 'api' | 'import',
  actor: Actor | null
): Promise<{ outcomes: ResultOutcome[]; problems: ResultProblem[] }> {
  const refs = new Set<string>()
  const problems: ResultProblem[] = []
  inputs.forEach((input, i) => {
    if (refs.has(input.resultRef))
      problems.push({ index: i + 1, code: 'result_ref_twice', params: { ref: input.resultRef } })
    refs.add(input.resultRef)
  })
  if (problems.length) return { outcomes: [], problems }
  try {
    const outcomes = await db.transaction(async (trx) => {
      // The stock locks of every centre concerned, first and in order (see
      // lockCentreStock): desks and a concurrent retry of the same batch wait.
      const centres = await trx
        .from('candidates')
        .whereIn(db.raw('LOWER(email)'), [...new Set(inputs.map((input) => input.email))])
        .distinct('centre_id')
      await lockCentreStock(
        trx,
        centres.map((row) => Number(row.centre_id))
      )
      const done: ResultOutcome[] = []
      const failed: ResultProblem[] = []
      for (const [i, input] of inputs.entries()) {
        const outcome = await recordOne(trx, input, source)
        if (typeof outcome === 'string') done.push(outcome)
        else failed.push({ index: i + 1, ...outcome })
      }
      if (failed.length) throw new BatchRefused(failed)
      const changed = done.filter((o) => o !== 'unchanged').length
      if (changed)
        await AuditLog.record({
          actor,
          action: source === 'api' ? 'credit_results.receive' : 'credit_results.import',
          entityType: 'credit_result',
          after: {
            created: done.filter((o) => o === 'created').length,
            updated: done.filter((o) => o === 'updated').length,
          },
          client: trx,
        })
      return done
    })
    return { outcomes, problems: [] }
  } catch (error) {
    if (error instanceof BatchRefused) return { outcomes: [], problems: error.problems }
    throw error
  }
}

class BatchRefused extends Error {
  constructor(public problems: ResultProblem[]) {
    super('batch refused')
  }
}

async function recordOne(
  trx: TransactionClientContract,
  input: ResultInput,
  source: 'api' | 'import'
): Promise<ResultOutcome | Omit<ResultProblem, 'index'>> {
  const known = await CreditResult.query({ client: trx })
    .where('result_ref', input.resultRef)
    .forUpdate()
    .first()
  if (known) {
    const same =
      known.score === input.score &&
      known.validation === input.validation &&
      known.passedOn.toISODate() === input.passedOn.toISODate() &&
      known.type === input.type &&
      // A file has no detail per part: it keeps the one the platform sent.
      (input.sections === undefined ||
        JSON.stringify(known.sections ?? []) === JSON.stringify(input.sections))
    if (same) return 'unchanged'
    const candidate = await db
      .from('candidates')
      .useTransaction(trx)
      .where('id', known.candidateId)
      .first()
    if (String(candidate?.email ?? '').toLowerCase() !== input.email)
      return { code: 'result_ref_other_candidate', params: { ref: input.resultRef } }
    if (known.type !== input.type)
      return { code: 'result_type_changed', params: { ref: input.resultRef } }
    known.merge({
      score: input.score,
      validation: input.validation,
      passedOn: input.passedOn,
      validUntil: CreditResult.validUntil(input.passedOn),
      sections: input.sections ?? known.sections,
    })
    await known.useTransaction(trx).save()
    await passOnFile(trx, known)
    return 'updated'
  }
  const candidates = await db
    .from('candidates')
    .useTransaction(trx)
    .whereRaw('LOWER(email) = ?', [input.email])
    .whereNull('anonymised_at')
    .select('id', 'centre_id')
  if (candidates.length === 0)
    return { code: 'result_no_candidate', params: { email: input.email } }
  const assignment = await CreditAssignment.query({ client: trx })
    .whereIn(
      'candidate_id',
      candidates.map((c) => c.id)
    )
    .where('type', input.type)
    .whereIn('status', ['planned', 'expired'])
    .whereNull('ended_at')
    .orderBy('id', 'desc')
    .forUpdate()
    .first()
  if (!assignment) return { code: 'result_no_credit', params: { email: input.email } }
  // The same e-mail on two candidates with such a credit: which one sat the exam is unknown.
  const holders = await CreditAssignment.query({ client: trx })
    .whereIn(
      'candidate_id',
      candidates.map((c) => c.id)
    )
    .where('type', input.type)
    .whereIn('status', ['planned', 'expired'])
    .whereNull('ended_at')
    .distinct('candidate_id')
  if (holders.length > 1) return { code: 'result_ambiguous', params: { email: input.email } }
  let code = verificationCode()
  while (await CreditResult.query({ client: trx }).where('public_code', code).first())
    code = verificationCode()
  const result = await CreditResult.create(
    {
      resultRef: input.resultRef,
      centreId: assignment.centreId,
      candidateId: assignment.candidateId,
      assignmentId: assignment.id,
      type: input.type,
      score: input.score,
      passedOn: input.passedOn,
      validation: input.validation,
      validUntil: CreditResult.validUntil(input.passedOn),
      publicCode: code,
      sections: input.sections ?? [],
      source,
    },
    { client: trx }
  )
  assignment.merge({ status: 'passed', examDate: input.passedOn })
  await assignment.useTransaction(trx).save()
  await passOnFile(trx, result)
  return 'created'
}

/** The candidate's file: this exam passed, with its score, date and validation. */
async function passOnFile(trx: TransactionClientContract, result: CreditResult) {
  const assignment = await CreditAssignment.findOrFail(result.assignmentId, { client: trx })
  const line = await CreditOrderLine.findOrFail(assignment.orderLineId, { client: trx })
  await recordCandidateExam(
    {
      candidateId: result.candidateId,
      source: 'credit',
      sourceId: assignment.id,
      examType: examTypeLabel(line.type),
      status: 'passed',
      validation: result.validation,
      score: result.score,
      examDate: result.passedOn,
    },
    trx
  )
}

/** The public verification page's answer for a result's code (seed 004 §6.9). */
export async function verifyResult(code: string): Promise<VerifiedDocument | null> {
  const result = await CreditResult.query().where('public_code', code).preload('candidate').first()
  if (!result) return null
  const expired = result.validUntil.toISODate()! < DateTime.utc().toISODate()!
  const verdict =
    result.validation === 'invalidated'
      ? 'revoked'
      : result.validation === 'pending'
        ? 'suspended'
        : expired
          ? 'expired'
          : 'valid'
  const candidate = result.candidate
  return {
    code: result.publicCode,
    verdict,
    kindKey: 'orders.results.verify_kind',
    stateKey: `orders.results.verify_state.${verdict}`,
    stateTextKey: `orders.results.verify_text.${verdict}`,
    facts: [
      { key: 'orders.results.holder', value: `${candidate.firstName} ${candidate.lastName}` },
      { key: 'orders.results.exam', valueKey: `orders.types.${result.type}` },
      { key: 'orders.results.score', value: `${result.score}/1000` },
      { key: 'orders.results.passed_on', value: result.passedOn.toFormat('dd/MM/yyyy') },
      { key: 'orders.results.valid_until', value: result.validUntil.toFormat('dd/MM/yyyy') },
    ],
  }
}
