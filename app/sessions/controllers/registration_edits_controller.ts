import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import db from '@adonisjs/lucid/services/db'
import AuditLog from '#shared/audit/audit_log'
import { DomainError } from '#shared/errors'
import { findRegistrationInScope } from '#sessions/services/registrations'
import { MOTIVATIONS } from '#sessions/validators/session'

const editValidator = vine.create({
  tests: vine.array(vine.string().trim().maxLength(8)).optional(),
  motivation: vine.enum(MOTIVATIONS).optional(),
  id_number: vine.string().trim().maxLength(40).optional(),
})

/**
 * "Modifier les informations" of a registration: its tests (modular products,
 * while registrations are open), motivation and ID number.
 */
export default class RegistrationEditsController {
  async edit({ params, view, auth, bouncer }: HttpContext) {
    const { session, registration } = await findRegistrationInScope(
      auth.getUserOrFail(),
      params.id,
      params.registrationId
    )
    await bouncer.with('SessionPolicy').authorize('register', session)
    const offered = session.product.tests.filter((t) =>
      session.tests.some((s) => s.testCode === t.code)
    )
    return view.render('sessions::pages/registration_edit', {
      session,
      registration,
      offered,
      motivations: MOTIVATIONS,
      testsEditable: session.product.modular && session.status === 'registrations_open',
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
    const data = await request.validateUsing(editValidator)
    const before = {
      tests: registration.tests.map((t) => t.testCode),
      motivation: registration.motivation,
      idNumber: registration.idNumber,
    }
    let tests = before.tests
    if (data.tests && session.product.modular) {
      if (session.status !== 'registrations_open')
        throw new DomainError('registrations_not_open', { number: session.number })
      const offered = session.tests.map((t) => t.testCode)
      tests = data.tests.filter((t) => offered.includes(t))
      if (tests.length === 0) throw new DomainError('registration_no_test')
    }
    await db.transaction(async (trx) => {
      registration.useTransaction(trx)
      registration.merge({ motivation: data.motivation ?? null, idNumber: data.id_number ?? null })
      await registration.save()
      const removed = before.tests.filter((t) => !tests.includes(t))
      const added = tests.filter((t) => !before.tests.includes(t))
      if (removed.length)
        await trx
          .from('registration_tests')
          .where('registration_id', registration.id)
          .whereIn('test_code', removed)
          .delete()
      if (added.length)
        await trx.table('registration_tests').multiInsert(
          added.map((code) => ({
            registration_id: registration.id,
            test_code: code,
            absent: false,
          }))
        )
      await AuditLog.record({
        actor,
        action: 'registration.updated',
        entityType: 'registration',
        entityId: registration.id,
        centreId: session.centreId,
        ...AuditLog.diff(before, {
          tests,
          motivation: registration.motivation,
          idNumber: registration.idNumber,
        }),
        client: trx,
      })
    })
    flash.flash(
      'success',
      i18n.t('sessions.registration_saved', { name: registration.candidate.fullName })
    )
    return response.redirect().toRoute('sessions.show', { id: session.id })
  }
}
