import { randomUUID } from 'node:crypto'
import drive from '@adonisjs/drive/services/main'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import AuditLog from '#shared/audit/audit_log'
import { DomainError } from '#shared/errors'
import { User, sendInvitation } from '#accounts'
import Candidate from '#candidates/models/candidate'
import { examsCount } from '#candidates/services/candidate_exams'

type Actor = User

/** The fields of each page of the file, as the forms name them (snake_case). */
export const SECTION_FIELDS = {
  identity: [
    'civility',
    'last_name',
    'birth_name',
    'first_name',
    'email',
    'birth_date',
    'birth_postcode',
    'birth_town',
    'birth_country',
    'nationality',
    'id_number',
  ],
  information: ['status', 'funding'],
  contact: ['phone', 'address', 'postcode', 'town', 'residence_country'],
  misc: ['education_level', 'socio_category', 'mother_tongue'],
} as const

export type Section = keyof typeof SECTION_FIELDS
export const SECTIONS = Object.keys(SECTION_FIELDS) as Section[]

const camel = (key: string) => key.replace(/_(\w)/g, (_m, c: string) => c.toUpperCase())

/** Validated form values (snake_case) → model attributes, '' and undefined as null. */
export function attributesOf(section: Section, data: Record<string, unknown>) {
  const attributes: Record<string, unknown> = {}
  for (const key of SECTION_FIELDS[section]) {
    let value = data[key]
    if (value instanceof Date)
      value = DateTime.utc(value.getFullYear(), value.getMonth() + 1, value.getDate())
    else if (
      typeof value === 'string' &&
      /^\d{4}-\d{2}-\d{2}$/.test(value) &&
      key.endsWith('_date')
    )
      value = DateTime.fromISO(value, { zone: 'utc' })
    attributes[camel(key)] = value === undefined || value === '' ? null : value
  }
  return attributes
}

/** What the audit log keeps of a section: plain values, dates as ISO. */
export function snapshot(candidate: Candidate, section: Section) {
  const out: Record<string, unknown> = {}
  for (const key of SECTION_FIELDS[section]) {
    const value = (candidate as any)[camel(key)]
    out[key] = value instanceof DateTime ? value.toISODate() : (value ?? null)
  }
  return out
}

/**
 * Files of the same centre with the same name and birth date (seed: possible
 * duplicates), accents and case ignored on the name.
 */
export async function possibleDuplicates(input: {
  centreId: number
  lastName: string
  firstName: string
  birthDate: DateTime
  exceptId?: number
}) {
  const rows = await Candidate.query()
    .where('centre_id', input.centreId)
    .where('birth_date', input.birthDate.toISODate()!)
    .whereNull('anonymised_at')
    .if(input.exceptId, (q) => q.whereNot('id', input.exceptId!))
    .limit(50)
  return rows.filter(
    (row) =>
      nameKey(row.lastName) === nameKey(input.lastName) &&
      nameKey(row.firstName) === nameKey(input.firstName)
  )
}

export interface Draft {
  centreId: number
  identity: Record<string, unknown>
  account?: 'invite' | 'none'
}

/**
 * Creates the file after the three required steps, in one transaction; with
 * an account, a learner user is created (no password: it chooses one through
 * the invitation, whose acceptance turns the envelope green).
 */
export async function createCandidate(
  actor: Actor,
  draft: Draft,
  information: Record<string, unknown>
) {
  const identity = attributesOf('identity', draft.identity)
  const invite = draft.account === 'invite'
  if (invite) await assertEmailFree(String(identity.email))
  const { candidate, user } = await db.transaction(async (trx) => {
    let account: User | null = null
    if (invite) {
      account = await User.create(
        {
          firstName: String(identity.firstName),
          lastName: String(identity.lastName),
          email: String(identity.email),
          role: 'learner',
          status: 'invited',
          locale: 'fr',
        },
        { client: trx }
      )
      await account.syncCentres([draft.centreId], trx)
    }
    const created = await Candidate.create(
      {
        ...identity,
        ...attributesOf('information', information),
        centreId: draft.centreId,
        userId: account?.id ?? null,
        examStatus: 'to_assign',
        lastActivityAt: DateTime.utc(),
      },
      { client: trx }
    )
    await AuditLog.record({
      actor,
      action: 'candidate.created',
      entityType: 'candidate',
      entityId: created.id,
      centreId: created.centreId,
      after: {
        ...snapshot(created, 'identity'),
        ...snapshot(created, 'information'),
        account: invite,
      },
      client: trx,
    })
    return { candidate: created, user: account }
  })
  if (user) await sendInvitation(user)
  return candidate
}

/** Creates the account of an existing file and sends the invitation, or sends it again. */
export async function inviteCandidate(actor: Actor, candidate: Candidate) {
  if (!candidate.email) throw new DomainError('candidate_email_missing')
  let user: User | null = candidate.userId ? await User.find(candidate.userId) : null
  if (user && user.status !== 'invited') throw new DomainError('candidate_account_active')
  if (!user) {
    await assertEmailFree(candidate.email)
    user = await db.transaction(async (trx) => {
      const created = await User.create(
        {
          firstName: candidate.firstName,
          lastName: candidate.lastName,
          email: candidate.email!,
          role: 'learner',
          status: 'invited',
          locale: 'fr',
        },
        { client: trx }
      )
      await created.syncCentres([candidate.centreId], trx)
      candidate.useTransaction(trx)
      candidate.userId = created.id
      await candidate.save()
      return created
    })
  }
  await sendInvitation(user)
  await AuditLog.record({
    actor,
    action: 'candidate.invited',
    entityType: 'candidate',
    entityId: candidate.id,
    centreId: candidate.centreId,
    after: { email: candidate.email },
  })
}

async function assertEmailFree(email: string) {
  const taken = await User.query().where('email', email.toLowerCase()).first()
  if (taken) throw new DomainError('candidate_email_taken', { email })
}

/**
 * Saves one page of the file. A locked file (an exam passed) may only be
 * corrected by a network admin, and that correction is audited as such.
 */
export async function updateSection(
  actor: Actor,
  candidate: Candidate,
  section: Section,
  data: Record<string, unknown>
) {
  if (candidate.anonymisedAt) throw new DomainError('candidate_anonymised')
  if (candidate.isLocked && actor.role !== 'network_admin')
    throw new DomainError('candidate_locked')
  const before = snapshot(candidate, section)
  candidate.merge({ ...attributesOf(section, data), lastActivityAt: DateTime.utc() })
  await db.transaction(async (trx) => {
    candidate.useTransaction(trx)
    await candidate.save()
    if (section === 'identity' && candidate.userId) {
      // The account's name follows the file; its email (the login) stays as it is.
      await trx
        .from('users')
        .where('id', candidate.userId)
        .update({ first_name: candidate.firstName, last_name: candidate.lastName })
    }
    await AuditLog.record({
      actor,
      action: candidate.isLocked ? 'candidate.corrected' : 'candidate.updated',
      entityType: 'candidate',
      entityId: candidate.id,
      centreId: candidate.centreId,
      ...AuditLog.diff(before, snapshot(candidate, section)),
      client: trx,
    })
  })
}

/**
 * Exam-day corrections of the identity (seed 000 part 3), from the exam
 * passport: the checked fields replace the file's, the rest of the identity
 * page (email, birth postcode) stays; same rules and audit as the page.
 */
export async function correctIdentity(
  actor: Actor,
  candidate: Candidate,
  data: Record<string, unknown>
) {
  await updateSection(actor, candidate, 'identity', { ...snapshot(candidate, 'identity'), ...data })
}

/**
 * Deletes a file that never had an exam (registration or credit; a credit
 * removed before the exam does not count); otherwise the centre hides it
 * through a hidden group (seed 004 §6.8).
 */
export async function deleteCandidate(actor: Actor, candidate: Candidate) {
  const counts = await examsCount([candidate.id])
  const count = counts.get(candidate.id) ?? 0
  if (count > 0) throw new DomainError('candidate_has_exams')
  await db.transaction(async (trx) => {
    // Credits taken back before the exam leave no trace that keeps the file.
    await trx
      .from('candidate_exams')
      .where('candidate_id', candidate.id)
      .where('source', 'credit')
      .where('status', 'cancelled')
      .delete()
    candidate.useTransaction(trx)
    await candidate.delete()
    if (candidate.userId) {
      const user = await User.find(candidate.userId, { client: trx })
      // An account that never logged in goes with its file.
      if (user && user.role === 'learner' && !user.lastLoginAt) await user.delete()
    }
    await AuditLog.record({
      actor,
      action: 'candidate.deleted',
      entityType: 'candidate',
      entityId: candidate.id,
      centreId: candidate.centreId,
      before: { ...snapshot(candidate, 'identity') },
      client: trx,
    })
  })
}

export interface ImportedCandidate {
  civility: 'mme' | 'm' | 'x'
  lastName: string
  firstName: string
  birthDate: DateTime
  email: string | null
  nationality: string | null
  motherTongue: string | null
  idNumber: string | null
}

/**
 * Files created by another module (a session's import, a transferred
 * pre-registration), in the caller's transaction. Status and funding are
 * "other" until the centre completes them; no account is created. Their audit
 * entries are written together.
 */
export async function createImportedCandidates(
  actor: Actor | null,
  centreId: number,
  people: ImportedCandidate[],
  trx: TransactionClientContract
) {
  const now = DateTime.utc()
  const created: Candidate[] = []
  for (const data of people) {
    created.push(
      await Candidate.create(
        {
          ...data,
          centreId,
          status: 'other',
          funding: 'other',
          examStatus: 'to_assign',
          lastActivityAt: now,
        },
        { client: trx }
      )
    )
  }
  await AuditLog.recordMany(
    created.map((candidate) => ({
      actor,
      action: 'candidate.imported',
      entityType: 'candidate',
      entityId: candidate.id,
      centreId,
      after: snapshot(candidate, 'identity'),
    })),
    trx
  )
  return created
}

/** The centre's file for this person: same email, or same name and birth date. */
export async function findCandidate(
  centreId: number,
  person: { lastName: string; firstName: string; birthDate: DateTime; email: string | null }
) {
  if (person.email) {
    const byEmail = await Candidate.query()
      .where('centre_id', centreId)
      .where('email', person.email.toLowerCase())
      .whereNull('anonymised_at')
      .first()
    if (byEmail) return byEmail
  }
  const [same] = await possibleDuplicates({ centreId, ...person })
  return same ?? null
}

/**
 * findCandidate() for many people at once (imports): two queries per 500
 * people instead of two per person. Returns the matches in the same order.
 */
export async function findCandidates(
  centreId: number,
  people: { lastName: string; firstName: string; birthDate: DateTime; email: string | null }[]
) {
  const emails = [...new Set(people.map((p) => p.email?.toLowerCase()).filter(Boolean))] as string[]
  const days = [...new Set(people.map((p) => p.birthDate.toISODate()!))]
  const pool = new Map<number, Candidate>()
  for (let i = 0; i < emails.length; i += 500) {
    const rows = await Candidate.query()
      .where('centre_id', centreId)
      .whereNull('anonymised_at')
      .whereIn('email', emails.slice(i, i + 500))
    for (const row of rows) pool.set(row.id, row)
  }
  for (let i = 0; i < days.length; i += 500) {
    const rows = await Candidate.query()
      .where('centre_id', centreId)
      .whereNull('anonymised_at')
      .whereIn('birth_date', days.slice(i, i + 500))
    for (const row of rows) pool.set(row.id, row)
  }
  const byEmail = new Map<string, Candidate>()
  const byIdentity = new Map<string, Candidate>()
  for (const row of [...pool.values()].sort((a, b) => a.id - b.id)) {
    if (row.email && !byEmail.has(row.email)) byEmail.set(row.email, row)
    const key = identityKey(row.lastName, row.firstName, row.birthDate)
    if (!byIdentity.has(key)) byIdentity.set(key, row)
  }
  return people.map(
    (p) =>
      (p.email ? byEmail.get(p.email.toLowerCase()) : undefined) ??
      byIdentity.get(identityKey(p.lastName, p.firstName, p.birthDate)) ??
      null
  )
}

function identityKey(lastName: string, firstName: string, birthDate: DateTime) {
  return `${nameKey(lastName)}|${nameKey(firstName)}|${birthDate.toISODate()}`
}

/** A name as compared for duplicates: no accents, case, spaces or hyphens. */
export function nameKey(value: string) {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036F]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
}

/**
 * The photo or signature the exam passport captured becomes the file's (the
 * session table's ticks, the attestation's photo): a copy of its own, so the
 * passport's retention purge does not take it; the previous copy goes.
 */
export async function recordCandidateCapture(
  actor: Actor,
  candidateId: number,
  kind: 'photo' | 'signature',
  sourceKey: string
) {
  const candidate = await Candidate.findOrFail(candidateId)
  if (candidate.anonymisedAt) return
  const key = `candidates/${candidate.id}/${kind}-${randomUUID()}.${sourceKey.split('.').pop()}`
  await drive.use().copy(sourceKey, key)
  const field = kind === 'photo' ? 'photoKey' : 'signatureKey'
  const previous = candidate[field]
  candidate[field] = key
  await candidate.save()
  await AuditLog.record({
    actor,
    action: `candidate.${kind}_captured`,
    entityType: 'candidate',
    entityId: candidate.id,
    centreId: candidate.centreId,
    before: { [kind]: previous ? 'yes' : null },
    after: { [kind]: 'yes', from: 'exam_passport' },
  })
  if (previous)
    await drive
      .use()
      .delete(previous)
      .catch(() => {})
}
