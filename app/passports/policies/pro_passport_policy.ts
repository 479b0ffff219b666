import { TenantPolicy } from '#shared/policy'
import type { User } from '#accounts'
import type ProfessionalSituation from '#passports/models/professional_situation'

/**
 * The professional passport (seeds 002 §3.7–3.9, 003): a learner writes its
 * own situations; teachers of its classes read and evaluate them (later).
 */
export default class ProPassportPolicy extends TenantPolicy {
  /** "Mon passeport": learners. */
  ownPassport(actor: User) {
    return this.is(actor, 'learner')
  }

  /** Teachers review the passports of their classes' learners (which learner: the service decides). */
  review(actor: User) {
    return this.is(actor, 'teacher')
  }

  /** A situation is its learner's to change or delete. */
  manageSituation(actor: User, situation: ProfessionalSituation) {
    return this.is(actor, 'learner') && situation.userId === actor.id
  }
}
