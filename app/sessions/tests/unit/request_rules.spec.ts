import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import ExamSession from '#sessions/models/exam_session'
import Registration from '#sessions/models/registration'
import type { SessionStatus } from '#sessions/models/exam_session'
import { refusalFor } from '#sessions/services/requests'

/** A session and a registration in memory: the rule reads their fields only. */
function at(status: SessionStatus, fields: Partial<ExamSession> = {}) {
  const session = new ExamSession()
  session.merge({
    number: 7000123,
    status,
    startsAt: DateTime.fromISO('2026-12-15T09:00', { zone: 'Europe/Paris' }).toUTC(),
    registrationDeadline: DateTime.fromISO('2026-12-13T00:00', { zone: 'Europe/Paris' }).toUTC(),
    resultsPublishedAt: null,
    ...fields,
  })
  const registration = new Registration()
  registration.status = 'registered'
  return { session, registration }
}

const now = DateTime.fromISO('2026-12-10T12:00', { zone: 'Europe/Paris' }).toUTC()

test.group('Requests · when each kind may be asked', () => {
  test('aménagement and dispense only while registrations are open and before the deadline', ({
    assert,
  }) => {
    const open = at('registrations_open')
    assert.isNull(refusalFor('accommodation', open.session, open.registration, now, 30))
    assert.isNull(refusalFor('exemption', open.session, open.registration, now, 30))
    const lastMinute = DateTime.fromISO('2026-12-13T00:00', { zone: 'Europe/Paris' }).toUTC()
    assert.equal(
      refusalFor('accommodation', open.session, open.registration, lastMinute, 30),
      'request_registrations_must_be_open'
    )
    for (const status of ['planned', 'registrations_closed', 'passed'] as const) {
      const { session, registration } = at(status)
      assert.equal(
        refusalFor('exemption', session, registration, now, 30),
        'request_registrations_must_be_open',
        status
      )
    }
  })

  test('a report until the session is passed; a fraud once it is open; none on an inactive registration', ({
    assert,
  }) => {
    for (const status of [
      'planned',
      'registrations_open',
      'registrations_closed',
      'passed',
    ] as const) {
      const { session, registration } = at(status)
      assert.isNull(refusalFor('postponement', session, registration, now, 30), status)
    }
    for (const status of ['in_correction', 'results_published', 'cancelled'] as const) {
      const { session, registration } = at(status)
      assert.equal(
        refusalFor('postponement', session, registration, now, 30),
        'request_postponement_too_late',
        status
      )
    }
    assert.equal(
      refusalFor('fraud', at('planned').session, at('planned').registration, now, 30),
      'request_fraud_too_early'
    )
    const passed = at('passed')
    assert.isNull(refusalFor('fraud', passed.session, passed.registration, now, 30))
    passed.registration.status = 'postponed'
    assert.equal(
      refusalFor('fraud', passed.session, passed.registration, now, 30),
      'request_registration_inactive'
    )
  })

  test('an appeal within the delay after publication, counted to the minute', ({ assert }) => {
    const published = DateTime.fromISO('2026-12-01T10:00', { zone: 'utc' })
    const { session, registration } = at('results_published', { resultsPublishedAt: published })
    assert.isNull(refusalFor('appeal', session, registration, published.plus({ days: 30 }), 30))
    assert.equal(
      refusalFor('appeal', session, registration, published.plus({ days: 30, minutes: 1 }), 30),
      'request_appeal_too_late'
    )
    assert.isNull(refusalFor('appeal', session, registration, published.plus({ days: 40 }), 45))
    const corrected = at('in_correction')
    assert.equal(
      refusalFor('appeal', corrected.session, corrected.registration, now, 30),
      'request_appeal_no_results'
    )
  })
})
