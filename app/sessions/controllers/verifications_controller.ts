import type { HttpContext } from '@adonisjs/core/http'
import limiter from '@adonisjs/limiter/services/main'
import Attestation from '#sessions/models/attestation'
import { normaliseCode } from '#shared/codes'
import { findVerified } from '#shared/verification'
import { verificationValidator } from '#sessions/validators/results'

/** 30 look-ups a minute per address: a person checks a few codes, a robot is stopped. */
const verifyLimiter = () =>
  limiter.use({ requests: 30, duration: '1 minute', blockDuration: '10 minutes' })

/**
 * The public verification page (no login): a code typed or scanned from the
 * QR shows what the attestation states and whether it is valid, superseded,
 * expired or revoked; nothing else about the candidate.
 */
export default class VerificationsController {
  async form({ view }: HttpContext) {
    return view.render('sessions::pages/verify', { attestation: null, code: '' })
  }

  async lookup({ request, response, session, i18n }: HttpContext) {
    const { code } = await request.validateUsing(verificationValidator)
    const normalised = normaliseCode(code)
    if (!normalised) {
      session.flashAll()
      session.flash('error', i18n.t('sessions.verify.malformed'))
      return response.redirect().toRoute('verify.form')
    }
    return response.redirect().toRoute('verify.show', { code: normalised })
  }

  async show({ params, request, view, response, i18n }: HttpContext) {
    const allowed = await verifyLimiter().attempt(`verify_${request.ip()}`, () => true)
    if (!allowed) {
      response.status(429)
      return view.render('sessions::pages/verify', {
        attestation: null,
        code: '',
        error: i18n.t('errors.too_many_requests'),
      })
    }
    const code = normaliseCode(String(params.code))
    const attestation = code ? await Attestation.findBy('code', code) : null
    // Codes of other documents (certification results) answer on the same page.
    const document = !attestation && code ? await findVerified(code) : null
    if (document)
      return view.render('sessions::pages/verify', { attestation: null, document, code })
    if (!attestation) {
      response.status(404)
      return view.render('sessions::pages/verify', {
        attestation: null,
        code: params.code,
        notFound: true,
      })
    }
    const successor = attestation.supersededById
      ? await Attestation.find(attestation.supersededById)
      : null
    return view.render('sessions::pages/verify', {
      attestation,
      code: attestation.code,
      verdict: attestation.state(),
      successor,
    })
  }
}
