import type { HttpContext } from '@adonisjs/core/http'
import { Candidate, candidateOptions, candidateTable, groupOptions } from '#candidates'
import AuditLog from '#shared/audit/audit_log'
import { exportResponse } from '#shared/spreadsheets/writer'
import { scopeToCentres } from '#shared/tenancy'
import { idList } from '#shared/ui/forms'
import { renderPage } from '#shared/ui/table'
import CreditAssignment from '#orders/models/credit_assignment'
import { MAX_BULK } from '#orders/services/assignments'

/** Candidates with a pending exam started by an activation code (the supervised ones). */
const WITH_CODE = (sub: any) =>
  sub
    .from('credit_assignments')
    .whereColumn('credit_assignments.candidate_id', 'candidates.id')
    .where('credit_assignments.status', 'planned')
    .whereNotNull('credit_assignments.activation_code')

/** The selected ids from the query string (candidate_ids[]=…), at most MAX_BULK. */
function selectedIds(ctx: HttpContext) {
  return idList(ctx.request.input('candidate_ids')).slice(0, MAX_BULK)
}

/**
 * Activation codes (seed 004 §6.7): the examiner types one to start a
 * supervised exam. "Afficher le code" on a candidate, "Afficher les codes"
 * for a selection, and their export. Each showing is audited.
 */
export default class ActivationCodesController {
  async one(ctx: HttpContext) {
    const candidate = await Candidate.findVisibleOrFail(ctx.auth.getUserOrFail(), ctx.params.id)
    await ctx.bouncer.with('CreditPolicy').authorize('viewCode', candidate)
    return this.render(ctx, [candidate.id], `/candidates/${candidate.id}#certification`)
  }

  async picker(ctx: HttpContext) {
    await ctx.bouncer.with('CreditPolicy').authorize('manage')
    const { table, query } = candidateTable(ctx)
    query.whereExists(WITH_CODE)
    const candidates = await table.paginate(table.applySort(query, 'candidates.id'), MAX_BULK)
    return renderPage(
      ctx,
      'orders::pages/codes/picker',
      'orders::partials/candidate_picker_table',
      {
        emptyKey: 'orders.codes.picker_empty',
        candidates,
        table,
        groups: await groupOptions(ctx),
        options: candidateOptions(ctx.i18n),
      }
    )
  }

  async selection(ctx: HttpContext) {
    await ctx.bouncer.with('CreditPolicy').authorize('manage')
    return this.render(ctx, selectedIds(ctx), '/activation-codes')
  }

  async export(ctx: HttpContext) {
    await ctx.bouncer.with('CreditPolicy').authorize('manage')
    const rows = await this.codes(ctx, selectedIds(ctx))
    const t = ctx.i18n.t.bind(ctx.i18n)
    const format = ctx.params.format === 'csv' ? 'csv' : 'xlsx'
    return exportResponse(
      ctx.response,
      format,
      t('orders.codes.filename'),
      [
        { key: 'name', header: t('candidates.col_name'), width: 28 },
        { key: 'email', header: t('candidates.col_email'), width: 30 },
        { key: 'status', header: t('candidates.col_status'), width: 12 },
        { key: 'type', header: t('orders.type'), width: 30 },
        { key: 'date', header: t('candidates.col_date'), width: 12 },
        { key: 'code', header: t('orders.codes.code'), width: 14 },
      ],
      rows.map((row) => ({
        name: row.candidate.fullName,
        email: row.candidate.email ?? '',
        status: t(`candidates.exam_status.${row.candidate.examStatus}`),
        type: t(`orders.types.${row.type}`),
        date: row.examDate ? row.examDate.toFormat('dd/MM/yyyy') : '',
        code: row.activationCode,
      }))
    )
  }

  /** The pending supervised credits of these candidates, among the actor's centres. */
  protected async codes(ctx: HttpContext, ids: number[]) {
    const actor = ctx.auth.getUserOrFail()
    const rows = ids.length
      ? await scopeToCentres(CreditAssignment.query(), actor)
          .whereIn('candidate_id', ids)
          .where('status', 'planned')
          .whereNotNull('activation_code')
          .preload('candidate')
      : []
    rows.sort((a, b) => a.candidate.fullName.localeCompare(b.candidate.fullName, 'fr'))
    if (rows.length)
      await AuditLog.record({
        actor,
        action: 'activation_codes.show',
        entityType: 'candidate',
        entityId: rows.length === 1 ? rows[0].candidateId : null,
        centreId: rows[0].centreId,
        after: { candidates: rows.map((row) => row.candidateId) },
      })
    return rows
  }

  protected async render(ctx: HttpContext, ids: number[], back: string) {
    const rows = await this.codes(ctx, ids)
    const query = new URLSearchParams()
    for (const row of rows) query.append('candidate_ids[]', String(row.candidateId))
    return ctx.view.render('orders::pages/codes/list', {
      rows,
      back,
      exportQuery: query.toString(),
    })
  }
}
