import { TenantPolicy } from '#shared/policy'
import type { User } from '#accounts'
import type ExamSession from '#sessions/models/exam_session'

/**
 * Sessions are the centre's: its manager and staff create them and register
 * candidates; the account manager follows its portfolio's; the network admin
 * sees all. Evaluators, teachers and learners never reach these pages.
 */
export default class SessionPolicy extends TenantPolicy {
  viewList(actor: User) {
    return this.is(actor, 'network_admin', 'account_manager', 'centre_manager', 'centre_staff')
  }

  view(actor: User, session: ExamSession) {
    return this.viewList(actor) && this.canSeeCentre(actor, session.centreId)
  }

  create(actor: User) {
    return this.is(actor, 'centre_manager', 'centre_staff')
  }

  register(actor: User, session: ExamSession) {
    return this.create(actor) && this.canSeeCentre(actor, session.centreId)
  }

  /** The purchase order is signed by the centre manager only (seed 001 part 5). */
  signOrder(actor: User, session: ExamSession) {
    return this.is(actor, 'centre_manager') && this.canSeeCentre(actor, session.centreId)
  }

  /** The anomaly sheet is the centre manager's, who puts the session into correction. */
  declareAnomalies(actor: User, session: ExamSession) {
    return this.is(actor, 'centre_manager') && this.canSeeCentre(actor, session.centreId)
  }

  /** The account manager of the portfolio (or a network admin) processes the lines. */
  processAnomalies(actor: User, session: ExamSession) {
    return (
      this.is(actor, 'network_admin', 'account_manager') &&
      this.canSeeCentre(actor, session.centreId)
    )
  }

  /** Results: the network at any time, the centre once published. */
  viewResults(actor: User, session: ExamSession) {
    return this.view(actor, session)
  }

  /** Network staff enter and import results (and re-mark after an appeal). */
  enterResults(actor: User, session: ExamSession) {
    return (
      this.is(actor, 'network_admin', 'account_manager') &&
      this.canSeeCentre(actor, session.centreId)
    )
  }

  /** Publication (now or at a date) is the network admin's, as the lifecycle says. */
  publishResults(actor: User, session: ExamSession) {
    return this.isNetworkAdmin(actor) && this.canSeeCentre(actor, session.centreId)
  }

  /** A learner's own results and attestations ("Mes résultats"). */
  ownResults(actor: User) {
    return this.is(actor, 'learner')
  }

  /** The list of anomalies across sessions (menu Candidats › Anomalies). */
  viewAnomalies(actor: User) {
    return this.is(actor, 'network_admin', 'account_manager', 'centre_manager')
  }

  /** Documents: uploaded by the centre; EO subjects are read under stricter rules. */
  manageDocuments(actor: User, session: ExamSession) {
    return this.register(actor, session)
  }
}
