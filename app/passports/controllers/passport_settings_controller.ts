import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import AuditLog from '#shared/audit/audit_log'
import { NetworkSettings } from '#shared/settings'
import { DEFAULT_RETENTION_DAYS, RETENTION_SETTING } from '#passports/services/retention'

const settingsValidator = vine.create({
  retention_days: vine.number().withoutDecimals().range([7, 3650]),
})

/**
 * Réseau › Passeport: how long the photos, signatures and recordings stay
 * after the session's results (seed 000: 60 days); `passports:purge` applies it.
 */
export default class PassportSettingsController {
  async show({ view, bouncer }: HttpContext) {
    await bouncer.with('PassportPolicy').authorize('settings')
    return view.render('passports::pages/settings', {
      retentionDays: await NetworkSettings.getNumber(RETENTION_SETTING, DEFAULT_RETENTION_DAYS),
    })
  }

  async update({ request, response, auth, bouncer, session, i18n }: HttpContext) {
    await bouncer.with('PassportPolicy').authorize('settings')
    const data = await request.validateUsing(settingsValidator)
    const before = await NetworkSettings.getNumber(RETENTION_SETTING, DEFAULT_RETENTION_DAYS)
    await NetworkSettings.set(RETENTION_SETTING, data.retention_days)
    await AuditLog.record({
      actor: auth.getUserOrFail(),
      action: 'settings.passport_retention_changed',
      entityType: 'network_settings',
      entityId: 'passports',
      before: { retentionDays: before },
      after: { retentionDays: data.retention_days },
    })
    session.flash('success', i18n.t('passports.settings.saved'))
    return response.redirect().toPath('/passport/settings')
  }
}
