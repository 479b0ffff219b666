import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { Candidate, candidateOptions, candidateTable, groupOptions } from '#candidates'
import { DomainError } from '#shared/errors'
import { isCreditType, needsExamDate, needsPartnerSession } from '#orders/models/credit_type'
import { upcomingPartnerSessions } from '#orders/services/partner_sessions'
import { toId } from '#shared/tenancy'
import type { CreditType } from '#orders/models/credit_type'
import CreditAssignment from '#orders/models/credit_assignment'
import { MAX_BULK, assignCredits, removeAssignments } from '#orders/services/assignments'
import { stockOf } from '#orders/services/stock'
import { renderPage } from '#shared/ui/table'
import { assignmentValidator, removalValidator } from '#orders/validators/assignment'
import { idList } from '#shared/ui/forms'

/** Candidates who hold a credit that may be removed (pending, or expired and not cleared). */
const OPEN_CREDIT = (sub: any) =>
  sub
    .from('credit_assignments')
    .whereColumn('credit_assignments.candidate_id', 'candidates.id')
    .whereIn('credit_assignments.status', ['planned', 'expired'])
    .whereNull('credit_assignments.ended_at')

/** Candidates whose pending exam is a credit (it can be exchanged). */
const PENDING_CREDIT = (sub: any) =>
  sub
    .from('credit_assignments')
    .whereColumn('credit_assignments.candidate_id', 'candidates.id')
    .where('credit_assignments.status', 'planned')

/**
 * "Gérer les certifications" (seed 004 §6.6): assign a type to many
 * candidates within the stock, or remove the assignments of many; each a
 * picker of the eligible candidates with the table's search and filters,
 * then one all-or-none action.
 */
export default class BulkCreditsController {
  async show({ view, bouncer, auth }: HttpContext) {
    await bouncer.with('CreditPolicy').authorize('manage')
    const stock = await stockOf(auth.getUserOrFail())
    return view.render('orders::pages/credits/manage', {
      stock,
      needsDate: stock.filter((row) => needsExamDate(row.type)).map((row) => row.type),
      partnerSessions: await upcomingPartnerSessions(),
    })
  }

  /** The choice made on the first step: the picker's address carries the type. */
  async choose({ request, response, bouncer }: HttpContext) {
    await bouncer.with('CreditPolicy').authorize('manage')
    const type = String(request.input('type', ''))
    const examDate = String(request.input('exam_date', '') ?? '')
    const query = new URLSearchParams()
    if (/^\d{4}-\d{2}-\d{2}$/.test(examDate)) query.set('exam_date', examDate)
    if (request.input('notify')) query.set('notify', '1')
    const session = toId(request.input('partner_session_id'))
    if (session) query.set('partner_session_id', String(session))
    if (!isCreditType(type)) return response.redirect().toRoute('bulk_credits.show')
    const qs = query.toString()
    return response.redirect().toPath(`/credits/manage/assign/${type}${qs ? `?${qs}` : ''}`)
  }

  /** The candidates a type may be given to: no pending exam. */
  async assignPicker(ctx: HttpContext) {
    await ctx.bouncer.with('CreditPolicy').authorize('manage')
    const type = String(ctx.params.type)
    if (!isCreditType(type)) return ctx.response.redirect().toRoute('bulk_credits.show')
    const examDate = String(ctx.request.input('exam_date', '') ?? '')
    const { table, query } = candidateTable(ctx)
    // No pending exam, or a pending credit that the new one replaces (seed 004 §6.6).
    query.where((q) =>
      q.whereNot('candidates.exam_status', 'planned').orWhereExists(PENDING_CREDIT)
    )
    const candidates = await table.paginate(table.applySort(query, 'candidates.id'), MAX_BULK)
    const stock = await stockOf(ctx.auth.getUserOrFail())
    return renderPage(
      ctx,
      'orders::pages/credits/picker',
      'orders::partials/candidate_picker_table',
      {
        mode: 'assign',
        emptyKey: 'orders.credits.picker_empty_assign',
        type,
        examDate: /^\d{4}-\d{2}-\d{2}$/.test(examDate) ? examDate : '',
        needsDate: needsExamDate(type),
        partnerSessions: needsPartnerSession(type) ? await upcomingPartnerSessions() : [],
        partnerSessionId: toId(ctx.request.input('partner_session_id')),
        notify: !!ctx.request.input('notify'),
        remaining: stock.find((row) => row.type === type)?.remaining ?? 0,
        candidates,
        table,
        groups: await groupOptions(ctx),
        options: candidateOptions(ctx.i18n),
      }
    )
  }

  /** The candidates whose assignment may be removed. */
  async removePicker(ctx: HttpContext) {
    await ctx.bouncer.with('CreditPolicy').authorize('manage')
    const { table, query } = candidateTable(ctx)
    query.whereExists(OPEN_CREDIT)
    const candidates = await table.paginate(table.applySort(query, 'candidates.id'), MAX_BULK)
    return renderPage(
      ctx,
      'orders::pages/credits/picker',
      'orders::partials/candidate_picker_table',
      {
        mode: 'remove',
        emptyKey: 'orders.credits.picker_empty_remove',
        notify: !!ctx.request.input('notify'),
        candidates,
        table,
        groups: await groupOptions(ctx),
        options: candidateOptions(ctx.i18n),
      }
    )
  }

  async assign(ctx: HttpContext) {
    await ctx.bouncer.with('CreditPolicy').authorize('manage')
    const actor = ctx.auth.getUserOrFail()
    const data = await ctx.request.validateUsing(assignmentValidator)
    const ids = idList(ctx.request.input('candidate_ids'))
    const centreId = await this.centreOf(ctx, ids)
    const stock = await stockOf(actor, { centreId })
    const remaining = stock.find((row) => row.type === data.type)?.remaining ?? 0
    // A pending credit of the same type comes back before the new one is taken.
    const [same] = await CreditAssignment.query()
      .whereIn('candidate_id', ids)
      .where('status', 'planned')
      .where('type', data.type)
      .count('* as total')
    const needed = ids.length - Number(same.$extras.total)
    if (needed > remaining)
      throw new DomainError('credit_stock_short', { remaining, selected: ids.length })
    await assignCredits(
      actor,
      centreId,
      ids,
      {
        type: data.type as CreditType,
        examDate: data.exam_date
          ? DateTime.fromJSDate(data.exam_date).setZone('utc', { keepLocalTime: true })
          : null,
        partnerSessionId: data.partner_session_id ?? null,
        notify: !!data.notify,
      },
      { replace: true }
    )
    ctx.session.flash('success', ctx.i18n.t('orders.credits.bulk_assigned', { count: ids.length }))
    return ctx.response.redirect().toPath('/candidates')
  }

  async remove(ctx: HttpContext) {
    await ctx.bouncer.with('CreditPolicy').authorize('manage')
    const data = await ctx.request.validateUsing(removalValidator)
    const ids = idList(ctx.request.input('candidate_ids'))
    const centreId = await this.centreOf(ctx, ids)
    const returned = await removeAssignments(ctx.auth.getUserOrFail(), centreId, ids, !!data.notify)
    ctx.session.flash(
      'success',
      ctx.i18n.t('orders.credits.bulk_removed', {
        count: ids.length,
        returned: returned.filter(Boolean).length,
      })
    )
    return ctx.response.redirect().toPath('/candidates')
  }

  /** The one centre of the selected candidates, among the actor's; never another's. */
  protected async centreOf(ctx: HttpContext, ids: number[]) {
    if (ids.length === 0) throw new DomainError('credit_none_selected')
    if (ids.length > MAX_BULK) throw new DomainError('credit_too_many', { max: MAX_BULK })
    const rows = await Candidate.visibleTo(Candidate.query(), ctx.auth.getUserOrFail())
      .whereIn('candidates.id', ids)
      .select('candidates.id', 'candidates.centre_id')
    if (rows.length !== ids.length) throw new DomainError('candidate_not_found', {}, 404)
    const centres = new Set(rows.map((row) => row.centreId))
    if (centres.size !== 1) throw new DomainError('credit_one_centre')
    return rows[0].centreId
  }
}
