import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { TableState, pageWith, renderPage } from '#shared/ui/table'
import { ForbiddenException } from '#shared/errors'
import { canSeeCentre } from '#shared/tenancy'
import type { Actor } from '#shared/roles'
import { exportResponse } from '#shared/spreadsheets/writer'
import { renderPdf } from '#shared/pdf/pdf'
import { centreFilterFor } from '#centres'
import { CANDIDATE_SEARCH_TEXT } from '#candidates'
import ExamSession, { SESSION_STATUSES } from '#sessions/models/exam_session'
import Product from '#sessions/models/product'
import Registration from '#sessions/models/registration'
import SessionDocument from '#sessions/models/session_document'
import PurchaseOrder from '#sessions/models/purchase_order'
import { mayReadDocument } from '#sessions/services/documents'
import { sessionRows, sessionTable, toSessionRows } from '#sessions/services/session_table'
import {
  SESSION_ACTIONS,
  TRANSITIONS,
  applyTransition,
  availableActions,
} from '#sessions/services/lifecycle'
import type { SessionAction } from '#sessions/services/lifecycle'
import { pendingAnomalies } from '#sessions/services/anomalies'
import { seatsTaken } from '#sessions/services/registrations'
import { unpublishResults } from '#sessions/services/results'
import { appealDelayDays, refusalFor, requestsOfSession } from '#sessions/services/requests'
import { registrationRows, toRegistrationRows } from '#sessions/services/registration_rows'
import { REQUEST_KINDS, type RequestKind } from '#sessions/models/registration_request'
import { downloadHeaders } from '#shared/http/downloads'

/** The session page lists its candidates by pages of this many. */
const REGISTRATIONS_PER_PAGE = 50

export default class SessionsController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.with('SessionPolicy').authorize('viewList')
    const { table, query } = sessionTable(ctx)
    const actor = ctx.auth.getUserOrFail()
    const [page, products, centreFilter] = await Promise.all([
      table.paginate(table.applySort(sessionRows(query), 'exam_sessions.id')),
      Product.query().orderBy('number'),
      centreFilterFor(actor, table.filters.centre),
    ])
    return renderPage(ctx, 'sessions::pages/index', 'sessions::partials/sessions_table', {
      sessions: pageWith(page, toSessionRows(page)),
      table,
      statuses: SESSION_STATUSES,
      products,
      centreFilter,
    })
  }

  /** Export as shown: number, product, centre, date, place, seats, registered, status. */
  async export(ctx: HttpContext) {
    await ctx.bouncer.with('SessionPolicy').authorize('viewList')
    const { table, query } = sessionTable(ctx)
    const t = ctx.i18n.t.bind(ctx.i18n)
    const columns = [
      { key: 'number', header: t('sessions.number'), width: 12 },
      { key: 'product', header: t('sessions.product'), width: 32 },
      { key: 'centre', header: t('sessions.centre'), width: 32 },
      { key: 'date', header: t('sessions.date'), width: 18 },
      { key: 'place', header: t('sessions.place'), width: 28 },
      { key: 'seats', header: t('sessions.seats'), width: 10 },
      { key: 'registered', header: t('sessions.registered'), width: 10 },
      { key: 'status', header: t('sessions.status_label'), width: 22 },
    ]
    async function* rows() {
      for await (const session of table.rows(query)) {
        yield {
          number: session.number,
          product: session.product.name,
          centre: session.centre.name,
          date: session.startsAt.setZone(session.centre.timeZone).toFormat('dd/MM/yyyy HH:mm'),
          place: session.place,
          seats: session.seats,
          registered: Number(session.$extras.registrations_count ?? 0),
          status: t(`sessions.status.${session.status}`),
        }
      }
    }
    const format = ctx.params.format === 'csv' ? 'csv' : 'xlsx'
    return exportResponse(ctx.response, format, t('sessions.export_filename'), columns, rows())
  }

  /**
   * The session's page: header, registrations, the actions allowed now. Its
   * candidates come 50 at a time, searched by name, e-mail or access code: a
   * session of 250 rendered 430 KB of HTML per view. The seat count and the
   * documents' conditions count every registration.
   */
  async show(ctx: HttpContext) {
    const { params, auth, bouncer } = ctx
    const actor = auth.getUserOrFail()
    const session = await ExamSession.findVisibleOrFail(actor, params.id)
    await bouncer.with('SessionPolicy').authorize('view', session)
    await session.load('product', (q) => q.preload('tests'))
    await session.load('centre')
    await session.load('tests')
    const table = TableState.from(ctx, {
      sorts: { number: 'registrations.number' },
      defaultSort: 'number',
      perPage: REGISTRATIONS_PER_PAGE,
    })
    const rows = Registration.query().where('registrations.session_id', session.id)
    if (table.q)
      rows.where((w) =>
        w
          .whereHas('candidate', (candidate) =>
            table.applySearch(candidate, [CANDIDATE_SEARCH_TEXT])
          )
          .orWhere((code) => table.applySearch(code, ['registrations.access_code']))
      )
    const page = await table.paginate(table.applySort(registrationRows(rows), 'registrations.id'))
    const registrations = pageWith(page, await toRegistrationRows(page))
    // Every registration, whatever the search: the seats, and whether there are any at all.
    const taken = await seatsTaken(session.id)
    let registered = registrations.total
    if (table.q) {
      const [all] = await db.from('registrations').where('session_id', session.id).count('* as n')
      registered = Number(all.n)
    }
    const offered = session.product.tests.filter((t) =>
      session.tests.some((s) => s.testCode === t.code)
    )
    const documents = await SessionDocument.query()
      .where('session_id', session.id)
      .orderBy('created_at', 'desc')
    const purchaseOrder = await PurchaseOrder.findBy('session_id', session.id)
    const anomaliesPending = await pendingAnomalies(session.id)
    const requests = await requestsOfSession(session.id)
    const delay = await appealDelayDays()
    const now = DateTime.utc()
    const requestable: Record<number, RequestKind[]> = {}
    for (const registration of registrations)
      requestable[registration.id] = REQUEST_KINDS.filter(
        (kind) => !refusalFor(kind, session, registration, now, delay)
      )
    return renderPage(ctx, 'sessions::pages/show', 'sessions::partials/registrations_table', {
      requests: Object.fromEntries(requests),
      requestable,
      requestKinds: REQUEST_KINDS,
      // The table's row actions, decided once for the session (the policies take the session, not the row).
      may: {
        register: await bouncer.with('SessionPolicy').allows('register', session),
        passport: await bouncer.with('PassportPolicy').allows('viewRecord', session.centreId),
        request: await bouncer.with('RequestPolicy').allows('create', session),
      },
      session,
      table,
      registrations,
      registered,
      documents: documents.map((document) => ({
        document,
        readable: mayReadDocument(actor, session, document.type),
      })),
      purchaseOrder,
      taken,
      offered,
      // With an anomaly sheet under way, no direct mise en correction.
      // Publication has its own form on the results page.
      actions: availableActions(actor, session).filter(
        (action) => action !== 'publish' && (action !== 'correct' || anomaliesPending === 0)
      ),
      anomaliesPending,
      open: DateTime.utc() < session.registrationDeadline,
    })
  }

  /** The registered candidates, one row each, tests as O / N / ABS. */
  async exportRegistrations(ctx: HttpContext) {
    const { params, auth, bouncer, i18n, response } = ctx
    const session = await ExamSession.findVisibleOrFail(auth.getUserOrFail(), params.id)
    await bouncer.with('SessionPolicy').authorize('view', session)
    await session.load('tests')
    const t = i18n.t.bind(i18n)
    const codes = session.tests.map((x) => x.testCode)
    const columns = [
      { key: 'number', header: 'N°', width: 8 },
      { key: 'lastName', header: t('sessions.last_name'), width: 22 },
      { key: 'firstName', header: t('sessions.first_name'), width: 18 },
      { key: 'email', header: t('sessions.email'), width: 30 },
      { key: 'birthDate', header: t('sessions.birth_date'), numFmt: 'dd/mm/yyyy' },
      ...codes.map((code) => ({ key: `test_${code}`, header: code, width: 6 })),
      { key: 'accessCode', header: t('sessions.access_code'), width: 14 },
      { key: 'status', header: t('sessions.status_label'), width: 12 },
    ]
    const registrations = Registration.query()
      .where('session_id', session.id)
      .preload('candidate')
      .preload('tests')
      .orderBy('number')
    async function* rows() {
      for (const registration of await registrations) {
        const row: Record<string, unknown> = {
          number: registration.number,
          lastName: registration.candidate.lastName.toUpperCase(),
          firstName: registration.candidate.firstName,
          email: registration.candidate.email ?? '',
          birthDate: registration.candidate.birthDate,
          accessCode: registration.accessCode,
          status: t(`sessions.registration_status.${registration.status}`),
        }
        for (const code of codes) {
          const test = registration.tests.find((x) => x.testCode === code)
          row[`test_${code}`] = test ? (test.absent ? 'ABS' : 'O') : 'N'
        }
        yield row
      }
    }
    const format = params.format === 'csv' ? 'csv' : 'xlsx'
    const filename = `${t('sessions.registrations_filename')}-${session.number}`
    return exportResponse(response, format, filename, columns, rows())
  }

  /** "Codes d'accès des candidats": one PDF for the session's desk. */
  async accessCodes({ params, auth, bouncer, i18n, response }: HttpContext) {
    const session = await ExamSession.findVisibleOrFail(auth.getUserOrFail(), params.id)
    await bouncer.with('SessionPolicy').authorize('register', session)
    await session.load('centre')
    await session.load('product')
    const registrations = await Registration.query()
      .where('session_id', session.id)
      .whereNot('status', 'cancelled')
      .preload('candidate')
      .orderBy('number')
    const pdf = await renderPdf('sessions::pdf/access_codes', {
      session,
      registrations,
      t: i18n.t.bind(i18n),
      date: session.startsAt.setZone(session.centre.timeZone).toFormat('dd/MM/yyyy HH:mm'),
    })
    downloadHeaders(response, {
      filename: `codes_acces_${session.number}.pdf`,
      mime: 'application/pdf',
    })
    return response.send(pdf)
  }

  /** A lifecycle action (open, close, pass, correct, publish, cancel). */
  async transition({ params, response, auth, session: flash, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const session = await ExamSession.findVisibleOrFail(actor, params.id)
    const action = params.action as SessionAction
    if (!SESSION_ACTIONS.includes(action)) return response.notFound()
    // The role (and centre) decide a 403; the state and the time a clear message.
    if (!canTransitionAsRole(actor, session, action)) throw new ForbiddenException()
    // Unpublishing also suspends the attestations while results are corrected.
    const updated =
      action === 'unpublish'
        ? await unpublishResults(actor, session.id)
        : await applyTransition(actor, session.id, action)
    flash.flash(
      'success',
      i18n.t('sessions.transitioned', {
        number: updated.number,
        status: i18n.t(`sessions.status.${updated.status}`),
      })
    )
    return response.redirect().toRoute('sessions.show', { id: session.id })
  }
}

function canTransitionAsRole(actor: Actor, session: ExamSession, action: SessionAction) {
  const roles: readonly string[] = TRANSITIONS[action].roles
  return roles.includes(actor.role) && canSeeCentre(actor, session.centreId)
}
