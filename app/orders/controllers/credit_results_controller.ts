import type { HttpContext } from '@adonisjs/core/http'
import { rm } from 'node:fs/promises'
import { checkUpload } from '#shared/uploads/uploads'
import { refuseField } from '#shared/ui/forms'
import { TableState, renderPage } from '#shared/ui/table'
import CreditResult, { VALIDATIONS } from '#orders/models/credit_result'
import { CREDIT_TYPES } from '#orders/models/credit_type'
import { recordResults } from '#orders/services/results'
import { MAX_RESULT_FILE_BYTES, planResultsFile } from '#orders/services/results_import'

/**
 * Certification results (seed 004 §6.9) as the network receives them: the
 * list, and the import of a file from the exam platform (all or nothing,
 * re-importing the same file changes nothing).
 */
export default class CreditResultsController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.with('CreditResultPolicy').authorize('manage')
    const table = TableState.from(ctx, {
      sorts: { passed: 'passed_on', score: 'score' },
      defaultSort: 'passed',
      defaultDir: 'desc',
      filters: ['type', 'validation'],
    })
    const query = CreditResult.query().preload('candidate')
    if (table.q) {
      const like = `%${table.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      query.where((q) =>
        q
          .whereRaw("LOWER(public_code) LIKE ? ESCAPE '\\'", [like])
          .orWhereRaw("LOWER(result_ref) LIKE ? ESCAPE '\\'", [like])
          .orWhereExists((sub) =>
            sub
              .from('candidates')
              .whereColumn('candidates.id', 'credit_results.candidate_id')
              .where((w) =>
                w
                  .whereRaw("LOWER(candidates.last_name) LIKE ? ESCAPE '\\'", [like])
                  .orWhereRaw("LOWER(candidates.email) LIKE ? ESCAPE '\\'", [like])
              )
          )
      )
    }
    if ((CREDIT_TYPES as readonly string[]).includes(table.filters.type ?? ''))
      query.where('type', table.filters.type)
    if ((VALIDATIONS as readonly string[]).includes(table.filters.validation ?? ''))
      query.where('validation', table.filters.validation)
    const results = await table.paginate(table.applySort(query))
    return renderPage(ctx, 'orders::pages/results/index', 'orders::partials/results_table', {
      results,
      table,
      types: CREDIT_TYPES,
      validations: VALIDATIONS,
    })
  }

  async import(ctx: HttpContext) {
    const { request, response, view, auth, bouncer, session, i18n } = ctx
    await bouncer.with('CreditResultPolicy').authorize('manage')
    const file = request.file('file')
    const checked = await checkUpload(file, {
      kinds: ['xlsx', 'csv'],
      maxBytes: MAX_RESULT_FILE_BYTES,
    })
    if (!checked.ok)
      return refuseField(
        ctx,
        'file',
        i18n.t(`imports.file_${checked.reason}`, { max: MAX_RESULT_FILE_BYTES / 1024 / 1024 })
      )
    const typeLabel = (type: string) => i18n.t(`orders.types.${type}`)
    const plan = await planResultsFile(file!.tmpPath!, typeLabel).finally(() =>
      rm(file!.tmpPath!, { force: true })
    )
    if (plan.errors.length)
      return view.render('orders::pages/results/import_report', { errors: plan.errors })
    const recorded = await recordResults(plan.inputs, 'import', auth.getUserOrFail())
    if (recorded.problems.length)
      return view.render('orders::pages/results/import_report', {
        errors: recorded.problems.map((problem) => ({
          row: plan.rowOf[problem.index - 1] ?? problem.index + 1,
          column: null,
          value: plan.inputs[problem.index - 1]?.email ?? '',
          reason: problem.code,
        })),
      })
    const count = (kind: string) => recorded.outcomes.filter((o) => o === kind).length
    session.flash(
      'success',
      i18n.t('orders.results.imported', {
        created: count('created'),
        updated: count('updated'),
        unchanged: count('unchanged'),
      })
    )
    return response.redirect().toRoute('credit_results.index')
  }
}
