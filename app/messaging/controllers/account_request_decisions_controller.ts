import type { HttpContext } from '@adonisjs/core/http'
import AccountRequest from '#messaging/models/account_request'
import { acceptAccountRequest, refuseAccountRequest } from '#messaging/services/account_requests'
import { refusalValidator } from '#messaging/validators/account_request'
import { findInScope } from '#shared/tenancy'
import type { User } from '#accounts'

/** Deciding is a resource: POST .../acceptance accepts, POST .../refusal refuses. */
export default class AccountRequestDecisionsController {
  async accept({ params, auth, bouncer, response, session, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const request = await this.find(actor, params.id)
    await bouncer.with('AccountRequestPolicy').authorize('decide', request)
    await acceptAccountRequest(actor, request)
    session.flash('success', i18n.t('messaging.system.account_created'))
    return response.redirect().toRoute('messages.show', { id: request.conversationId! })
  }

  async refuse({ params, request: http, auth, bouncer, response, session, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const request = await this.find(actor, params.id)
    await bouncer.with('AccountRequestPolicy').authorize('decide', request)
    const { reason } = await http.validateUsing(refusalValidator)
    await refuseAccountRequest(actor, request, reason)
    session.flash('success', i18n.t('messaging.account_request_refused'))
    return response.redirect().toRoute('messages.show', { id: request.conversationId! })
  }

  protected find(actor: User, id: unknown) {
    return findInScope(AccountRequest, actor, id)
  }
}
