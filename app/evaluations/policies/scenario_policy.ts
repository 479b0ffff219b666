import { TenantPolicy } from '#shared/policy'
import type { User } from '#accounts'
import type Scenario from '#evaluations/models/scenario'

/**
 * Scenarios are teachers': a private one is its author's alone, a public one
 * is read (and duplicated) by the teachers of its centre; only the author
 * edits or deletes it.
 */
export default class ScenarioPolicy extends TenantPolicy {
  viewList(actor: User) {
    return this.is(actor, 'teacher')
  }

  create(actor: User) {
    return this.is(actor, 'teacher')
  }

  view(actor: User, scenario: Scenario) {
    return (
      this.is(actor, 'teacher') &&
      this.canSeeCentre(actor, scenario.centreId) &&
      (scenario.visibility === 'public' || scenario.authorId === actor.id)
    )
  }

  duplicate(actor: User, scenario: Scenario) {
    return this.view(actor, scenario)
  }

  edit(actor: User, scenario: Scenario) {
    return this.view(actor, scenario) && scenario.authorId === actor.id
  }

  delete(actor: User, scenario: Scenario) {
    return this.edit(actor, scenario)
  }
}
