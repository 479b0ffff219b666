import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import type { User } from '#accounts'
import { renderPdf } from '#shared/pdf/pdf'
import { toId } from '#shared/tenancy'
import { reviewedLearner } from '#passports/services/reviews'
import { PRINTED_UNITS, printedUnit, unitPassport } from '#passports/services/unit_passports'
import { downloadHeaders } from '#shared/http/downloads'

/**
 * The printable professional passport (seed 003): the learner chooses the
 * competences of one exam unit (E4 or E6; E5 is assessed elsewhere) and
 * prints that unit's passport; a jury member — a teacher of the learner's
 * class — reads the same on screen, or prints it.
 */
export default class ProPrintsController {
  /** The learner's choice: a unit, then its competences. */
  async choose({ view, auth, bouncer, request }: HttpContext) {
    const actor = auth.getUserOrFail()
    await bouncer.with('ProPassportPolicy').authorize('ownPassport')
    const unit = printedUnit(request.input('unit'))
    return view.render('passports::pages/pro/print', {
      passport: await unitPassport(actor, unit, null),
      units: PRINTED_UNITS,
    })
  }

  async mine({ auth, bouncer, request, response, i18n, session }: HttpContext) {
    const actor = auth.getUserOrFail()
    await bouncer.with('ProPassportPolicy').authorize('ownPassport')
    // The form says it was sent: nothing ticked is a choice to correct, not "everything".
    if (request.input('chosen') === '1' && !request.input('competences')) {
      session.flash('error', i18n.t('passports.print.none_chosen'))
      return response
        .redirect()
        .toPath(`/my/passport/print?unit=${printedUnit(request.input('unit'))}`)
    }
    return this.pdf(actor, request.input('unit'), request.input('competences'), response, i18n)
  }

  /** The jury's view of a learner's unit passport. */
  async jury({ params, view, auth, bouncer, request }: HttpContext) {
    const actor = auth.getUserOrFail()
    await bouncer.with('ProPassportPolicy').authorize('review')
    const learner = await reviewedLearner(actor, toId(params.id))
    const unit = printedUnit(request.input('unit'))
    return view.render('passports::pages/pro/jury', {
      passport: await unitPassport(learner, unit, null),
      units: PRINTED_UNITS,
    })
  }

  async juryPdf({ params, auth, bouncer, request, response, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    await bouncer.with('ProPassportPolicy').authorize('review')
    const learner = await reviewedLearner(actor, toId(params.id))
    return this.pdf(learner, request.input('unit'), request.input('competences'), response, i18n)
  }

  protected async pdf(
    learner: User,
    rawUnit: unknown,
    rawCompetences: unknown,
    response: HttpContext['response'],
    i18n: HttpContext['i18n']
  ) {
    const unit = printedUnit(rawUnit)
    const chosen = rawCompetences === undefined ? null : [rawCompetences].flat().map(toId)
    const passport = await unitPassport(learner, unit, chosen)
    const pdf = await renderPdf('passports::pdf/pro_passport', {
      passport,
      t: i18n.t.bind(i18n),
      printedOn: DateTime.now().setZone('Europe/Paris').toFormat('dd/MM/yyyy'),
    })
    const name = `passeport-${unit}-${learner.lastName}-${learner.firstName}.pdf`
    downloadHeaders(response, { filename: name, mime: 'application/pdf' })
    return response.send(pdf)
  }
}
