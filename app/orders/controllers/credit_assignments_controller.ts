import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { Candidate } from '#candidates'
import CreditAssignment from '#orders/models/credit_assignment'
import { needsExamDate } from '#orders/models/credit_type'
import { assignCredit, changeAssignment, removeAssignment } from '#orders/services/assignments'
import { stockOf } from '#orders/services/stock'
import { upcomingPartnerSessions } from '#orders/services/partner_sessions'
import { assignmentValidator, removalValidator } from '#orders/validators/assignment'

const examDateOf = (value: Date | undefined) =>
  value ? DateTime.fromJSDate(value).setZone('utc', { keepLocalTime: true }).startOf('day') : null

/**
 * A candidate's certification (seed 004 §6.5–6.6): "Attribuer une
 * certification" when it has none pending; otherwise "Modifier
 * l'attribution" or "Supprimer l'attribution" (the credit returns to stock).
 */
export default class CreditAssignmentsController {
  protected async candidate({ params, auth, bouncer }: HttpContext) {
    const candidate = await Candidate.findVisibleOrFail(auth.getUserOrFail(), params.id)
    await bouncer.with('CreditPolicy').authorize('assign', candidate)
    return candidate
  }

  async show(ctx: HttpContext) {
    const candidate = await this.candidate(ctx)
    const current = await CreditAssignment.query()
      .where('candidate_id', candidate.id)
      .whereIn('status', ['planned', 'expired'])
      .whereNull('ended_at')
      .preload('line')
      .orderBy('id', 'desc')
      .first()
    const stock = await stockOf(ctx.auth.getUserOrFail(), { centreId: candidate.centreId })
    // The current type stays offered, to change only the date, even with none left.
    if (current?.status === 'planned' && !stock.some((row) => row.type === current.type))
      stock.push({ type: current.type, remaining: 0, nextExpiry: null })
    return ctx.view.render('orders::pages/credits/assign', {
      candidate,
      current,
      stock,
      needsDate: stock.filter((row) => needsExamDate(row.type)).map((row) => row.type),
      partnerSessions: await upcomingPartnerSessions(),
    })
  }

  async store(ctx: HttpContext) {
    const candidate = await this.candidate(ctx)
    const data = await ctx.request.validateUsing(assignmentValidator)
    await assignCredit(ctx.auth.getUserOrFail(), candidate.id, {
      type: data.type,
      examDate: examDateOf(data.exam_date),
      partnerSessionId: data.partner_session_id ?? null,
      notify: !!data.notify,
    })
    ctx.session.flash(
      'success',
      ctx.i18n.t('orders.credits.assigned', { name: candidate.fullName })
    )
    return ctx.response.redirect().toPath(`/candidates/${candidate.id}#certification`)
  }

  async update(ctx: HttpContext) {
    const candidate = await this.candidate(ctx)
    const data = await ctx.request.validateUsing(assignmentValidator)
    await changeAssignment(ctx.auth.getUserOrFail(), candidate.id, {
      type: data.type,
      examDate: examDateOf(data.exam_date),
      partnerSessionId: data.partner_session_id ?? null,
      notify: !!data.notify,
    })
    ctx.session.flash('success', ctx.i18n.t('orders.credits.changed', { name: candidate.fullName }))
    return ctx.response.redirect().toPath(`/candidates/${candidate.id}#certification`)
  }

  async destroy(ctx: HttpContext) {
    const candidate = await this.candidate(ctx)
    const data = await ctx.request.validateUsing(removalValidator)
    const returned = await removeAssignment(ctx.auth.getUserOrFail(), candidate.id, !!data.notify)
    ctx.session.flash(
      'success',
      ctx.i18n.t(returned ? 'orders.credits.removed' : 'orders.credits.removed_expired', {
        name: candidate.fullName,
      })
    )
    return ctx.response.redirect().toPath(`/candidates/${candidate.id}#certification`)
  }
}
