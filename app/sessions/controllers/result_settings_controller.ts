import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import AuditLog from '#shared/audit/audit_log'
import { NetworkSettings } from '#shared/settings'
import { APPEAL_DELAY_SETTING, DEFAULT_APPEAL_DELAY_DAYS } from '#sessions/services/requests'
import { DEFAULT_VALIDITY_MONTHS, VALIDITY_SETTING } from '#sessions/services/results'

const settingsValidator = vine.create({
  appeal_delay_days: vine.number().withoutDecimals().range([1, 365]),
  validity_months: vine.number().withoutDecimals().range([1, 120]),
})

/** Réseau › Résultats: the appeal delay and the attestations' validity. */
export default class ResultSettingsController {
  async show({ view, bouncer }: HttpContext) {
    await bouncer.with('ProductPolicy').authorize('manage')
    return view.render('sessions::pages/result_settings', await current())
  }

  async update({ request, response, auth, bouncer, session, i18n }: HttpContext) {
    await bouncer.with('ProductPolicy').authorize('manage')
    const data = await request.validateUsing(settingsValidator)
    const before = await current()
    await NetworkSettings.set(APPEAL_DELAY_SETTING, data.appeal_delay_days)
    await NetworkSettings.set(VALIDITY_SETTING, data.validity_months)
    await AuditLog.record({
      actor: auth.getUserOrFail(),
      action: 'settings.results_changed',
      entityType: 'network_settings',
      entityId: 'results',
      ...AuditLog.diff(before, {
        appealDelayDays: data.appeal_delay_days,
        validityMonths: data.validity_months,
      }),
    })
    session.flash('success', i18n.t('sessions.result_settings.saved'))
    return response.redirect().toRoute('result_settings.show')
  }
}

async function current() {
  return {
    appealDelayDays: await NetworkSettings.getNumber(
      APPEAL_DELAY_SETTING,
      DEFAULT_APPEAL_DELAY_DAYS
    ),
    validityMonths: await NetworkSettings.getNumber(VALIDITY_SETTING, DEFAULT_VALIDITY_MONTHS),
  }
}
