import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { refuseField } from '#shared/ui/forms'
import { Centre } from '#centres'
import { User } from '#accounts'
import type Candidate from '#candidates/models/candidate'
import {
  accountValidator,
  identityValidator,
  informationValidator,
} from '#candidates/validators/candidate'
import {
  createCandidate,
  possibleDuplicates,
  type Draft,
} from '#candidates/services/candidate_files'
import { candidateOptions } from '#candidates/services/options'

const STEPS = ['identity', 'account', 'information'] as const
type Step = (typeof STEPS)[number]
const DRAFT = 'candidate_draft'
const RETURN = 'candidate_return'
/** Where a wizard opened from elsewhere may send the user back (a session's registration page). */
const RETURN_PATH = /^\/sessions\/\d+\/registrations\/create$/

/**
 * Seed 004 §6.3: Identité → Compte → Informations, each a page that posts and
 * redirects (no JavaScript needed); entries wait in the session, so going back
 * keeps them. The file is created after Informations; Coordonnées and Divers
 * are then pages of the file (candidate_files_controller).
 */
export default class CandidateWizardController {
  async start({ request, response, bouncer, session }: HttpContext) {
    await bouncer.with('CandidatePolicy').authorize('create')
    session.forget(DRAFT)
    // Opened from a session's registration page: offer to go back there after creation.
    const back = String(request.input('return', ''))
    if (RETURN_PATH.test(back)) session.put(RETURN, back)
    else session.forget(RETURN)
    return response.redirect().toRoute('candidates.wizard', { step: 'identity' })
  }

  async show({ params, view, response, auth, bouncer, session, i18n }: HttpContext) {
    await bouncer.with('CandidatePolicy').authorize('create')
    const step = params.step as Step
    const draft = session.get(DRAFT) as Draft | undefined
    const reachable =
      step === 'identity' || (draft?.identity && (step === 'account' || draft.account))
    if (!reachable) return response.redirect().toRoute('candidates.wizard', { step: 'identity' })
    const actor = auth.getUserOrFail()
    const centres = await Centre.visibleTo(Centre.query(), actor).orderBy('name')
    const duplicates = session.flashMessages.get('duplicates') ?? []
    return view.render('candidates::pages/wizard', {
      step,
      steps: STEPS,
      draft: draft ?? null,
      values: { centre_id: draft?.centreId, ...(draft?.identity ?? {}), account: draft?.account },
      centres,
      duplicates,
      options: candidateOptions(i18n),
    })
  }

  async identity(ctx: HttpContext) {
    const { request, response, auth, bouncer, session } = ctx
    await bouncer.with('CandidatePolicy').authorize('create')
    const actor = auth.getUserOrFail()
    const data = await request.validateUsing(identityValidator)
    const centre = await Centre.findVisibleOrFail(actor, data.centre_id ?? actor.centreIds[0])
    const birthDate = DateTime.utc(
      data.birth_date.getFullYear(),
      data.birth_date.getMonth() + 1,
      data.birth_date.getDate()
    )
    const duplicates = await possibleDuplicates({
      centreId: centre.id,
      lastName: data.last_name,
      firstName: data.first_name,
      birthDate,
    })
    if (duplicates.length > 0 && !data.confirm_duplicate) {
      session.flashAll()
      session.flash('duplicates', duplicates.map(summary))
      return response.redirect().toRoute('candidates.wizard', { step: 'identity' })
    }
    const previous = session.get(DRAFT) as Draft | undefined
    const { confirm_duplicate: confirmed, centre_id: centreId, ...identity } = data
    void centreId
    session.put(DRAFT, {
      ...previous,
      centreId: centre.id,
      identity: { ...identity, birth_date: birthDate.toISODate(), confirm_duplicate: !!confirmed },
    } satisfies Draft)
    return response.redirect().toRoute('candidates.wizard', { step: 'account' })
  }

  async account(ctx: HttpContext) {
    const { request, response, bouncer, session, i18n } = ctx
    await bouncer.with('CandidatePolicy').authorize('create')
    const draft = session.get(DRAFT) as Draft | undefined
    if (!draft?.identity)
      return response.redirect().toRoute('candidates.wizard', { step: 'identity' })
    const data = await request.validateUsing(accountValidator)
    if (data.account === 'invite') {
      const taken = await User.query().where('email', String(draft.identity.email)).first()
      if (taken)
        return refuseField(
          ctx,
          'account',
          i18n.t('errors.candidate_email_taken', { email: draft.identity.email })
        )
    }
    session.put(DRAFT, { ...draft, account: data.account })
    return response.redirect().toRoute('candidates.wizard', { step: 'information' })
  }

  /** Last required step: the file is created now. */
  async information(ctx: HttpContext) {
    const { request, response, auth, bouncer, session, i18n } = ctx
    await bouncer.with('CandidatePolicy').authorize('create')
    const actor = auth.getUserOrFail()
    const draft = session.get(DRAFT) as Draft | undefined
    if (!draft?.identity || !draft.account)
      return response.redirect().toRoute('candidates.wizard', { step: 'identity' })
    const data = await request.validateUsing(informationValidator)
    // The centre may have been taken away from the user since step 1.
    await Centre.findVisibleOrFail(actor, draft.centreId)
    if (!draft.identity.confirm_duplicate) {
      const duplicates = await possibleDuplicates({
        centreId: draft.centreId,
        lastName: String(draft.identity.last_name),
        firstName: String(draft.identity.first_name),
        birthDate: DateTime.fromISO(String(draft.identity.birth_date), { zone: 'utc' }),
      })
      if (duplicates.length > 0) {
        session.flash('duplicates', duplicates.map(summary))
        return response.redirect().toRoute('candidates.wizard', { step: 'identity' })
      }
    }
    const candidate = await createCandidate(actor, draft, data)
    session.forget(DRAFT)
    const back = session.pull(RETURN) as string | undefined
    if (back && RETURN_PATH.test(back))
      session.flash('candidate_return', `${back}?candidate=${candidate.id}`)
    session.flash('success', i18n.t('candidates.created_message', { name: candidate.fullName }))
    return response.redirect().toRoute('candidates.created', { id: candidate.id })
  }
}

function summary(candidate: Candidate) {
  return {
    id: candidate.id,
    name: candidate.fullName,
    email: candidate.email,
    birthDate: candidate.birthDate.toFormat('dd/MM/yyyy'),
  }
}
