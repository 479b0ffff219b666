import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import drive from '@adonisjs/drive/services/main'
import { storeAttachments, refuseAttachments, ATTACHMENTS } from '#messaging'
import { findRegistrationInScope } from '#sessions/services/registrations'
import {
  DOCUMENT_REQUIRED,
  appealDelayDays,
  refusalFor,
  submitRequest,
} from '#sessions/services/requests'
import { REQUEST_CATEGORIES, REQUEST_KINDS } from '#sessions/models/registration_request'
import type { RequestKind } from '#sessions/models/registration_request'
import { requestValidator } from '#sessions/validators/request'
import { refuseField } from '#shared/ui/forms'

/**
 * A request about one registration, from the row menu of the session page:
 * aménagement, dispense, report, fraude/incident, recours (seed 001 part 5).
 */
export default class RegistrationRequestsController {
  async create({ params, view, auth, bouncer }: HttpContext) {
    const kind = kindOf(params.kind)
    const { session, registration } = await findRegistrationInScope(
      auth.getUserOrFail(),
      params.id,
      params.registrationId
    )
    await bouncer.with('RequestPolicy').authorize('create', session)
    const refused = refusalFor(kind, session, registration, DateTime.utc(), await appealDelayDays())
    return view.render('sessions::pages/requests/create', {
      session,
      registration,
      kind,
      refused,
      categories: REQUEST_CATEGORIES[kind] ?? [],
      tests: registration.tests.filter((t) => !t.exempt).map((t) => t.testCode),
      documentRequired: DOCUMENT_REQUIRED.includes(kind),
      maxFiles: ATTACHMENTS.maxFiles,
    })
  }

  async store(ctx: HttpContext) {
    const { params, request, response, auth, bouncer, session: flash, i18n } = ctx
    const kind = kindOf(params.kind)
    const actor = auth.getUserOrFail()
    const { session, registration } = await findRegistrationInScope(
      actor,
      params.id,
      params.registrationId
    )
    await bouncer.with('RequestPolicy').authorize('create', session)
    const data = await request.validateUsing(requestValidator)
    const files = await storeAttachments(request.files('attachments'), session.centreId)
    if ('error' in files) return refuseAttachments(ctx, files)
    if (DOCUMENT_REQUIRED.includes(kind) && files.stored.length === 0)
      return refuseField(ctx, 'attachments', i18n.t('errors.request_document_required'))
    const created = await submitRequest(
      actor,
      session.id,
      registration.id,
      {
        kind,
        description: data.description,
        category: data.category ?? null,
        testCode: data.test_code ?? null,
        attachments: files.stored,
      },
      i18n.t(`sessions.requests.kind.${kind}`)
    ).catch(async (error) => {
      // A refused request keeps no file behind.
      await Promise.allSettled(files.stored.map((file) => drive.use().delete(file.storageKey)))
      throw error
    })
    flash.flash('success', i18n.t('sessions.requests.submitted', { id: created.id }))
    return response.redirect().toRoute('requests.show', { id: created.id })
  }
}

/** The kind from the URL (the route's matcher has already narrowed it). */
function kindOf(value: unknown): RequestKind {
  return REQUEST_KINDS.includes(value as RequestKind) ? (value as RequestKind) : 'fraud'
}
