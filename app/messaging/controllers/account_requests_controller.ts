import type { HttpContext } from '@adonisjs/core/http'
import { Centre } from '#centres'
import { submitAccountRequest } from '#messaging/services/account_requests'
import { accountRequestValidator } from '#messaging/validators/account_request'
import { REQUESTABLE_ROLES } from '#messaging/models/account_request'
import { storeAttachments } from '#messaging/services/attachments'
import { refuseAttachments } from '#messaging/controllers/attachment_errors'

export default class AccountRequestsController {
  /** The seed 001 form: "Création d'un utilisateur centre". */
  async create({ view, auth, bouncer }: HttpContext) {
    await bouncer.with('AccountRequestPolicy').authorize('create')
    const centres = await Centre.visibleTo(Centre.query(), auth.getUserOrFail()).orderBy('name')
    return view.render('messaging::pages/account_request', { centres, roles: REQUESTABLE_ROLES })
  }

  async store(ctx: HttpContext) {
    const { request, response, auth, bouncer, session, i18n } = ctx
    await bouncer.with('AccountRequestPolicy').authorize('create')
    const actor = auth.getUserOrFail()
    const data = await request.validateUsing(accountRequestValidator)
    const centre = await Centre.findVisibleOrFail(actor, data.centre_id)
    // "Document associé": one pdf or image, kept with the request's first message.
    const files = await storeAttachments(request.files('attachments'), centre.id)
    if ('error' in files) return refuseAttachments(ctx, files)
    const created = await submitAccountRequest(actor, {
      centreId: centre.id,
      firstName: data.first_name,
      lastName: data.last_name,
      email: data.email,
      gender: data.gender ?? null,
      phone: data.phone ?? null,
      role: data.role,
      attachments: files.stored,
    })
    session.flash('success', i18n.t(`messaging.account_request_sent_${created.recipient}`))
    return response.redirect().toRoute('messages.show', { id: created.conversationId! })
  }
}
