import type { PersonalDataContributor } from '#candidates'
import { redactConversation } from '#messaging'
import Attestation from '#sessions/models/attestation'
import Registration from '#sessions/models/registration'
import RegistrationRequest from '#sessions/models/registration_request'

/**
 * What the sessions module holds on a candidate, for the GDPR export and for
 * anonymisation: registrations, requests, results and attestations. Scores
 * and outcomes stay on anonymisation; names, ID numbers and free text go.
 */
export const sessionsPersonalData: PersonalDataContributor = {
  name: 'sessions',
  tables: [
    'registrations',
    'registration_tests',
    'registration_results',
    'registration_requests',
    'attestations',
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
    return {
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
      .whereNotNull('conversation_id')
      .select('id', 'conversation_id')
    for (const thread of threads)
      keys.push(...(await redactConversation(Number(thread.conversation_id), `#${thread.id}`, trx)))
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
