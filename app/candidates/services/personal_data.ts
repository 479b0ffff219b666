import archiver from 'archiver'
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import { DateTime } from 'luxon'
import type { Readable } from 'node:stream'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import AuditLog from '#shared/audit/audit_log'
import { NetworkSettings } from '#shared/settings'
import { type User, endUserSessions } from '#accounts'
import Candidate from '#candidates/models/candidate'
import CandidateExam from '#candidates/models/candidate_exam'

/**
 * What another module holds on a candidate (documents, recordings, grids):
 * it registers here so that the GDPR export carries it and anonymisation
 * erases it. The candidates module alone decides when.
 */
export interface PersonalDataContributor {
  name: string
  /**
   * The tables it exports and erases: each table that references a candidate
   * (or its learner account) belongs to exactly one contributor, or is known
   * to hold no personal data (personal_data_coverage.spec.ts checks the schema).
   */
  tables: string[]
  /** Files and data to add to the export zip. */
  export(candidate: Candidate): Promise<{ json?: unknown; files?: { name: string; key: string }[] }>
  /** Removes personal data and files; results and statistics stay. */
  erase(candidate: Candidate, trx: TransactionClientContract): Promise<string[]>
}

const contributors: PersonalDataContributor[] = []

/** What the candidates module covers itself: the file, its learner account and their history. */
const OWN_TABLES = [
  'candidates',
  'candidate_group',
  'candidate_exams',
  'users',
  'remember_me_tokens',
  'user_tokens',
  'user_sessions',
  'audit_logs',
]

export function registerPersonalData(contributor: PersonalDataContributor) {
  if (!contributors.some((c) => c.name === contributor.name)) contributors.push(contributor)
}

/** Who covers which tables: the candidates module, then each contributor in order. */
export function personalDataCoverage() {
  return [
    { name: 'candidates', tables: OWN_TABLES },
    ...contributors.map(({ name, tables }) => ({ name, tables })),
  ]
}

export const RETENTION_KEY = 'candidates.retention_years'
export const DEFAULT_RETENTION_YEARS = 5

/** A zip of everything held on the candidate: data.json and its files. */
export async function personalDataZip(candidate: Candidate): Promise<Readable> {
  await candidate.load('user')
  await candidate.load('groups')
  await candidate.load('centre')
  const exams = await CandidateExam.query().where('candidate_id', candidate.id).orderBy('id')
  const trail = await AuditLog.query()
    .where('entity_type', 'candidate')
    .where('entity_id', String(candidate.id))
    .orderBy('id')
  const files: { name: string; key: string }[] = []
  if (candidate.photoKey)
    files.push({ name: `photo.${ext(candidate.photoKey)}`, key: candidate.photoKey })
  if (candidate.signatureKey)
    files.push({ name: `signature.${ext(candidate.signatureKey)}`, key: candidate.signatureKey })
  const others: Record<string, unknown> = {}
  for (const contributor of contributors) {
    const part = await contributor.export(candidate)
    if (part.json !== undefined) others[contributor.name] = part.json
    for (const file of part.files ?? [])
      files.push({ name: `${contributor.name}/${file.name}`, key: file.key })
  }
  const data = {
    exportedAt: DateTime.utc().toISO(),
    centre: { code: candidate.centre.code, name: candidate.centre.name },
    candidate: candidate.serialize({
      fields: { omit: ['photoKey', 'signatureKey'] },
      relations: { user: { fields: { pick: ['email', 'status', 'lastLoginAt', 'createdAt'] } } },
    }),
    groups: candidate.groups.map((g) => g.name),
    exams: exams.map((e) => e.serialize()),
    history: trail.map((entry) => ({
      at: entry.createdAt.toISO(),
      action: entry.action,
      by: entry.actorEmail,
      before: entry.before,
      after: entry.after,
    })),
    ...others,
    files: files.map((f) => f.name),
  }
  const zip = archiver('zip', { zlib: { level: 6 } })
  zip.append(JSON.stringify(data, null, 2), { name: 'data.json' })
  for (const file of files) zip.append(await drive.use().getStream(file.key), { name: file.name })
  void zip.finalize()
  return zip
}

/**
 * Replaces the personal fields, deletes the files and scrubs the account and
 * the history; exams, scores and the statistical fields (status, funding,
 * levels, countries, birth year) stay so that counts and results hold.
 */
export async function anonymiseCandidate(actor: User | null, candidate: Candidate) {
  if (candidate.anonymisedAt) return
  const keys = [candidate.photoKey, candidate.signatureKey].filter((k): k is string => !!k)
  const email = candidate.email
  await db.transaction(async (trx) => {
    const account = candidate.userId
      ? await trx.from('users').where('id', candidate.userId).select('email', 'login').first()
      : null
    candidate.useTransaction(trx)
    for (const contributor of contributors) keys.push(...(await contributor.erase(candidate, trx)))
    candidate.merge({
      civility: 'm',
      lastName: 'ANONYME',
      firstName: `#${candidate.id}`,
      birthName: null,
      email: null,
      birthDate: DateTime.utc(candidate.birthDate.year, 1, 1),
      birthPostcode: null,
      birthTown: null,
      idNumber: null,
      phone: null,
      address: null,
      postcode: null,
      town: null,
      photoKey: null,
      signatureKey: null,
      anonymisedAt: DateTime.utc(),
      lockedAt: candidate.lockedAt ?? DateTime.utc(),
    })
    await candidate.save()
    await forgetFailedLogins(trx, [email, account?.email, account?.login])
    if (candidate.userId) {
      await trx
        .from('users')
        .where('id', candidate.userId)
        .update({
          first_name: 'Anonyme',
          last_name: `#${candidate.id}`,
          email: `anonymised-${candidate.userId}@invalid`,
          login: null,
          external_id: null,
          phone: null,
          password: null,
          status: 'disabled',
        })
      await trx.from('remember_me_tokens').where('tokenable_id', candidate.userId).delete()
      await trx.from('user_tokens').where('user_id', candidate.userId).delete()
      // Its own actions stay attributed to the account (now anonymous), without its email or IP.
      await trx
        .from('audit_logs')
        .where('actor_id', candidate.userId)
        .update({ actor_email: null, ip: null })
      await AuditLog.forget(trx, 'user', [candidate.userId])
    }
    // The history keeps what happened, not who it was about.
    await AuditLog.forget(trx, 'candidate', [candidate.id])
    await AuditLog.record({
      actor,
      action: 'candidate.anonymised',
      entityType: 'candidate',
      entityId: candidate.id,
      centreId: candidate.centreId,
      after: { files: keys.length },
      client: trx,
    })
  })
  // The learner account is disabled: its sessions end too.
  if (candidate.userId) await endUserSessions(candidate.userId)
  // Files go once the database has let go of them.
  for (const key of keys)
    await drive
      .use()
      .delete(key)
      .catch(() => undefined)
}

/**
 * Failed logins keep the email (or login) that was typed: those typed with
 * the person's go, with their IP; the count of failures stays.
 */
async function forgetFailedLogins(
  trx: TransactionClientContract,
  identifiers: (string | null | undefined)[]
) {
  const typed = [...new Set(identifiers.filter((i): i is string => !!i).map(lowered))]
  if (typed.length === 0) return
  const rows = await trx
    .from('audit_logs')
    .where('action', 'auth.login_failed')
    .where((q) => {
      for (const identifier of typed) q.orWhereRaw('lower(after) like ?', [`%${identifier}%`])
    })
    .select('id', 'after')
  const ids = rows
    .filter((row) => typed.includes(lowered(String(JSON.parse(String(row.after)).email ?? ''))))
    .map((row) => row.id)
  if (ids.length) await trx.from('audit_logs').whereIn('id', ids).update({ after: null, ip: null })
}

function lowered(value: string) {
  return value.trim().toLowerCase()
}

/** Files whose last activity is older than the network's retention (years). */
export async function pastRetention(now = DateTime.utc()) {
  const years = await NetworkSettings.getNumber(RETENTION_KEY, DEFAULT_RETENTION_YEARS)
  const limit = now.minus({ years })
  const candidates = await Candidate.query()
    .whereNull('anonymised_at')
    .where('last_activity_at', '<', limit.toFormat('yyyy-MM-dd HH:mm:ss'))
    .orderBy('id')
    .limit(10000)
  return { years, limit, candidates }
}

function ext(key: string) {
  return key.split('.').pop() ?? 'bin'
}
