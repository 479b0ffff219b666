import { TenantPolicy } from '#shared/policy'
import type { User } from '#accounts'
import type { Candidate } from '#candidates'

/**
 * Credits given to candidates (seed 004 §6.5–6.7): the centre's manager and
 * staff assign, change and remove them and read the activation codes; the
 * network reads what was assigned.
 */
export default class CreditPolicy extends TenantPolicy {
  /** "Gérer les certifications", "Afficher les codes" on the candidates page. */
  manage(actor: User) {
    return this.is(actor, 'centre_manager', 'centre_staff')
  }

  assign(actor: User, candidate: Candidate) {
    return (
      this.manage(actor) && !candidate.anonymisedAt && this.canSeeCentre(actor, candidate.centreId)
    )
  }

  view(actor: User, candidate: Candidate) {
    return (
      this.is(actor, 'network_admin', 'account_manager', 'centre_manager', 'centre_staff') &&
      this.canSeeCentre(actor, candidate.centreId)
    )
  }

  /** Activation codes are the supervising centre's. */
  viewCode(actor: User, candidate: Candidate) {
    return this.manage(actor) && this.canSeeCentre(actor, candidate.centreId)
  }

  /** The documents of a candidate's certification (report, attestations). */
  documents(actor: User, candidate: Candidate) {
    return this.view(actor, candidate)
  }

  /** "Générer des documents" for many candidates (of the centres the actor sees). */
  batchDocuments(actor: User) {
    return this.is(actor, 'network_admin', 'account_manager', 'centre_manager', 'centre_staff')
  }
}
