import { TenantPolicy } from '#shared/policy'
import type { User } from '#accounts'
import type Evaluation from '#evaluations/models/evaluation'

/**
 * Evaluations are their author's: a teacher grades, edits, prints and deletes
 * its own, in its centres. Learners read the ones made visible to them
 * (MyEvaluationsController scopes them to their own results).
 */
export default class EvaluationPolicy extends TenantPolicy {
  viewList(actor: User) {
    return this.is(actor, 'teacher')
  }

  create(actor: User) {
    return this.is(actor, 'teacher')
  }

  grade(actor: User, evaluation: Evaluation) {
    return (
      this.is(actor, 'teacher') &&
      this.canSeeCentre(actor, evaluation.centreId) &&
      evaluation.authorId === actor.id
    )
  }

  edit(actor: User, evaluation: Evaluation) {
    return this.grade(actor, evaluation)
  }

  delete(actor: User, evaluation: Evaluation) {
    return this.grade(actor, evaluation)
  }

  ownList(actor: User) {
    return this.is(actor, 'learner')
  }
}
