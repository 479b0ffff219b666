import { TenantPolicy } from '#shared/policy'
import type { User } from '#accounts'
import type Candidate from '#candidates/models/candidate'

/**
 * Candidates are the centre's: its manager and staff keep the files; the
 * account manager reads its portfolio's; the network admin reads all and alone
 * corrects a locked file. Evaluators, teachers and learners never reach them.
 */
export default class CandidatePolicy extends TenantPolicy {
  viewList(actor: User) {
    return this.is(actor, 'network_admin', 'account_manager', 'centre_manager', 'centre_staff')
  }

  view(actor: User, candidate: Candidate) {
    return this.viewList(actor) && this.canSeeCentre(actor, candidate.centreId)
  }

  create(actor: User) {
    return this.is(actor, 'centre_manager', 'centre_staff')
  }

  /** Editing rights; a locked file is refused by the service with its reason. */
  edit(actor: User, candidate: Candidate) {
    if (candidate.anonymisedAt) return false
    if (this.isNetworkAdmin(actor)) return true
    return this.create(actor) && this.canSeeCentre(actor, candidate.centreId)
  }

  /** Editing now: a locked file only by the network admin (the pages show "Modifier" from this). */
  amend(actor: User, candidate: Candidate) {
    return this.edit(actor, candidate) && (!candidate.isLocked || this.isNetworkAdmin(actor))
  }

  invite(actor: User, candidate: Candidate) {
    return (
      !candidate.anonymisedAt && this.create(actor) && this.canSeeCentre(actor, candidate.centreId)
    )
  }

  delete(actor: User, candidate: Candidate) {
    return this.create(actor) && this.canSeeCentre(actor, candidate.centreId)
  }

  /** Groups: associate and dissociate (seed 004 §5.9-5.10). */
  group(actor: User, candidate: Candidate) {
    return this.create(actor) && this.canSeeCentre(actor, candidate.centreId)
  }

  /** GDPR: export and anonymise, by the centre manager or the network admin. */
  personalData(actor: User, candidate: Candidate) {
    return (
      this.is(actor, 'network_admin', 'centre_manager') &&
      this.canSeeCentre(actor, candidate.centreId)
    )
  }

  anonymise(actor: User, candidate: Candidate) {
    return !candidate.anonymisedAt && this.personalData(actor, candidate)
  }

  settings(actor: User) {
    return this.isNetworkAdmin(actor)
  }
}
