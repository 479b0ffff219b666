import type { HttpContext } from '@adonisjs/core/http'
import AuditLog from '#shared/audit/audit_log'
import { ForbiddenException } from '#shared/errors'
import Centre from '#centres/models/centre'
import { updateCentreProfileValidator } from '#centres/validators/centre'
import { refuseLogo, replaceLogo } from '#centres/services/logo'

/**
 * "Ma fiche centre": a centre's own users see its details; its managers update
 * the contact details (the rest is the network's).
 */
export default class CentreProfilesController {
  /** The user's centre (the first one; ?centre= picks another of its centres). */
  async show({ request, view, auth, bouncer }: HttpContext) {
    const actor = auth.getUserOrFail()
    const centres = await Centre.visibleTo(Centre.query(), actor).orderBy('name')
    if (centres.length === 0) throw new ForbiddenException()
    const wanted = Number(request.qs().centre)
    const centre = centres.find((c) => c.id === wanted) ?? centres[0]
    await bouncer.with('CentrePolicy').authorize('viewProfile', centre)
    await centre.load('members', (q) => q.where('role', 'account_manager'))
    const canEdit = await bouncer.with('CentrePolicy').allows('editProfile', centre)
    return view.render('centres::pages/profile', { centre, centres, canEdit })
  }

  async update(ctx: HttpContext) {
    const { params, request, response, auth, bouncer, session, i18n } = ctx
    const actor = auth.getUserOrFail()
    const centre = await Centre.findVisibleOrFail(actor, params.id)
    await bouncer.with('CentrePolicy').authorize('editProfile', centre)
    const data = await request.validateUsing(updateCentreProfileValidator)
    const before = centre.contactDetails
    const logoError = await replaceLogo(ctx, centre)
    if (logoError) return refuseLogo(ctx, logoError)
    centre.merge({
      address: data.address ?? null,
      postcode: data.postcode ?? null,
      city: data.city ?? null,
      contactEmail: data.contact_email ?? null,
      phone: data.phone ?? null,
    })
    await centre.save()
    const changes = AuditLog.diff(before, centre.contactDetails)
    if (Object.keys(changes.after).length) {
      await AuditLog.record({
        actor,
        action: 'centre.profile_updated',
        entityType: 'centre',
        entityId: centre.id,
        centreId: centre.id,
        ...changes,
      })
    }
    session.flash('success', i18n.t('centres.profile_saved'))
    return response.redirect(`/my-centre?centre=${centre.id}`)
  }
}
