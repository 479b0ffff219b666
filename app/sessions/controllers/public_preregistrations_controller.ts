import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import { DateTime } from 'luxon'
import AuditLog from '#shared/audit/audit_log'
import { Centre } from '#centres'
import { startConversation } from '#messaging'
import Preregistration from '#sessions/models/preregistration'
import { isListed, listedSessions, publicLimiter } from '#sessions/services/preregistrations'

const preregistrationValidator = vine.create({
  session_id: vine.number().withoutDecimals().range([1, 2147483647]).optional(),
  civility: vine.enum(['mme', 'm', 'x'] as const),
  last_name: vine.string().trim().minLength(1).maxLength(100),
  first_name: vine.string().trim().minLength(1).maxLength(100),
  email: vine.string().trim().toLowerCase().email().maxLength(254),
  phone: vine
    .string()
    .trim()
    .regex(/^\+?[0-9 ().-]{6,20}$/)
    .optional(),
  birth_date: vine
    .date({ formats: ['YYYY-MM-DD'] })
    .before('today')
    .afterOrEqual('1900-01-01'),
  tests: vine.array(vine.string().trim().maxLength(8)).optional(),
  consent: vine.accepted(),
  website: vine.string().optional(),
})

const contactValidator = vine.create({
  name: vine.string().trim().minLength(2).maxLength(120),
  email: vine.string().trim().toLowerCase().email().maxLength(254),
  phone: vine
    .string()
    .trim()
    .regex(/^\+?[0-9 ().-]{6,20}$/)
    .optional(),
  message: vine.string().trim().minLength(5).maxLength(3000),
  website: vine.string().optional(),
})

/**
 * A centre's public page on the pre-registration site (seed 001 part 4): its
 * open sessions when it lists them, a pre-registration form (no account, a
 * honeypot and a rate limit instead of a captcha) and a contact form.
 */
export default class PublicPreregistrationsController {
  async show({ params, view, response }: HttpContext) {
    const centre = await listedCentre(params.code)
    if (!centre) return response.notFound()
    const sessions = await listedSessions(centre)
    return view.render('sessions::pages/public', { centre, sessions })
  }

  async store({ params, request, response, session: flash, i18n }: HttpContext) {
    const centre = await listedCentre(params.code)
    if (!centre) return response.notFound()
    const data = await request.validateUsing(preregistrationValidator)
    const thanks = () => {
      flash.flash('success', i18n.t('sessions.preregistered', { centre: centre.name }))
      return response.redirect().toPath(`/inscription/${centre.code}`)
    }
    // A filled honeypot is a robot: thank it and keep nothing.
    if (data.website) return thanks()
    const allowed = await publicLimiter().attempt(`prereg_${centre.id}_${request.ip()}`, () => true)
    if (!allowed) {
      flash.flash('error', i18n.t('errors.too_many_requests'))
      return response.redirect().toPath(`/inscription/${centre.code}`)
    }
    const sessions = await listedSessions(centre)
    const chosen = data.session_id ? sessions.find((s) => s.id === data.session_id) : null
    if (data.session_id && !chosen) return response.notFound()
    const offered = chosen ? chosen.tests.map((t) => t.testCode) : []
    const tests = chosen?.product.modular
      ? (data.tests ?? []).filter((t) => offered.includes(t))
      : offered
    const birth = data.birth_date
    const preregistration = await Preregistration.create({
      centreId: centre.id,
      sessionId: chosen?.id ?? null,
      civility: data.civility,
      lastName: data.last_name,
      firstName: data.first_name,
      email: data.email,
      phone: data.phone ?? null,
      birthDate: DateTime.utc(birth.getFullYear(), birth.getMonth() + 1, birth.getDate()),
      tests,
      status: 'pending',
    })
    await AuditLog.record({
      actor: null,
      action: 'preregistration.created',
      entityType: 'preregistration',
      entityId: preregistration.id,
      centreId: centre.id,
      ip: request.ip(),
    })
    return thanks()
  }

  /** "Demande de contact": lands in the centre's messaging. */
  async contact({ params, request, response, session: flash, i18n }: HttpContext) {
    const centre = await listedCentre(params.code)
    if (!centre) return response.notFound()
    const data = await request.validateUsing(contactValidator)
    const thanks = () => {
      flash.flash('success', i18n.t('sessions.contact_sent', { centre: centre.name }))
      return response.redirect().toPath(`/inscription/${centre.code}`)
    }
    if (data.website) return thanks()
    const allowed = await publicLimiter().attempt(
      `contact_${centre.id}_${request.ip()}`,
      () => true
    )
    if (!allowed) {
      flash.flash('error', i18n.t('errors.too_many_requests'))
      return response.redirect().toPath(`/inscription/${centre.code}`)
    }
    await startConversation({
      centreId: centre.id,
      type: 'contact_request',
      recipient: 'account_manager',
      title: i18n.t('sessions.contact_title', { name: data.name }),
      body: [
        data.message,
        '',
        `${data.name} — ${data.email}${data.phone ? ` — ${data.phone}` : ''}`,
      ].join('\n'),
      author: null,
    })
    return thanks()
  }
}

/** The centre behind a public page, when it is on the pre-registration site. */
async function listedCentre(code: unknown) {
  const centre = await Centre.findBy('code', String(code).toUpperCase())
  return centre && (await isListed(centre)) ? centre : null
}
