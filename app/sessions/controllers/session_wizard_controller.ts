import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { refuseField } from '#shared/ui/forms'
import { Centre } from '#centres'
import Product from '#sessions/models/product'
import {
  productStepValidator,
  scheduleStepValidator,
  tariffStepValidator,
  testsStepValidator,
  visibilityStepValidator,
} from '#sessions/validators/session'
import { toBasisPoints, toCents } from '#shared/money'
import { createSession, startsAtOf, tariffOf, type SessionDraft } from '#sessions/services/sessions'
import { registrationDeadline } from '#sessions/services/deadline'

export const WIZARD_STEPS = [
  'product',
  'schedule',
  'tests',
  'tariff',
  'visibility',
  'summary',
] as const
type Step = (typeof WIZARD_STEPS)[number]
const DRAFT = 'session_draft'
type Draft = Partial<SessionDraft> & { modular?: boolean }

/**
 * "Créer une session" (seed 001 part 3): product → date, time, place, seats →
 * tests (modular products) → tariff (the centre's, prefilled) → online
 * visibility → summary. Each step posts and redirects; the draft waits in the
 * session, so going back keeps it and no JavaScript is needed.
 */
export default class SessionWizardController {
  async start({ response, bouncer, session }: HttpContext) {
    await bouncer.with('SessionPolicy').authorize('create')
    session.forget(DRAFT)
    return response.redirect().toRoute('sessions.wizard', { step: 'product' })
  }

  async show({ params, view, response, auth, bouncer, session, i18n }: HttpContext) {
    await bouncer.with('SessionPolicy').authorize('create')
    const actor = auth.getUserOrFail()
    const step = params.step as Step
    const draft = (session.get(DRAFT) ?? {}) as Draft
    const missing = firstMissing(draft)
    if (WIZARD_STEPS.indexOf(step) > WIZARD_STEPS.indexOf(missing))
      return response.redirect().toRoute('sessions.wizard', { step: missing })
    const centres = await Centre.visibleTo(Centre.query(), actor).orderBy('name')
    const products = await Product.query()
      .where('status', 'active')
      .preload('tests')
      .orderBy('number')
    const product = products.find((p) => p.id === draft.productId) ?? null
    const centre = centres.find((c) => c.id === draft.centreId) ?? null
    if (step === 'tests' && product && !product.modular)
      return response.redirect().toRoute('sessions.wizard', { step: 'tariff' })
    let summary = null
    if (step === 'summary' && centre && draft.date && draft.time) {
      const startsAt = startsAtOf(draft as SessionDraft, centre.timeZone)
      summary = {
        startsAt,
        deadline: registrationDeadline(startsAt, centre.timeZone),
      }
    }
    return view.render('sessions::pages/wizard', {
      step,
      steps: WIZARD_STEPS.filter((s) => s !== 'tests' || !product || product.modular),
      draft,
      product,
      centre,
      centres,
      products,
      summary,
      zone: centre?.timeZone ?? 'Europe/Paris',
      locale: i18n.locale,
    })
  }

  async store(ctx: HttpContext) {
    const { params, request, response, auth, bouncer, session, i18n } = ctx
    await bouncer.with('SessionPolicy').authorize('create')
    const actor = auth.getUserOrFail()
    const step = params.step as Step
    const draft = (session.get(DRAFT) ?? {}) as Draft
    const go = (next: Step) => {
      return response.redirect().toRoute('sessions.wizard', { step: next })
    }

    if (step === 'product') {
      const data = await request.validateUsing(productStepValidator)
      const centre = await Centre.findVisibleOrFail(actor, data.centre_id ?? actor.centreIds[0])
      const product = await Product.query()
        .where('id', data.product_id)
        .where('status', 'active')
        .firstOrFail()
      const changed = draft.productId !== product.id || draft.centreId !== centre.id
      const tariff = await tariffOf(centre.id, product.id)
      session.put(DRAFT, {
        ...draft,
        productId: product.id,
        centreId: centre.id,
        modular: product.modular,
        visibility: draft.visibility ?? centre.onlineVisibility,
        // A new product: its tests and the centre's tariff for it, proposed again.
        ...(changed ? { tests: undefined, prices: tariff.prices, vatRate: tariff.vatRate } : {}),
      })
      return go('schedule')
    }
    if (firstMissing(draft) === 'product') return go('product')
    const centre = await Centre.findVisibleOrFail(actor, draft.centreId)
    const product = await Product.query()
      .where('id', draft.productId!)
      .preload('tests')
      .firstOrFail()

    if (step === 'schedule') {
      const data = await request.validateUsing(scheduleStepValidator)
      const date = DateTime.fromJSDate(data.date).toISODate()!
      const startsAt = startsAtOf({ date, time: data.time }, centre.timeZone)
      if (startsAt <= DateTime.utc())
        return refuseField(ctx, 'time', i18n.t('errors.session_in_past'))
      session.put(DRAFT, { ...draft, date, time: data.time, place: data.place, seats: data.seats })
      return go(product.modular ? 'tests' : 'tariff')
    }
    if (step === 'tests') {
      const data = await request.validateUsing(testsStepValidator)
      const tests = product.tests.map((t) => t.code).filter((c) => data.tests.includes(c))
      if (tests.length === 0) return refuseField(ctx, 'tests', i18n.t('errors.session_no_test'))
      session.put(DRAFT, { ...draft, tests })
      return go('tariff')
    }
    if (step === 'tariff') {
      const data = await request.validateUsing(tariffStepValidator)
      const codes = product.modular ? (draft.tests ?? []) : ['']
      const prices: Record<string, number> = {}
      for (const code of codes) {
        const value = data.prices[code === '' ? 'single' : code]
        if (value === undefined)
          return refuseField(ctx, `prices.${code || 'single'}`, i18n.t('errors.price_missing'))
        prices[code] = toCents(value)
      }
      session.put(DRAFT, { ...draft, prices, vatRate: toBasisPoints(data.vat_rate) })
      return go('visibility')
    }
    if (step === 'visibility') {
      const data = await request.validateUsing(visibilityStepValidator)
      session.put(DRAFT, { ...draft, visibility: data.visibility })
      return go('summary')
    }
    // Summary: create.
    const missing = firstMissing(draft)
    if (missing !== 'summary') return go(missing)
    const created = await createSession(actor, centre, product, draft as SessionDraft)
    session.forget(DRAFT)
    session.flash('success', i18n.t('sessions.created', { number: created.number }))
    return response.redirect().toRoute('sessions.show', { id: created.id })
  }
}

/** The first step whose answers are missing ('summary' when all are there). */
function firstMissing(draft: Draft): Step {
  if (!draft.productId || !draft.centreId) return 'product'
  if (!draft.date || !draft.time || !draft.place || !draft.seats) return 'schedule'
  if (draft.modular && !draft.tests?.length) return 'tests'
  if (!draft.prices || draft.vatRate === undefined) return 'tariff'
  if (!draft.visibility) return 'visibility'
  return 'summary'
}
