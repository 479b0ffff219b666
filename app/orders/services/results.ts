import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { recordCandidateExams } from '#candidates'
import AuditLog from '#shared/audit/audit_log'
import { insertMany, type BulkRow } from '#shared/orm/bulk'
import { verificationCode } from '#shared/codes'
import type { Actor } from '#shared/roles'
import type { VerifiedDocument } from '#shared/verification'
import { calendarDate } from '#shared/dates'
import { jsonList } from '#shared/json_columns'
import { lockCentreStock } from '#orders/services/stock'
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

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * The day of a result ("2026-06-12", or a date-time whose day is taken), at
 * midnight UTC, or the problem's code. A file of 100,000 results holds a few
 * hundred days: each text is read once (luxon costs ≈ 10 µs a parse).
 */
const passedDays = new Map<string, DateTime | 'result_date'>()

function passedDay(text: string): DateTime | 'result_date' {
  let day = passedDays.get(text)
  if (day === undefined) {
    const parsed = DateTime.fromISO(text, { zone: 'utc' })
    day =
      !/^\d{4}-\d{2}-\d{2}/.test(text) || !parsed.isValid || parsed.year < 2000
        ? 'result_date'
        : DateTime.utc(parsed.year, parsed.month, parsed.day)
    if (passedDays.size >= 10_000) passedDays.clear()
    passedDays.set(text, day)
  }
  return day
}

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
  const passedOn = passedDay(String(raw.passed_on ?? '').trim())
  if (typeof passedOn === 'string') return passedOn
  // Later than tomorrow (today in another time zone is fine).
  if (passedOn.toMillis() > Date.now() + DAY_MS) return 'result_date_future'
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
    passedOn,
    validation: validation as Validation,
    sections,
  }
}

/** Result ids, e-mails or row ids per IN list. */
const IDS = 5000

function slices<T>(list: T[], size: number) {
  const parts: T[][] = []
  for (let i = 0; i < list.length; i += size) parts.push(list.slice(i, i + size))
  return parts
}

/** A stored result as the database hands it. */
interface StoredResult {
  id: number
  result_ref: string
  centre_id: number
  candidate_id: number
  assignment_id: number
  type: CreditType
  score: number
  passed_on: unknown
  validation: Validation
  valid_until: unknown
  public_code: string
  sections: unknown
  source: string
  /** Text on SQLite, a Date on PostgreSQL. */
  created_at: string | Date
}

interface OpenCredit {
  id: number
  centreId: number
  candidateId: number
  orderLineId: number
  type: string
}

/**
 * Records results, all or none (one transaction): a new result passes the
 * candidate's credit of that type (pending or expired, not cleared), a known
 * one (same result id) is updated in place, or left alone when nothing
 * changed. The candidate's file gets the exam as passed, with its score,
 * date and validation. Problems of every item are reported together.
 *
 * A file carries up to 100,000 results: everything is read with a few
 * queries per 5,000 items, each item is decided in memory in order (as if
 * one after the other: two results of one candidate take two credits), and
 * written with multi-row statements.
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
      // The candidates of the e-mails, and the stock locks of their centres, first
      // and in order (see lockCentreStock): desks and a concurrent retry of the
      // same batch wait.
      const byEmail = new Map<string, number[]>()
      const centres = new Set<number>()
      for (const emails of slices([...new Set(inputs.map((input) => input.email))], IDS)) {
        const rows = await trx
          .from('candidates')
          .whereIn(db.raw('LOWER(email)'), emails)
          .select('id', 'centre_id', 'email', 'anonymised_at')
        for (const row of rows) {
          centres.add(Number(row.centre_id))
          if (row.anonymised_at) continue
          const email = String(row.email).toLowerCase()
          const ids = byEmail.get(email)
          if (ids) ids.push(Number(row.id))
          else byEmail.set(email, [Number(row.id)])
        }
      }
      await lockCentreStock(trx, [...centres])

      const known = new Map<string, StoredResult>()
      for (const part of slices([...refs], IDS)) {
        const rows: StoredResult[] = await trx
          .from('credit_results')
          .whereIn('result_ref', part)
          .forUpdate()
        for (const row of rows) known.set(row.result_ref, row)
      }
      const emailOf = await candidateEmails(trx, [...known.values()])
      const open = await openCredits(
        trx,
        inputs.filter((input) => !known.has(input.resultRef)).map((input) => input.email),
        byEmail
      )

      // Each item in turn, in memory.
      const now = DateTime.utc().toFormat(trx.dialect.dateTimeFormat)
      const days = dayTexts()
      const done: ResultOutcome[] = []
      const failed: ResultProblem[] = []
      const written: BulkRow[] = []
      const exams: { input: ResultInput; candidateId: number; assignmentId: number }[] = []
      const passed = new Map<string, number[]>()
      const taken = new Set<number>()
      for (const [i, input] of inputs.entries()) {
        const index = i + 1
        const ref = { ref: input.resultRef }
        const result = known.get(input.resultRef)
        if (result) {
          const sections = jsonList.consume(result.sections) as ResultSection[]
          const same =
            result.score === input.score &&
            result.validation === input.validation &&
            calendarDate.consume(result.passed_on)?.toISODate() === days(input.passedOn).day &&
            result.type === input.type &&
            // A file has no detail per part: it keeps the one the platform sent.
            (input.sections === undefined ||
              JSON.stringify(sections) === JSON.stringify(input.sections))
          if (same) {
            done.push('unchanged')
          } else if ((emailOf.get(result.candidate_id) ?? '').toLowerCase() !== input.email) {
            failed.push({ index, code: 'result_ref_other_candidate', params: ref })
          } else if (result.type !== input.type) {
            failed.push({ index, code: 'result_type_changed', params: ref })
          } else {
            written.push({
              ...resultRow(input, now, days),
              centre_id: result.centre_id,
              candidate_id: result.candidate_id,
              assignment_id: result.assignment_id,
              public_code: result.public_code,
              sections: JSON.stringify(input.sections ?? sections),
              source: result.source,
              created_at: result.created_at,
            })
            exams.push({
              input,
              candidateId: result.candidate_id,
              assignmentId: result.assignment_id,
            })
            done.push('updated')
          }
          continue
        }
        const candidateIds = byEmail.get(input.email) ?? []
        if (candidateIds.length === 0) {
          failed.push({ index, code: 'result_no_candidate', params: { email: input.email } })
          continue
        }
        const credits = candidateIds
          .flatMap((id) => open.get(id) ?? [])
          .filter((credit) => credit.type === input.type && !taken.has(credit.id))
        if (credits.length === 0) {
          failed.push({ index, code: 'result_no_credit', params: { email: input.email } })
          continue
        }
        // The same e-mail on two candidates with such a credit: which one sat the exam is unknown.
        if (new Set(credits.map((credit) => credit.candidateId)).size > 1) {
          failed.push({ index, code: 'result_ambiguous', params: { email: input.email } })
          continue
        }
        const credit = credits.reduce((a, b) => (b.id > a.id ? b : a))
        taken.add(credit.id)
        written.push({
          ...resultRow(input, now, days),
          centre_id: credit.centreId,
          candidate_id: credit.candidateId,
          assignment_id: credit.id,
          public_code: null,
          sections: JSON.stringify(input.sections ?? []),
          source,
          created_at: now,
        })
        exams.push({ input, candidateId: credit.candidateId, assignmentId: credit.id })
        const { day } = days(input.passedOn)
        const sameDay = passed.get(day)
        if (sameDay) sameDay.push(credit.id)
        else passed.set(day, [credit.id])
        done.push('created')
      }
      if (failed.length) throw new BatchRefused(failed)

      // Written in bulk: results (new ones get a verification code), credits, files.
      const fresh = written.filter((row) => row.public_code === null)
      const updated = written.filter((row) => row.public_code !== null)
      const codes = await newCodes(trx, fresh.length)
      fresh.forEach((row, i) => (row.public_code = codes[i]))
      // New references are plain inserts (an upsert costs more): a batch holding the same
      // one for the same candidate waits on the stock locks above, then finds it known; one
      // for another candidate at the same moment is refused by the unique index.
      await insertMany(trx, 'credit_results', fresh)
      await insertMany(trx, 'credit_results', updated, {
        conflict: ['result_ref'],
        merge: ['score', 'validation', 'passed_on', 'valid_until', 'sections', 'updated_at'],
      })
      for (const [day, ids] of passed)
        for (const part of slices(ids, IDS))
          await trx
            .from('credit_assignments')
            .whereIn('id', part)
            .update({ status: 'passed', exam_date: day, updated_at: now })
      const lineTypes = await creditLineTypes(
        trx,
        exams.map((exam) => exam.assignmentId)
      )
      await recordCandidateExams(
        exams.map(({ input, candidateId, assignmentId }) => ({
          candidateId,
          source: 'credit' as const,
          sourceId: assignmentId,
          examType: examTypeLabel(lineTypes.get(assignmentId)!),
          status: 'passed' as const,
          validation: input.validation,
          score: input.score,
          examDate: input.passedOn,
        })),
        trx
      )

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

/** The days of a batch as text, each computed once (luxon costs ~5 µs a call). */
function dayTexts() {
  const days = new Map<number, { day: string; validUntil: string }>()
  return (date: DateTime) => {
    let texts = days.get(date.toMillis())
    if (!texts) {
      texts = {
        day: date.toISODate()!,
        validUntil: CreditResult.validUntil(date).toISODate()!,
      }
      days.set(date.toMillis(), texts)
    }
    return texts
  }
}

/** The columns of a result that an input sets. */
function resultRow(input: ResultInput, now: string, days: ReturnType<typeof dayTexts>) {
  const { day, validUntil } = days(input.passedOn)
  return {
    result_ref: input.resultRef,
    type: input.type,
    score: input.score,
    passed_on: day,
    validation: input.validation,
    valid_until: validUntil,
    updated_at: now,
  }
}

/** The e-mail of the candidate of each stored result. */
async function candidateEmails(trx: TransactionClientContract, results: StoredResult[]) {
  const emails = new Map<number, string>()
  for (const ids of slices([...new Set(results.map((r) => r.candidate_id))], IDS)) {
    const rows = await trx.from('candidates').whereIn('id', ids).select('id', 'email')
    for (const row of rows) emails.set(Number(row.id), String(row.email ?? ''))
  }
  return emails
}

/** The credits not yet sat (pending or expired, not cleared) of these e-mails' candidates, locked. */
async function openCredits(
  trx: TransactionClientContract,
  emails: string[],
  byEmail: Map<string, number[]>
) {
  const candidateIds = [...new Set(emails.flatMap((email) => byEmail.get(email) ?? []))]
  const open = new Map<number, OpenCredit[]>()
  for (const ids of slices(candidateIds, IDS)) {
    const rows = await trx
      .from('credit_assignments')
      .whereIn('candidate_id', ids)
      .whereIn('status', ['planned', 'expired'])
      .whereNull('ended_at')
      .select('id', 'centre_id', 'candidate_id', 'order_line_id', 'type')
      .forUpdate()
    for (const row of rows) {
      const credit = {
        id: Number(row.id),
        centreId: Number(row.centre_id),
        candidateId: Number(row.candidate_id),
        orderLineId: Number(row.order_line_id),
        type: String(row.type),
      }
      const credits = open.get(credit.candidateId)
      if (credits) credits.push(credit)
      else open.set(credit.candidateId, [credit])
    }
  }
  return open
}

/** The type of the order line of each credit (the exam type the file shows). */
async function creditLineTypes(trx: TransactionClientContract, assignmentIds: number[]) {
  const types = new Map<number, CreditType>()
  for (const ids of slices([...new Set(assignmentIds)], IDS)) {
    const rows = await trx
      .from('credit_assignments')
      .join('credit_order_lines', 'credit_order_lines.id', 'credit_assignments.order_line_id')
      .whereIn('credit_assignments.id', ids)
      .select('credit_assignments.id', 'credit_order_lines.type')
    for (const row of rows) types.set(Number(row.id), row.type)
  }
  return types
}

/** Verification codes unused so far, and distinct. */
async function newCodes(trx: TransactionClientContract, count: number) {
  const codes = new Set<string>()
  while (codes.size < count) {
    const drawn = new Set<string>()
    while (drawn.size < count - codes.size) {
      const code = verificationCode()
      if (!codes.has(code)) drawn.add(code)
    }
    const taken = new Set<string>()
    for (const part of slices([...drawn], IDS)) {
      const rows = await trx
        .from('credit_results')
        .whereIn('public_code', part)
        .select('public_code')
      for (const row of rows) taken.add(row.public_code)
    }
    for (const code of drawn) if (!taken.has(code)) codes.add(code)
  }
  return [...codes]
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
