import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import AuditLog from '#shared/audit/audit_log'
import { DomainError } from '#shared/errors'
import { findRegistrationInScope } from '#sessions/services/registrations'

/** Absences are declared once the session has taken place (or on its day). */
const DECLARABLE = ['registrations_closed', 'passed']

/**
 * "Gérer l'absence" (seed 001 part 5): the tests a registered candidate missed;
 * for a modular TEF each test separately.
 */
export default class AbsencesController {
  async edit({ params, view, auth, bouncer }: HttpContext) {
    const { session, registration } = await findRegistrationInScope(
      auth.getUserOrFail(),
      params.id,
      params.registrationId
    )
    await bouncer.with('SessionPolicy').authorize('register', session)
    return view.render('sessions::pages/absence', {
      session,
      registration,
      declarable: DECLARABLE.includes(session.status),
    })
  }

  async update({ params, request, response, auth, bouncer, session: flash, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const { session, registration } = await findRegistrationInScope(
      actor,
      params.id,
      params.registrationId
    )
    await bouncer.with('SessionPolicy').authorize('register', session)
    if (!DECLARABLE.includes(session.status)) throw new DomainError('absence_not_now')
    const raw = request.input('absent', [])
    const wanted = new Set((Array.isArray(raw) ? raw : [raw]).map(String))
    const before = registration.tests.filter((t) => t.absent).map((t) => t.testCode)
    await db.transaction(async (trx) => {
      for (const test of registration.tests) {
        const absent = wanted.has(test.testCode)
        if (absent !== test.absent)
          await trx
            .from('registration_tests')
            .where({ registration_id: registration.id, test_code: test.testCode })
            .update({ absent })
      }
      await AuditLog.record({
        actor,
        action: 'registration.absences_declared',
        entityType: 'registration',
        entityId: registration.id,
        centreId: session.centreId,
        before: { absent: before },
        after: { absent: registration.tests.map((t) => t.testCode).filter((c) => wanted.has(c)) },
        client: trx,
      })
    })
    flash.flash(
      'success',
      i18n.t('sessions.absences_saved', { name: registration.candidate.fullName })
    )
    return response.redirect().toRoute('sessions.show', { id: session.id })
  }
}
