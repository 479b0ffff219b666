import type { PersonalDataContributor } from '#candidates'
import CreditAssignment from '#orders/models/credit_assignment'

/**
 * What the orders module holds on a candidate: the credits assigned to them.
 * The GDPR export lists them; anonymisation drops the activation codes (the
 * rest is stock accounting, with no personal data).
 */
export const ordersPersonalData: PersonalDataContributor = {
  name: 'orders',

  async export(candidate) {
    const assignments = await CreditAssignment.query()
      .where('candidate_id', candidate.id)
      .preload('line')
      .orderBy('id')
    return {
      json: {
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

  async erase(candidate, trx) {
    const cleared = await trx
      .from('credit_assignments')
      .where('candidate_id', candidate.id)
      .whereNotNull('activation_code')
      .update({ activation_code: null })
    return Number(cleared) ? ['credit_assignments.activation_code'] : []
  },
}
