import { DateTime } from 'luxon'
import type { PersonalDataContributor } from '#candidates'
import { conversationFiles, redactConversation } from '#messaging'
import AuditLog from '#shared/audit/audit_log'
import Attestation from '#sessions/models/attestation'
import Preregistration from '#sessions/models/preregistration'
import Registration from '#sessions/models/registration'
import RegistrationRequest from '#sessions/models/registration_request'
import SessionAnomaly from '#sessions/models/session_anomaly'

/**
 * What the sessions module holds on a candidate, for the GDPR export and for
 * anonymisation: registrations, requests (with their threads and documents),
 * results, attestations, the online pre-registrations that became its
 * registrations and the anomalies reported about them. Scores and outcomes
 * stay on anonymisation; names, contact details, ID numbers and free text go,
 * from the rows and from their audit entries.
 */
export const sessionsPersonalData: PersonalDataContributor = {
  name: 'sessions',
  tables: [
    'registrations',
    'registration_tests',
    'registration_results',
    'registration_requests',
    'attestations',
    'preregistrations',
    'session_anomalies',
    'conversations',
    'messages',
    'message_attachments',
  ],

  async export(candidate) {
    const registrations = await Registration.query()
      .where('candidate_id', candidate.id)
      .preload('session', (q) => q.preload('product'))
      .preload('tests')
      .preload('results')
      .orderBy('id')
    const ids = registrations.map((r) => r.id)
    const requests = ids.length
      ? await RegistrationRequest.query().whereIn('registration_id', ids).orderBy('id')
      : []
    const attestations = ids.length
      ? await Attestation.query().whereIn('registration_id', ids).orderBy('id')
      : []
    const preregistrations = ids.length
      ? await Preregistration.query().whereIn('registration_id', ids).orderBy('id')
      : []
    const anomalies = ids.length
      ? await SessionAnomaly.query()
          .whereIn('registration_id', ids)
          .preload('session')
          .orderBy('id')
      : []
    const files: { name: string; key: string }[] = []
    for (const request of requests)
      if (request.conversationId)
        for (const file of await conversationFiles(request.conversationId))
          files.push({ name: `demande-${request.id}/${file.id}-${file.filename}`, key: file.key })
    return {
      files,
      json: {
        registrations: registrations.map((r) => ({
          number: r.number,
          session: r.session.number,
          product: r.session.product.name,
          date: r.session.startsAt.toISO(),
          status: r.status,
          channel: r.channel,
          motivation: r.motivation,
          idNumber: r.idNumber,
          accessCode: r.accessCode,
          tests: r.tests.map((t) => ({ code: t.testCode, absent: t.absent, exempt: t.exempt })),
          results: r.results.map((x) => ({ test: x.testCode, score: x.score, level: x.level })),
        })),
        requests: requests.map((q) => ({
          kind: q.kind,
          status: q.status,
          category: q.category,
          description: q.description,
          refusalReason: q.refusalReason,
          requestedAt: q.createdAt.toISO(),
          decidedAt: q.decidedAt?.toISO() ?? null,
        })),
        attestations: attestations.map((a) => ({
          code: a.code,
          status: a.status,
          issuedAt: a.issuedAt.toISO(),
          validUntil: a.validUntil.toISODate(),
        })),
        preregistrations: preregistrations.map((p) => ({
          civility: p.civility,
          lastName: p.lastName,
          firstName: p.firstName,
          email: p.email,
          phone: p.phone,
          birthDate: p.birthDate.toISODate(),
          tests: p.tests,
          status: p.status,
          receivedAt: p.createdAt.toISO(),
        })),
        anomalies: anomalies.map((a) => ({
          session: a.session.number,
          kind: a.kind,
          description: a.description,
          status: a.status,
          note: a.note,
        })),
      },
    }
  },

  async erase(candidate, trx) {
    const rows = await trx.from('registrations').where('candidate_id', candidate.id).select('id')
    const ids = rows.map((row) => Number(row.id))
    if (ids.length === 0) return []
    await trx.from('registrations').whereIn('id', ids).update({ id_number: null })
    await trx
      .from('registration_requests')
      .whereIn('registration_id', ids)
      .update({ description: '—', refusal_reason: null })
    // The requests' conversations carried the name, the text and the documents.
    const keys: string[] = []
    const threads = await trx
      .from('registration_requests')
      .whereIn('registration_id', ids)
      .select('id', 'conversation_id')
    for (const thread of threads.filter((t) => t.conversation_id))
      keys.push(...(await redactConversation(Number(thread.conversation_id), `#${thread.id}`, trx)))
    // The online pre-registrations that became these registrations: who, as typed.
    const preregistrations = await trx
      .from('preregistrations')
      .whereIn('registration_id', ids)
      .select('id', 'birth_date')
    for (const row of preregistrations)
      await trx
        .from('preregistrations')
        .where('id', row.id)
        .update({
          last_name: 'ANONYME',
          first_name: `#${candidate.id}`,
          email: `anonymised-${row.id}@invalid`,
          phone: null,
          birth_date: `${yearOf(row.birth_date)}-01-01`,
        })
    const anomalies = await trx
      .from('session_anomalies')
      .whereIn('registration_id', ids)
      .select('id')
    await trx
      .from('session_anomalies')
      .whereIn('registration_id', ids)
      .update({ description: '—', note: null })
    // Their history: ID numbers, thread titles with the name, anomaly texts.
    await AuditLog.forget(trx, 'registration', ids)
    await AuditLog.forget(
      trx,
      'registration_request',
      threads.map((t) => t.id)
    )
    await AuditLog.forget(
      trx,
      'conversation',
      threads.filter((t) => t.conversation_id).map((t) => t.conversation_id)
    )
    await AuditLog.forget(
      trx,
      'preregistration',
      preregistrations.map((p) => p.id)
    )
    await AuditLog.forget(
      trx,
      'session_anomaly',
      anomalies.map((a) => a.id)
    )
    const attestations = await Attestation.query({ client: trx }).whereIn('registration_id', ids)
    for (const attestation of attestations) {
      attestation.useTransaction(trx)
      attestation.snapshot = {
        ...attestation.snapshot,
        name: `ANONYME #${candidate.id}`,
        birthDate: null,
      }
      await attestation.save()
    }
    return keys
  },
}

/** The year of a date column (SQLite: text, PostgreSQL: Date). */
function yearOf(value: unknown) {
  return value instanceof Date
    ? value.getFullYear()
    : DateTime.fromISO(String(value).slice(0, 10)).year
}
