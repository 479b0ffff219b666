import type { HttpContext } from '@adonisjs/core/http'
import { toId } from '#shared/tenancy'
import { centreFilterFor } from '#centres'
import { renderPage } from '#shared/ui/table'
import { exportResponse } from '#shared/spreadsheets/writer'
import ExamSession from '#sessions/models/exam_session'
import Registration from '#sessions/models/registration'
import SessionAnomaly, { ANOMALY_KINDS } from '#sessions/models/session_anomaly'
import {
  addAnomaly,
  processAnomaly,
  removeAnomaly,
  submitAnomalySheet,
} from '#sessions/services/anomalies'
import { anomalyTable } from '#sessions/services/anomaly_table'
import { anomalyProcessingValidator, anomalyValidator } from '#sessions/validators/request'

/**
 * The anomaly sheet of a session (seed 001 part 5, "Mise en correction avec
 * anomalies"): the centre manager fills and sends it, the account manager
 * processes each line; the list of all anomalies for the network.
 */
export default class AnomaliesController {
  async show({ params, view, auth, bouncer }: HttpContext) {
    const actor = auth.getUserOrFail()
    const session = await ExamSession.findVisibleOrFail(actor, params.id)
    const mayDeclare = await bouncer.with('SessionPolicy').allows('declareAnomalies', session)
    const mayProcess = await bouncer.with('SessionPolicy').allows('processAnomalies', session)
    if (!mayDeclare && !mayProcess) await bouncer.with('SessionPolicy').authorize('view', session)
    await session.load('product')
    await session.load('centre')
    const anomalies = await SessionAnomaly.query()
      .where('session_id', session.id)
      .preload('registration', (q) => q.preload('candidate'))
      .orderBy('id')
    const registrations = await Registration.query()
      .where('session_id', session.id)
      .whereNot('status', 'cancelled')
      .preload('candidate')
      .orderBy('number')
    return view.render('sessions::pages/anomalies', {
      session,
      anomalies,
      registrations,
      kinds: ANOMALY_KINDS,
      editable: mayDeclare && session.status === 'passed' && !session.anomaliesSubmittedAt,
      mayProcess,
    })
  }

  async store({ params, request, response, auth, bouncer, session: flash, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const session = await ExamSession.findVisibleOrFail(actor, params.id)
    await bouncer.with('SessionPolicy').authorize('declareAnomalies', session)
    const data = await request.validateUsing(anomalyValidator)
    await addAnomaly(actor, session.id, {
      registrationId: data.registration_id ?? null,
      kind: data.kind,
      description: data.description,
    })
    flash.flash('success', i18n.t('sessions.anomalies.added'))
    return response.redirect().toRoute('anomalies.show', { id: session.id })
  }

  async destroy({ params, response, auth, bouncer, session: flash, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const session = await ExamSession.findVisibleOrFail(actor, params.id)
    await bouncer.with('SessionPolicy').authorize('declareAnomalies', session)
    const anomaly = await SessionAnomaly.query()
      .where('session_id', session.id)
      .where('id', toId(params.anomalyId))
      .firstOrFail()
    await removeAnomaly(actor, anomaly)
    flash.flash('success', i18n.t('sessions.anomalies.removed'))
    return response.redirect().toRoute('anomalies.show', { id: session.id })
  }

  async submit({ params, response, auth, bouncer, session: flash, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const session = await ExamSession.findVisibleOrFail(actor, params.id)
    await bouncer.with('SessionPolicy').authorize('declareAnomalies', session)
    await submitAnomalySheet(
      actor,
      session.id,
      i18n.t('sessions.anomalies.conversation_title', { number: session.number })
    )
    flash.flash('success', i18n.t('sessions.anomalies.submitted'))
    return response.redirect().toRoute('sessions.show', { id: session.id })
  }

  async process({ params, request, response, auth, bouncer, session: flash, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const session = await ExamSession.findVisibleOrFail(actor, params.id)
    await bouncer.with('SessionPolicy').authorize('processAnomalies', session)
    const anomaly = await SessionAnomaly.query()
      .where('session_id', session.id)
      .where('id', toId(params.anomalyId))
      .firstOrFail()
    const { note } = await request.validateUsing(anomalyProcessingValidator)
    const { moved } = await processAnomaly(actor, anomaly.id, note ?? null)
    flash.flash(
      'success',
      i18n.t(moved ? 'sessions.anomalies.all_processed' : 'sessions.anomalies.processed', {
        number: session.number,
      })
    )
    return response.redirect().toRoute('anomalies.show', { id: session.id })
  }

  /** Candidats › Anomalies: every line of the actor's centres, filtered and exported. */
  async index(ctx: HttpContext) {
    await ctx.bouncer.with('SessionPolicy').authorize('viewAnomalies')
    const { table, query } = anomalyTable(ctx)
    const anomalies = await table.paginate(table.applySort(query))
    const centreFilter = await centreFilterFor(ctx.auth.getUserOrFail(), table.filters.centre)
    return renderPage(
      ctx,
      'sessions::pages/anomalies_index',
      'sessions::partials/anomalies_table',
      {
        anomalies,
        table,
        centreFilter,
        kinds: ANOMALY_KINDS,
      }
    )
  }

  async export(ctx: HttpContext) {
    await ctx.bouncer.with('SessionPolicy').authorize('viewAnomalies')
    const { table, query } = anomalyTable(ctx)
    const t = ctx.i18n.t.bind(ctx.i18n)
    const columns = [
      { key: 'number', header: t('sessions.requests.number'), width: 10 },
      { key: 'centre', header: t('sessions.centre'), width: 30 },
      { key: 'session', header: t('sessions.requests.session'), width: 12 },
      { key: 'firstName', header: t('sessions.first_name'), width: 18 },
      { key: 'lastName', header: t('sessions.last_name'), width: 20 },
      { key: 'kind', header: t('sessions.anomalies.kind'), width: 24 },
      { key: 'description', header: t('sessions.anomalies.description'), width: 50 },
      { key: 'submitted', header: t('sessions.requests.requested_at'), width: 14 },
      { key: 'processed', header: t('sessions.anomalies.processed_at'), width: 14 },
      { key: 'status', header: t('sessions.status_label'), width: 14 },
    ]
    async function* rows() {
      for await (const anomaly of table.rows(query)) {
        const zone = anomaly.centre.timeZone
        const candidate = anomaly.registration?.candidate
        yield {
          number: anomaly.id,
          centre: anomaly.centre.name,
          session: anomaly.session.number,
          firstName: candidate?.firstName ?? '',
          lastName: candidate ? candidate.lastName.toUpperCase() : '',
          kind: t(`sessions.anomalies.kinds.${anomaly.kind}`),
          description: anomaly.description,
          submitted: anomaly.submittedAt
            ? anomaly.submittedAt.setZone(zone).toFormat('dd/MM/yyyy')
            : '',
          processed: anomaly.processedAt
            ? anomaly.processedAt.setZone(zone).toFormat('dd/MM/yyyy')
            : '',
          status: t(`sessions.anomalies.status.${anomaly.status}`),
        }
      }
    }
    const format = ctx.params.format === 'csv' ? 'csv' : 'xlsx'
    return exportResponse(ctx.response, format, t('sessions.anomalies.filename'), columns, rows())
  }
}
