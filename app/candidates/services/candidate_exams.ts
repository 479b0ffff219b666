import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { insertMany, type BulkRow } from '#shared/orm/bulk'
import Candidate from '#candidates/models/candidate'
import CandidateExam from '#candidates/models/candidate_exam'
import type { CandidateExamStatus, ExamSource } from '#candidates/models/candidate_exam'

export interface CandidateExamInput {
  candidateId: number
  /** Who owns the exam: a session registration or an assigned credit. */
  source: ExamSource
  sourceId: number
  examType: string
  status: CandidateExamStatus
  validation?: 'validated' | 'pending' | 'invalidated' | null
  score?: number | null
  examDate?: DateTime | null
}

/**
 * The one door through which the sessions and orders modules tell a candidate's
 * file about its exams. Upserts the exam (by source) and refreshes the
 * candidate's summary columns in the same transaction; a passed exam locks the file.
 */
export async function recordCandidateExam(
  input: CandidateExamInput,
  client?: TransactionClientContract
) {
  const run = async (trx: TransactionClientContract) => {
    const values = {
      candidateId: input.candidateId,
      examType: input.examType,
      status: input.status,
      validation: input.validation ?? null,
      score: input.score ?? null,
      examDate: input.examDate ?? null,
    }
    const exam = await CandidateExam.updateOrCreate(
      { source: input.source, sourceId: input.sourceId },
      values,
      { client: trx }
    )
    await refreshExamSummary(input.candidateId, trx)
    return exam
  }
  return client ? run(client) : db.transaction(run)
}

/** Recomputes the exam_* columns of a candidate from its exams (latest one wins). */
export async function refreshExamSummary(candidateId: number, trx: TransactionClientContract) {
  const candidate = await Candidate.query({ client: trx })
    .where('id', candidateId)
    .forUpdate()
    .firstOrFail()
  const exams = await CandidateExam.query({ client: trx })
    .where('candidate_id', candidateId)
    .whereNot('status', 'cancelled')
    .orderBy('id', 'desc')
  const latest = exams[0]
  candidate.merge({
    examStatus: latest
      ? latest.status === 'cancelled'
        ? 'to_assign'
        : latest.status
      : 'to_assign',
    examValidation: latest?.validation ?? null,
    examScore: latest?.score ?? null,
    examType: latest?.examType ?? null,
    examDate: latest?.examDate ?? null,
    lastActivityAt: DateTime.utc(),
  })
  if (!candidate.lockedAt && exams.some((exam) => exam.status === 'passed'))
    candidate.lockedAt = DateTime.utc()
  await candidate.save()
}

/**
 * recordCandidateExam for thousands of exams at once (a results file): the
 * exams upserted by source with multi-row statements, then the summary of
 * every candidate concerned recomputed in SQL, thousands per statement. The
 * outcome is the one of calling recordCandidateExam for each input in turn.
 */
export async function recordCandidateExams(
  inputs: CandidateExamInput[],
  trx: TransactionClientContract
) {
  const now = DateTime.utc().toFormat(trx.dialect.dateTimeFormat)
  // The last input for a source wins, as it would one call after another.
  const bySource = new Map<string, BulkRow>()
  for (const input of inputs)
    bySource.set(`${input.source}:${input.sourceId}`, {
      candidate_id: input.candidateId,
      source: input.source,
      source_id: input.sourceId,
      exam_type: input.examType,
      status: input.status,
      validation: input.validation ?? null,
      score: input.score ?? null,
      exam_date: input.examDate ? input.examDate.toISODate() : null,
      created_at: now,
      updated_at: now,
    })
  // An exam's source (a registration, a credit) belongs to one candidate: never changed here.
  await insertMany(trx, 'candidate_exams', [...bySource.values()], {
    conflict: ['source', 'source_id'],
    merge: ['exam_type', 'status', 'validation', 'score', 'exam_date', 'updated_at'],
  })
  await refreshExamSummaries([...new Set(inputs.map((input) => input.candidateId))], trx, now)
}

/**
 * refreshExamSummary in SQL, for many candidates: the latest exam that is not
 * cancelled wins. PostgreSQL reads each candidate's latest exam once (a
 * lateral join; five subqueries a row cost 40 % more); SQLite, which has no
 * lateral join, reads it per column.
 */
async function refreshExamSummaries(
  candidateIds: number[],
  trx: TransactionClientContract,
  now: string
) {
  for (let i = 0; i < candidateIds.length; i += 5000) {
    const ids = candidateIds.slice(i, i + 5000)
    const list = ids.map(() => '?').join(',')
    if (trx.dialect.name === 'postgres') {
      await trx.rawQuery(
        `update candidates set
          exam_status = coalesce(latest.status, 'to_assign'),
          exam_validation = latest.validation,
          exam_score = latest.score,
          exam_type = latest.exam_type,
          exam_date = latest.exam_date,
          locked_at = case when candidates.locked_at is null and latest.passed then ?::timestamptz
            else candidates.locked_at end,
          last_activity_at = ?,
          updated_at = ?
        from (
          select c.id, x.status, x.validation, x.score, x.exam_type, x.exam_date,
            exists (select 1 from candidate_exams p where p.candidate_id = c.id and p.status = 'passed') as passed
          from candidates c
          left join lateral (
            select ce.status, ce.validation, ce.score, ce.exam_type, ce.exam_date from candidate_exams ce
            where ce.candidate_id = c.id and ce.status <> 'cancelled' order by ce.id desc limit 1
          ) x on true
          where c.id in (${list})
        ) latest
        where candidates.id = latest.id`,
        [now, now, now, ...ids]
      )
      continue
    }
    const latest = (column: string) =>
      `(select ce.${column} from candidate_exams ce where ce.candidate_id = candidates.id
        and ce.status <> 'cancelled' order by ce.id desc limit 1)`
    await trx.rawQuery(
      `update candidates set
        exam_status = coalesce(${latest('status')}, 'to_assign'),
        exam_validation = ${latest('validation')},
        exam_score = ${latest('score')},
        exam_type = ${latest('exam_type')},
        exam_date = ${latest('exam_date')},
        locked_at = case when locked_at is null and exists (select 1 from candidate_exams ce
          where ce.candidate_id = candidates.id and ce.status = 'passed') then ? else locked_at end,
        last_activity_at = ?,
        updated_at = ?
      where id in (${list})`,
      [now, now, now, ...ids]
    )
  }
}

/**
 * Exams that keep a file from being deleted (seed 004 §6.8: one passed, or
 * one assigned now): every exam but a credit taken back before it was sat.
 */
export async function examsCount(candidateIds: number[]) {
  if (candidateIds.length === 0) return new Map<number, number>()
  const rows = await db
    .from('candidate_exams')
    .whereIn('candidate_id', candidateIds)
    .whereNot((q) => q.where('source', 'credit').where('status', 'cancelled'))
    .groupBy('candidate_id')
    .select('candidate_id')
    .count('* as total')
  return new Map(rows.map((row) => [Number(row.candidate_id), Number(row.total)]))
}

/**
 * Exams that did not exist before (new registrations, new credits), in bulk:
 * a few statements for thousands of rows. Each new exam is the candidate's
 * latest, so it becomes the summary; a passed one locks the file.
 */
export async function recordNewCandidateExams(
  inputs: CandidateExamInput[],
  trx: TransactionClientContract
) {
  const now = DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss')
  const rows = inputs.map((input) => ({
    candidate_id: input.candidateId,
    source: input.source,
    source_id: input.sourceId,
    exam_type: input.examType,
    status: input.status,
    validation: input.validation ?? null,
    score: input.score ?? null,
    exam_date: input.examDate ? input.examDate.toISODate() : null,
    created_at: now,
    updated_at: now,
  }))
  for (let i = 0; i < rows.length; i += 500)
    await trx.table('candidate_exams').multiInsert(rows.slice(i, i + 500))
  // Candidates sharing the same new summary are updated together.
  const groups = new Map<string, { row: (typeof rows)[number]; ids: number[] }>()
  for (const row of rows) {
    if (row.status === 'cancelled') continue
    const key = JSON.stringify([
      row.status,
      row.validation,
      row.score,
      row.exam_type,
      row.exam_date,
    ])
    const group = groups.get(key) ?? { row, ids: [] }
    group.ids.push(row.candidate_id)
    groups.set(key, group)
  }
  for (const { row, ids } of groups.values()) {
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500)
      await trx.from('candidates').whereIn('id', chunk).update({
        exam_status: row.status,
        exam_validation: row.validation,
        exam_score: row.score,
        exam_type: row.exam_type,
        exam_date: row.exam_date,
        last_activity_at: now,
        updated_at: now,
      })
      if (row.status === 'passed')
        await trx
          .from('candidates')
          .whereIn('id', chunk)
          .whereNull('locked_at')
          .update({ locked_at: now })
    }
  }
}
