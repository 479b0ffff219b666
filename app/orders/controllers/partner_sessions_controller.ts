import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import AuditLog from '#shared/audit/audit_log'
import { DomainError } from '#shared/errors'
import { refuseField } from '#shared/ui/forms'
import { toId } from '#shared/tenancy'
import PartnerSession from '#orders/models/partner_session'
import { seatsLeft } from '#orders/services/partner_sessions'
import { partnerSessionValidator } from '#orders/validators/assignment'

/** Sessions of partner exam centres (seed 004 §6.5), published by the network admin. */
export default class PartnerSessionsController {
  async index({ view, bouncer, request }: HttpContext) {
    await bouncer.with('CreditProductPolicy').authorize('manage')
    const past = request.input('past') === '1'
    const now = DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss')
    const sessions = await PartnerSession.query()
      .if(past, (q) => q.where('starts_at', '<=', now).orderBy('starts_at', 'desc'))
      .if(!past, (q) => q.where('starts_at', '>', now).orderBy('starts_at', 'asc'))
      .limit(300)
    return view.render('orders::pages/partner_sessions/index', {
      sessions,
      left: await seatsLeft(sessions),
      past,
    })
  }

  async create({ view, bouncer }: HttpContext) {
    await bouncer.with('CreditProductPolicy').authorize('manage')
    return view.render('orders::pages/partner_sessions/form', { session: null })
  }

  async edit({ params, view, bouncer }: HttpContext) {
    await bouncer.with('CreditProductPolicy').authorize('manage')
    const session = await PartnerSession.findOrFail(toId(params.id))
    return view.render('orders::pages/partner_sessions/form', { session })
  }

  async store(ctx: HttpContext) {
    return this.save(ctx, null)
  }

  async update(ctx: HttpContext) {
    return this.save(ctx, await PartnerSession.findOrFail(toId(ctx.params.id)))
  }

  protected async save(ctx: HttpContext, existing: PartnerSession | null) {
    const { request, response, auth, bouncer, session, i18n } = ctx
    await bouncer.with('CreditProductPolicy').authorize('manage')
    const data = await request.validateUsing(partnerSessionValidator)
    const day = DateTime.fromJSDate(data.date)
    const [hour, minute] = data.time.split(':').map(Number)
    const startsAt = DateTime.fromObject(
      { year: day.year, month: day.month, day: day.day, hour, minute },
      { zone: 'Europe/Paris' }
    ).toUTC()
    const actor = auth.getUserOrFail()
    const refusal = await db.transaction(async (trx) => {
      // The session is locked while its bookings are counted: a desk booking
      // at the same time waits, so the seats never fall below them.
      const saved = existing
        ? await PartnerSession.query({ client: trx })
            .where('id', existing.id)
            .forUpdate()
            .firstOrFail()
        : new PartnerSession()
      if (existing) {
        const [row] = await trx
          .from('credit_assignments')
          .where('partner_session_id', existing.id)
          .whereIn('status', ['planned', 'passed'])
          .count('* as total')
        const used = Number(row.total)
        if (data.seats < used)
          return ['seats', i18n.t('errors.partner_session_seats', { used })] as const
        // Booked candidates were told a date: it does not move under them.
        if (used > 0 && +saved.startsAt !== +startsAt)
          return ['date', i18n.t('errors.partner_session_moved', { used })] as const
      }
      saved.useTransaction(trx).merge({
        centreName: data.centre_name,
        address: data.address,
        postcode: data.postcode.toUpperCase(),
        city: data.city,
        startsAt,
        seats: data.seats,
        status: existing?.status ?? 'open',
      })
      await saved.save()
      await AuditLog.record({
        actor,
        action: existing ? 'partner_session.update' : 'partner_session.create',
        entityType: 'partner_session',
        entityId: saved.id,
        after: { ...data, date: day.toISODate() },
        client: trx,
      })
      return null
    })
    if (refusal) return refuseField(ctx, refusal[0], refusal[1])
    session.flash('success', i18n.t('orders.partner.saved'))
    return response.redirect().toRoute('partner_sessions.index')
  }

  /** Cancels a session nobody is booked on (those booked are moved first). */
  async destroy({ params, response, auth, bouncer, session, i18n }: HttpContext) {
    await bouncer.with('CreditProductPolicy').authorize('manage')
    const partner = await PartnerSession.findOrFail(toId(params.id))
    await db.transaction(async (trx) => {
      const locked = await PartnerSession.query({ client: trx })
        .where('id', partner.id)
        .forUpdate()
        .firstOrFail()
      const [row] = await trx
        .from('credit_assignments')
        .where('partner_session_id', locked.id)
        .where('status', 'planned')
        .count('* as total')
      if (Number(row.total) > 0)
        throw new DomainError('partner_session_booked', { count: Number(row.total) })
      locked.status = 'cancelled'
      await locked.useTransaction(trx).save()
      await AuditLog.record({
        actor: auth.getUserOrFail(),
        action: 'partner_session.cancel',
        entityType: 'partner_session',
        entityId: locked.id,
        client: trx,
      })
    })
    session.flash('success', i18n.t('orders.partner.cancelled'))
    return response.redirect().toRoute('partner_sessions.index')
  }
}
