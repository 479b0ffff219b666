import type { HttpContext } from '@adonisjs/core/http'
import { centreFilterFor } from '#centres'
import { renderPage } from '#shared/ui/table'
import { exportResponse } from '#shared/spreadsheets/writer'
import RegistrationRequest, {
  REQUEST_SLUGS,
  REQUEST_STATUSES,
  type RequestKind,
} from '#sessions/models/registration_request'
import { requestTable } from '#sessions/services/request_table'
import { reRegistrationTargets } from '#sessions/services/requests'
import { conversationAttachments } from '#messaging'

const KIND_OF_SLUG = Object.fromEntries(
  Object.entries(REQUEST_SLUGS).map(([kind, slug]) => [slug, kind as RequestKind])
)

/** The lists per kind (account managers' menu), their export, and a request's page. */
export default class RequestsController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.with('RequestPolicy').authorize('viewList')
    const kind = KIND_OF_SLUG[ctx.params.kind]
    const { table, query } = requestTable(ctx, kind)
    const requests = await table.paginate(table.applySort(query))
    const centreFilter = await centreFilterFor(ctx.auth.getUserOrFail(), table.filters.centre)
    return renderPage(ctx, 'sessions::pages/requests/index', 'sessions::partials/requests_table', {
      kind,
      slug: REQUEST_SLUGS[kind],
      requests,
      table,
      centreFilter,
      statuses: REQUEST_STATUSES,
    })
  }

  /** Export as shown: the columns of the list, the filters honoured. */
  async export(ctx: HttpContext) {
    await ctx.bouncer.with('RequestPolicy').authorize('viewList')
    const kind = KIND_OF_SLUG[ctx.params.kind]
    const { table, query } = requestTable(ctx, kind)
    const t = ctx.i18n.t.bind(ctx.i18n)
    const columns = [
      { key: 'number', header: t('sessions.requests.number'), width: 12 },
      { key: 'centre', header: t('sessions.centre'), width: 30 },
      { key: 'session', header: t('sessions.requests.session'), width: 12 },
      { key: 'sessionDate', header: t('sessions.requests.session_date'), width: 14 },
      { key: 'firstName', header: t('sessions.first_name'), width: 18 },
      { key: 'lastName', header: t('sessions.last_name'), width: 20 },
      { key: 'requested', header: t('sessions.requests.requested_at'), width: 14 },
      { key: 'decided', header: t('sessions.requests.decided_at'), width: 14 },
      ...(kind === 'postponement'
        ? [{ key: 'newSession', header: t('sessions.requests.new_session_date'), width: 16 }]
        : []),
      { key: 'status', header: t('sessions.status_label'), width: 16 },
    ]
    async function* rows() {
      for await (const request of table.rows(query)) {
        const zone = request.centre.timeZone
        yield {
          number: request.id,
          centre: request.centre.name,
          session: request.session.number,
          sessionDate: request.session.startsAt.setZone(zone).toFormat('dd/MM/yyyy'),
          firstName: request.candidate.firstName,
          lastName: request.candidate.lastName.toUpperCase(),
          requested: request.createdAt.setZone(zone).toFormat('dd/MM/yyyy'),
          decided: request.decidedAt ? request.decidedAt.setZone(zone).toFormat('dd/MM/yyyy') : '',
          newSession: request.newRegistration
            ? request.newRegistration.session.startsAt.setZone(zone).toFormat('dd/MM/yyyy')
            : '',
          status: t(`sessions.requests.status.${request.status}`),
        }
      }
    }
    const format = ctx.params.format === 'csv' ? 'csv' : 'xlsx'
    return exportResponse(
      ctx.response,
      format,
      t(`sessions.requests.filename.${kind}`),
      columns,
      rows()
    )
  }

  /** "Demande de report n°2733": the facts, the documents, the decision form. */
  async show({ params, view, auth, bouncer }: HttpContext) {
    const actor = auth.getUserOrFail()
    const request = await RegistrationRequest.findVisibleOrFail(actor, params.id)
    await bouncer.with('RequestPolicy').authorize('view', request)
    await request.load('centre')
    await request.load('candidate')
    await request.load('session', (q) => q.preload('product'))
    await request.load('registration', (q) => q.preload('tests'))
    if (request.newRegistrationId)
      await request.load('newRegistration', (q) => q.preload('session'))
    const canDecide = await bouncer.with('RequestPolicy').allows('decide', request)
    const canReRegister =
      request.status === 'accepted' &&
      !request.newRegistrationId &&
      (await bouncer.with('RequestPolicy').allows('reRegister', request))
    return view.render('sessions::pages/requests/show', {
      request,
      slug: REQUEST_SLUGS[request.kind],
      attachments: request.conversationId
        ? await conversationAttachments(request.conversationId)
        : [],
      canDecide: canDecide && request.isPending,
      canReRegister,
      targets: canReRegister ? await reRegistrationTargets(request) : [],
    })
  }
}
