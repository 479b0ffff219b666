import { TenantPolicy } from '#shared/policy'
import type { User } from '#accounts'
import type { MediaKind } from '#passports/models/passport_media'

/**
 * The exam passport is captured in the centre that holds the session: its
 * evaluators capture everything; its managers and staff only the photo and
 * the signature (seed 000: they never record the oral).
 */
export default class PassportPolicy extends TenantPolicy {
  /** "Sessions en cours": those who capture in a centre. */
  viewSessions(actor: User) {
    return this.is(actor, 'evaluator', 'centre_manager', 'centre_staff')
  }

  viewSession(actor: User, centreId: number) {
    return this.viewSessions(actor) && this.canSeeCentre(actor, centreId)
  }

  capture(actor: User, centreId: number, kind: MediaKind) {
    if (!this.canSeeCentre(actor, centreId)) return false
    if (this.is(actor, 'evaluator')) return true
    return this.is(actor, 'centre_manager', 'centre_staff') && kind !== 'clip'
  }

  /** "Informations candidat" on exam day: those who capture in the centre. */
  editCandidate(actor: User, centreId: number) {
    return this.viewSession(actor, centreId)
  }

  /** What was uploaded (photo, signature, grids, recordings): the centre's capture roles. */
  viewRecord(actor: User, centreId: number) {
    return this.viewSession(actor, centreId)
  }

  /** The zip of a candidate's passport (seed 000 part 8): managers and staff only. */
  exportRecord(actor: User, centreId: number) {
    return this.is(actor, 'centre_manager', 'centre_staff') && this.canSeeCentre(actor, centreId)
  }

  /** The retention of captured files: the network's admins. */
  settings(actor: User) {
    return this.isNetworkAdmin(actor)
  }
}
