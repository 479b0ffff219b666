import type { HttpContext } from '@adonisjs/core/http'
import RegistrationRequest from '#sessions/models/registration_request'
import {
  acceptRequest,
  refuseRequest,
  reRegister,
  reviewRequest,
} from '#sessions/services/requests'
import { reRegistrationValidator, requestRefusalValidator } from '#sessions/validators/request'

/**
 * The account manager's decisions (POST .../review, .../acceptance,
 * .../refusal) and the re-registration of a postponed candidate.
 */
export default class RequestDecisionsController {
  async review({ params, auth, bouncer, response, session, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const request = await RegistrationRequest.findVisibleOrFail(actor, params.id)
    await bouncer.with('RequestPolicy').authorize('decide', request)
    await reviewRequest(actor, request.id)
    session.flash('success', i18n.t('sessions.requests.reviewed'))
    return response.redirect().toRoute('requests.show', { id: request.id })
  }

  async accept({ params, auth, bouncer, response, session, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const request = await RegistrationRequest.findVisibleOrFail(actor, params.id)
    await bouncer.with('RequestPolicy').authorize('decide', request)
    await acceptRequest(actor, request.id)
    session.flash('success', i18n.t('sessions.requests.accepted'))
    return response.redirect().toRoute('requests.show', { id: request.id })
  }

  async refuse({ params, request: http, auth, bouncer, response, session, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const request = await RegistrationRequest.findVisibleOrFail(actor, params.id)
    await bouncer.with('RequestPolicy').authorize('decide', request)
    const { reason } = await http.validateUsing(requestRefusalValidator)
    await refuseRequest(actor, request.id, reason)
    session.flash('success', i18n.t('sessions.requests.refused'))
    return response.redirect().toRoute('requests.show', { id: request.id })
  }

  /** "Réinscrire le candidat" into one of the sessions the page offered. */
  async reRegister({ params, request: http, auth, bouncer, response, session, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const request = await RegistrationRequest.findVisibleOrFail(actor, params.id)
    await bouncer.with('RequestPolicy').authorize('reRegister', request)
    const data = await http.validateUsing(reRegistrationValidator)
    const { newNumber } = await reRegister(actor, request.id, data.session_id)
    session.flash('success', i18n.t('sessions.requests.reregistered', { number: newNumber }))
    return response.redirect().toRoute('requests.show', { id: request.id })
  }
}
