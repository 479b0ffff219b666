import type { CandidateExtension } from '#candidates'
import CreditAssignment from '#orders/models/credit_assignment'
import CreditResult from '#orders/models/credit_result'
import CreditPolicy from '#orders/policies/credit_policy'

const policy = new CreditPolicy()

/**
 * The orders module on the candidate file (seed 004 §6.5–6.7: the assigned
 * exam, "Attribuer une certification", "Modifier l'attribution", "Afficher le
 * code") and above the candidates table ("Gérer les certifications",
 * "Afficher les codes").
 */
export const ordersCandidateExtension: CandidateExtension = {
  name: 'orders',

  async filePanel(candidate, actor) {
    if (!policy.view(actor, candidate)) return null
    const current = await CreditAssignment.query()
      .where('candidate_id', candidate.id)
      .whereIn('status', ['planned', 'expired'])
      .whereNull('ended_at')
      .preload('line')
      .orderBy('id', 'desc')
      .first()
    const passedBefore = await CreditAssignment.query()
      .where('candidate_id', candidate.id)
      .where('status', 'passed')
      .first()
    const lastResult = await CreditResult.query()
      .where('candidate_id', candidate.id)
      .orderBy('passed_on', 'desc')
      .orderBy('id', 'desc')
      .first()
    return {
      view: 'orders::partials/candidate_panel',
      data: {
        candidate,
        assignment: current,
        passedBefore: !!passedBefore,
        // A session registration is pending: no credit until it is over.
        pendingElsewhere: !current && candidate.examStatus === 'planned',
        canAssign: policy.assign(actor, candidate),
        canSeeCode: policy.viewCode(actor, candidate),
        lastResult,
      },
    }
  },

  async tableActions(actor) {
    if (!policy.manage(actor))
      return policy.batchDocuments(actor)
        ? [{ key: 'orders.documents.title', href: '/documents' }]
        : []
    return [
      { key: 'orders.credits.manage', href: '/credits/manage' },
      { key: 'orders.codes.show_many', href: '/activation-codes' },
      { key: 'orders.documents.title', href: '/documents' },
    ]
  },
}
