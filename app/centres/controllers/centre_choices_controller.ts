import type { HttpContext } from '@adonisjs/core/http'
import { centreChoiceLabel, centreSuggestions } from '#centres/services/centre_filter'

export default class CentreChoicesController {
  /** The centre search field's suggestions: the <option>s of its datalist. */
  async index({ auth, bouncer, request, view }: HttpContext) {
    await bouncer.with('CentrePolicy').authorize('filterLists')
    const centres = await centreSuggestions(auth.getUserOrFail(), request.input('centre'))
    return view.render('centres::partials/centre_choices', {
      choices: centres.map(centreChoiceLabel),
    })
  }
}
