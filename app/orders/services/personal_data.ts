import type { PersonalDataContributor } from '#candidates'
import CreditAssignment from '#orders/models/credit_assignment'
import CreditResult from '#orders/models/credit_result'
import { releaseCredits } from '#orders/services/assignments'

/**
 * What the orders module holds on a candidate: the credits assigned to them
 * and the results of those exams. The GDPR export lists them; anonymisation
 * returns a pending credit to the stock and drops the activation codes (the
 * results stay; the rest is stock accounting, with no personal data).
 */
export const ordersPersonalData: PersonalDataContributor = {
  name: 'orders',
  tables: ['credit_assignments', 'credit_results'],

  async export(candidate) {
    const assignments = await CreditAssignment.query()
      .where('candidate_id', candidate.id)
      .preload('line')
      .orderBy('id')
    const results = await CreditResult.query().where('candidate_id', candidate.id).orderBy('id')
    return {
      json: {
        results: results.map((r) => ({
          type: r.type,
          score: r.score,
          passedOn: r.passedOn.toISODate(),
          validation: r.validation,
          validUntil: r.validUntil.toISODate(),
          verificationCode: r.publicCode,
          sections: r.sections,
        })),
        credits: assignments.map((a) => ({
          exam: a.line.name,
          type: a.type,
          status: a.status,
          examDate: a.examDate?.toISODate() ?? null,
          activationCode: a.activationCode,
          assignedAt: a.assignedAt.toISO(),
          endedAt: a.endedAt?.toISO() ?? null,
        })),
      },
    }
  },

  /** Returns the Drive keys to delete: the orders module stores no file of a candidate. */
  async erase(candidate, trx) {
    await releaseCredits(trx, candidate.id)
    await trx
      .from('credit_assignments')
      .where('candidate_id', candidate.id)
      .whereNotNull('activation_code')
      .update({ activation_code: null })
    return []
  },
}
