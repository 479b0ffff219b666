import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { Division } from '#centres'
import {
  assignClassFrameworks,
  centreFrameworks,
  frameworksOfClasses,
} from '#evaluations/services/class_frameworks'

/**
 * The frameworks of a class (issue 7: "assigned to training centres and their
 * classes"): its centre's manager picks them among the centre's; teachers see
 * them. A class with none works with all of its centre's frameworks.
 */
export default class ClassFrameworksController {
  async show({ params, view, auth, bouncer }: HttpContext) {
    const division = await Division.findVisibleOrFail(auth.getUserOrFail(), params.id)
    await bouncer.with('FrameworkPolicy').authorize('viewClass', division)
    const frameworks = await centreFrameworks(division.centreId)
    const own = await db.from('division_frameworks').where('division_id', division.id)
    const inUse = await frameworksOfClasses(division.centreId, [division.id])
    return view.render('evaluations::pages/frameworks/class', {
      division,
      frameworks,
      chosen: own.map((r) => Number(r.framework_id)),
      inUse: inUse.get(division.id)!,
      canEdit: await bouncer.with('FrameworkPolicy').allows('assignClass', division),
    })
  }

  async update({ params, request, response, auth, bouncer, session, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const division = await Division.findVisibleOrFail(actor, params.id)
    await bouncer.with('FrameworkPolicy').authorize('assignClass', division)
    const ids = await assignClassFrameworks(actor, division, request.all())
    session.flash(
      'success',
      i18n.t('evaluations.class_frameworks.saved', { name: division.name, count: ids.length })
    )
    return response.redirect().toPath(`/classes/${division.id}/frameworks`)
  }
}
