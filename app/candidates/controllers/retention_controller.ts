import type { HttpContext } from '@adonisjs/core/http'
import AuditLog from '#shared/audit/audit_log'
import { NetworkSettings } from '#shared/settings'
import { retentionValidator } from '#candidates/validators/candidate'
import {
  DEFAULT_RETENTION_YEARS,
  RETENTION_KEY,
  pastRetention,
} from '#candidates/services/personal_data'

/** The network's retention of candidate files, in years after their last activity. */
export default class RetentionController {
  async show({ view, bouncer }: HttpContext) {
    await bouncer.with('CandidatePolicy').authorize('settings')
    const { years, candidates } = await pastRetention()
    return view.render('candidates::pages/retention', {
      years,
      due: candidates.length,
      defaultYears: DEFAULT_RETENTION_YEARS,
    })
  }

  async update({ request, response, auth, bouncer, session, i18n }: HttpContext) {
    await bouncer.with('CandidatePolicy').authorize('settings')
    const { years } = await request.validateUsing(retentionValidator)
    const before = await NetworkSettings.getNumber(RETENTION_KEY, DEFAULT_RETENTION_YEARS)
    await NetworkSettings.set(RETENTION_KEY, years)
    await AuditLog.record({
      actor: auth.getUserOrFail(),
      action: 'settings.retention_changed',
      entityType: 'network_settings',
      entityId: RETENTION_KEY,
      before: { years: before },
      after: { years },
    })
    session.flash('success', i18n.t('candidates.retention_saved', { years }))
    return response.redirect().toRoute('candidates.retention')
  }
}
