import type { HttpContext } from '@adonisjs/core/http'
import { toId } from '#shared/tenancy'
import { DateTime } from 'luxon'
import AuditLog from '#shared/audit/audit_log'
import { DomainError } from '#shared/errors'
import { TableState, renderPage } from '#shared/ui/table'
import ExamSession from '#sessions/models/exam_session'
import Preregistration from '#sessions/models/preregistration'
import { transferPreregistration } from '#sessions/services/preregistrations'

/** The centre's pre-registrations: transfer into a session, or decline. */
export default class PreregistrationsController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.with('SessionPolicy').authorize('viewList')
    const table = TableState.from(ctx, {
      sorts: { created: 'created_at', name: 'last_name' },
      defaultSort: 'created',
      defaultDir: 'desc',
      filters: ['status'],
    })
    const query = Preregistration.visibleTo(
      Preregistration.query(),
      ctx.auth.getUserOrFail()
    ).preload('session', (q) => q.preload('product'))
    table.applySearch(query, ['last_name', 'first_name', 'email'])
    const status = table.filters.status ?? 'pending'
    if (['pending', 'transferred', 'declined'].includes(status)) query.where('status', status)
    const preregistrations = await table.paginate(table.applySort(query))
    return renderPage(
      ctx,
      'sessions::pages/preregistrations',
      'sessions::partials/preregistrations_table',
      { preregistrations, table, status }
    )
  }

  async transferForm({ params, view, auth, bouncer }: HttpContext) {
    const actor = auth.getUserOrFail()
    const preregistration = await Preregistration.findVisibleOrFail(actor, params.id)
    await bouncer.with('SessionPolicy').authorize('create')
    const sessions = await ExamSession.query()
      .where('centre_id', preregistration.centreId)
      .where('status', 'registrations_open')
      .where('registration_deadline', '>', DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss'))
      .preload('product')
      .preload('tests')
      .preload('centre')
      .orderBy('starts_at')
    return view.render('sessions::pages/transfer', { preregistration, sessions })
  }

  async transfer({ params, request, response, auth, bouncer, session: flash, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const preregistration = await Preregistration.findVisibleOrFail(actor, params.id)
    await bouncer.with('SessionPolicy').authorize('create')
    const session = await ExamSession.query()
      .where('centre_id', preregistration.centreId)
      .where('id', toId(request.input('session_id')))
      .preload('tests')
      .preload('product')
      .firstOrFail()
    const offered = session.tests.map((t) => t.testCode)
    const raw = request.input('tests', preregistration.tests)
    const asked = (Array.isArray(raw) ? raw : [raw]).map(String)
    const tests = session.product.modular ? asked.filter((t) => offered.includes(t)) : offered
    const { registration } = await transferPreregistration(actor, preregistration, session, tests)
    flash.flash(
      'success',
      i18n.t('sessions.transferred', {
        name: preregistration.fullName,
        number: session.number,
        code: registration.accessCode,
      })
    )
    return response.redirect().toRoute('preregistrations.index')
  }

  async decline({ params, response, auth, bouncer, session: flash, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const preregistration = await Preregistration.findVisibleOrFail(actor, params.id)
    await bouncer.with('SessionPolicy').authorize('create')
    if (preregistration.status !== 'pending') throw new DomainError('preregistration_done')
    preregistration.status = 'declined'
    await preregistration.save()
    await AuditLog.record({
      actor,
      action: 'preregistration.declined',
      entityType: 'preregistration',
      entityId: preregistration.id,
      centreId: preregistration.centreId,
    })
    flash.flash('success', i18n.t('sessions.declined', { name: preregistration.fullName }))
    return response.redirect().toRoute('preregistrations.index')
  }
}
