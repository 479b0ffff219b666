import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { queryText } from '#shared/ui/table'
import { toId } from '#shared/tenancy'
import { CANDIDATE_SEARCH_TEXT, Candidate } from '#candidates'
import ExamSession from '#sessions/models/exam_session'
import { MOTIVATIONS, registrationValidator } from '#sessions/validators/session'
import { registerCandidates, seatsTaken } from '#sessions/services/registrations'

/**
 * Registration on site (seed 001 part 4): an existing candidate of the centre,
 * the tests (modular products), motivation and ID number. Seats and the
 * deadline are enforced by the service, under a lock.
 */
export default class RegistrationsController {
  async create({ params, view, auth, bouncer, request }: HttpContext) {
    const actor = auth.getUserOrFail()
    const session = await ExamSession.findVisibleOrFail(actor, params.id)
    await bouncer.with('SessionPolicy').authorize('register', session)
    await session.load('product', (q) => q.preload('tests'))
    await session.load('tests')
    const q = queryText(request.input('q'))
    const selected = toId(request.input('candidate')) || null
    const candidates = await Candidate.query()
      .where('centre_id', session.centreId)
      .whereNull('anonymised_at')
      .whereNotExists((sub) =>
        sub
          .from('registrations')
          .whereColumn('registrations.candidate_id', 'candidates.id')
          .where('registrations.session_id', session.id)
      )
      // Back from the candidate wizard: the new file, chosen already.
      .if(selected, (query) => query.where('id', selected!))
      .if(q && !selected, (query) => {
        const like = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
        query.whereRaw(`lower(${CANDIDATE_SEARCH_TEXT}) like ? escape '\\'`, [like])
      })
      .orderBy('last_name')
      .orderBy('first_name')
      .limit(200)
    const offered = session.product.tests.filter((t) =>
      session.tests.some((s) => s.testCode === t.code)
    )
    return view.render('sessions::pages/register', {
      session,
      candidates,
      offered,
      q,
      selected,
      motivations: MOTIVATIONS,
      left: session.seats - (await seatsTaken(session.id)),
      open:
        session.status === 'registrations_open' && DateTime.utc() < session.registrationDeadline,
    })
  }

  async store({ params, request, response, auth, bouncer, session: flash, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const session = await ExamSession.findVisibleOrFail(actor, params.id)
    await bouncer.with('SessionPolicy').authorize('register', session)
    const data = await request.validateUsing(registrationValidator)
    const candidate = await Candidate.query()
      .where('centre_id', session.centreId)
      .where('id', data.candidate_id)
      .whereNull('anonymised_at')
      .firstOrFail()
    const [registration] = await registerCandidates(actor, session.id, [
      {
        candidate,
        input: {
          tests: data.tests ?? [],
          motivation: data.motivation,
          idNumber: data.id_number ?? candidate.idNumber,
          channel: 'on_site',
        },
      },
    ])
    flash.flash(
      'success',
      i18n.t('sessions.registered_message', {
        name: candidate.fullName,
        code: registration.accessCode,
      })
    )
    return response.redirect().toRoute('sessions.show', { id: session.id })
  }
}
