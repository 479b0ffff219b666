import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import { toId } from '#shared/tenancy'
import { createApiToken, listApiTokens, revokeApiToken } from '#orders/services/api_tokens'

const tokenValidator = vine.create({ name: vine.string().trim().minLength(2).maxLength(80) })

/** The tokens of the exam platforms that send results (network admin). */
export default class ApiTokensController {
  async index({ view, bouncer, session }: HttpContext) {
    await bouncer.with('CreditResultPolicy').authorize('manage')
    return view.render('orders::pages/results/tokens', {
      tokens: await listApiTokens(),
      fresh: session.flashMessages.get('token') ?? null,
    })
  }

  async store({ request, response, auth, bouncer, session }: HttpContext) {
    await bouncer.with('CreditResultPolicy').authorize('manage')
    const { name } = await request.validateUsing(tokenValidator)
    const { token } = await createApiToken(auth.getUserOrFail(), name)
    // Shown once, on the next page only.
    session.flash('token', token)
    return response.redirect().toRoute('api_tokens.index')
  }

  async destroy({ params, response, auth, bouncer, session, i18n }: HttpContext) {
    await bouncer.with('CreditResultPolicy').authorize('manage')
    await revokeApiToken(auth.getUserOrFail(), toId(params.id))
    session.flash('success', i18n.t('orders.results.token_revoked'))
    return response.redirect().toRoute('api_tokens.index')
  }
}
