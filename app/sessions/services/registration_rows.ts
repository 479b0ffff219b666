import db from '@adonisjs/lucid/services/db'
import { fullName } from '#candidates'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import type Registration from '#sessions/models/registration'
import type { RegistrationStatus } from '#sessions/models/registration'

/**
 * One row of a session's candidates table: plain values read from the columns
 * the table shows, no model. A page of 50 registrations, their candidates and
 * tests as Lucid models was the largest part of the session page's CPU.
 */
export interface RegistrationRow {
  id: number
  number: number
  accessCode: string
  status: RegistrationStatus
  candidate: { id: number; fullName: string; photoKey: boolean; signatureKey: boolean }
  tests: { testCode: string; absent: boolean; exempt: boolean }[]
  /** The registration it was postponed to: its session. */
  postponedTo: { sessionId: number; sessionNumber: string } | null
}

/** The table's columns of a registrations query, with its candidate's, as plain rows. */
export function registrationRows(query: ModelQueryBuilderContract<typeof Registration>) {
  return query
    .join('candidates as row_candidate', 'row_candidate.id', 'registrations.candidate_id')
    .select(
      'registrations.id',
      'registrations.number',
      'registrations.access_code',
      'registrations.status',
      'registrations.postponed_to_id',
      'registrations.candidate_id',
      'row_candidate.last_name',
      'row_candidate.first_name',
      'row_candidate.photo_key',
      'row_candidate.signature_key'
    )
    .pojo<Record<string, any>>()
}

/**
 * The rows of registrationRows as RegistrationRows, with their tests and
 * where they were postponed to: two queries for the page.
 */
export async function toRegistrationRows(rows: Record<string, any>[]): Promise<RegistrationRow[]> {
  const registrations: RegistrationRow[] = []
  const postponed = new Map<number, RegistrationRow[]>()
  for (const row of rows) {
    const registration: RegistrationRow = {
      id: Number(row.id),
      number: Number(row.number),
      accessCode: row.access_code,
      status: row.status,
      candidate: {
        id: Number(row.candidate_id),
        fullName: fullName(row.last_name, row.first_name),
        photoKey: Boolean(row.photo_key),
        signatureKey: Boolean(row.signature_key),
      },
      tests: [],
      postponedTo: null,
    }
    if (row.postponed_to_id !== null && row.postponed_to_id !== undefined) {
      const target = Number(row.postponed_to_id)
      postponed.set(target, [...(postponed.get(target) ?? []), registration])
    }
    registrations.push(registration)
  }
  if (registrations.length === 0) return registrations
  const byId = new Map(registrations.map((registration) => [registration.id, registration]))
  const [tests, targets] = await Promise.all([
    db
      .from('registration_tests')
      .whereIn('registration_id', [...byId.keys()])
      .select('registration_id', 'test_code', 'absent', 'exempt'),
    postponed.size
      ? db
          .from('registrations')
          .join('exam_sessions', 'exam_sessions.id', 'registrations.session_id')
          .whereIn('registrations.id', [...postponed.keys()])
          .select('registrations.id', 'registrations.session_id', 'exam_sessions.number')
      : [],
  ])
  for (const test of tests)
    byId.get(Number(test.registration_id))?.tests.push({
      testCode: test.test_code,
      absent: Boolean(test.absent),
      exempt: Boolean(test.exempt),
    })
  for (const target of targets)
    for (const registration of postponed.get(Number(target.id)) ?? [])
      registration.postponedTo = {
        sessionId: Number(target.session_id),
        sessionNumber: target.number,
      }
  return registrations
}
