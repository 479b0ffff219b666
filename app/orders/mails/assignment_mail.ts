import { BaseMail } from '@adonisjs/mail'
import i18nManager from '@adonisjs/i18n/services/main'
import type { Candidate } from '#candidates'
import type CreditAssignment from '#orders/models/credit_assignment'

/**
 * Tells a candidate that an exam was assigned to them (type, date) or that
 * the assignment was cancelled (seed 004 §6.5, §6.6). Never the activation
 * code: the examiner types it.
 */
export default class AssignmentMail extends BaseMail {
  constructor(
    private candidate: Candidate,
    private kind: 'assigned' | 'cancelled',
    private assignment: CreditAssignment | null
  ) {
    super()
  }

  prepare() {
    const i18n = i18nManager.locale('fr')
    const t = i18n.t.bind(i18n)
    const data = {
      t,
      candidate: this.candidate,
      kind: this.kind,
      type: this.assignment ? t(`orders.types.${this.assignment.type}`) : null,
      date: this.assignment?.examDate ? this.assignment.examDate.toFormat('dd/MM/yyyy') : null,
      // An exam in a partner centre: where and when (the session's own label).
      place: this.assignment?.partnerSession ? this.assignment.partnerSession.label() : null,
    }
    this.message
      .to(this.candidate.email!, this.candidate.fullName)
      .subject(t(`orders.mail.${this.kind}_subject`))
      .htmlView('orders::emails/assignment', data)
      .textView('orders::emails/assignment_text', data)
  }
}
