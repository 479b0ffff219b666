import type { Centre } from '#centres'
import type { User } from '#accounts'
import type { Role } from '#shared/roles'
import { ADMIN, LEARNER, type Route, TEACHER, CENTRE_TEAM } from '#tests/helpers/authorization'

/*
 * Every route of the passports module, role by role: the exam passport
 * captured on a tablet (sessions, candidates, uploads, clips, oral parts,
 * records, logs, retention) and the professional passport (a learner's
 * situations and attachments, teachers' reviews, dashboards, filters, prints).
 * Run by passports_authorization.spec.ts; the route matrix imports it.
 *
 * The exam passport's records are looked up among the user's centres before
 * the role is checked: the network admin, who belongs to no centre, is not
 * found there (404) where the other refused roles get 403. A learner's
 * situation is looked up among its own (anyone else: 404, ownerOnly); a
 * teacher reaches the learners of its classes only (anyone else's: 404).
 */

/** "Sessions en cours", the capture screens and the records: the centre's capture roles. */
export const CAPTURE: readonly Role[] = ['centre_manager', 'centre_staff', 'evaluator']
/** The oral (clips, subject and grid): the evaluator only (seed 001, "Action / Passeport"). */
const EXAMINER: readonly Role[] = ['evaluator']
/** The zip of a candidate's passport: manager and staff (seed 000 part 8). */
const EXPORTERS = CENTRE_TEAM
/** Looked up among the user's centres first: the network admin (no centre) is not found. */
const NOT_IN_CENTRE = [403, 404] as const

/**
 * A centre with a session held now and a registration with a photo, two
 * clips and a finished photo upload; a class with a teacher and a learner
 * who wrote situations (with attachments), and the teacher's filters.
 */
export interface World {
  centre: Centre
  exam: {
    sessionId: number
    registrationId: number
    /** A subject and the only active criterion of the TEF's EO-A. */
    subjectId: number
    criterionId: number
    photoMediaId: number
    /** The photo's upload, complete. */
    photoUploadId: string
    /** Clips of EO-A by the browser's id: one to move, one to delete. */
    clips: { moved: string; deleted: string }
  }
  pro: {
    learner: User
    teacher: User
    classId: number
    /** A situation and a competence of the learner's framework (S112 / C11.1). */
    situationId: number
    competenceId: number
    situations: { shown: number; edited: number; toDelete: number }
    attachments: { shown: number; toDelete: number }
    filters: { edited: number; toDelete: number }
  }
}

/** A complete situation as the form sends it (seed 002 §3.7). */
const situationForm = (w: World, title: string) => ({
  'title': title,
  'situation_id': w.pro.situationId,
  'description': 'Brief de la société Grassin pour son anniversaire.',
  'location': 'organisation',
  'starts_on': '2026-10-05',
  'ends_on': '2026-10-09',
  'source': 'internship',
  'kind': 'lived',
  'competence_id': w.pro.competenceId,
  'complexities[]': 'Budget contraint',
})

export const ROUTES: Route<World>[] = [
  // The exam passport: "Sessions en cours" and the device log of the user's own centres.
  { method: 'get', pattern: '/passport', allowed: CAPTURE, elsewhere: 'scoped' },
  {
    method: 'post',
    pattern: '/passport/logs',
    // Sent to the account manager of the user's own (first) centre.
    form: () => ({ log: 'capture: micro indisponible' }),
    allowed: CAPTURE,
    elsewhere: 'scoped',
  },
  { method: 'get', pattern: '/passport/settings', allowed: ADMIN, elsewhere: 'network' },
  {
    method: 'put',
    pattern: '/passport/settings',
    form: () => ({ retention_days: 45 }),
    allowed: ADMIN,
    elsewhere: 'network',
  },
  {
    method: 'get',
    pattern: '/passport/sessions/:id',
    path: (w) => `/passport/sessions/${w.exam.sessionId}`,
    allowed: CAPTURE,
    refused: NOT_IN_CENTRE,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/passport/registrations/:id',
    path: (w) => `/passport/registrations/${w.exam.registrationId}`,
    allowed: CAPTURE,
    refused: NOT_IN_CENTRE,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/passport/registrations/:id/capture',
    path: (w) => `/passport/registrations/${w.exam.registrationId}/capture`,
    allowed: CAPTURE,
    refused: NOT_IN_CENTRE,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/passport/registrations/:id/candidate',
    path: (w) => `/passport/registrations/${w.exam.registrationId}/candidate`,
    allowed: CAPTURE,
    refused: NOT_IN_CENTRE,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/passport/registrations/:id/export',
    path: (w) => `/passport/registrations/${w.exam.registrationId}/export`,
    allowed: EXPORTERS,
    refused: NOT_IN_CENTRE,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/passport/media/:id',
    path: (w) => `/passport/media/${w.exam.photoMediaId}`,
    allowed: CAPTURE,
    refused: NOT_IN_CENTRE,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/passport/uploads/:id',
    path: (w) => `/passport/uploads/${w.exam.photoUploadId}`,
    allowed: CAPTURE,
    refused: NOT_IN_CENTRE,
    elsewhere: 404,
  },
  // A chunk replayed after completion: acknowledged, nothing stored (the bytes: uploads.spec.ts).
  {
    method: 'put',
    pattern: '/passport/uploads/:id',
    path: (w) => `/passport/uploads/${w.exam.photoUploadId}?offset=0`,
    allowed: CAPTURE,
    refused: NOT_IN_CENTRE,
    elsewhere: 404,
  },
  {
    method: 'post',
    pattern: '/passport/registrations/:id/uploads',
    path: (w) => `/passport/registrations/${w.exam.registrationId}/uploads`,
    // A photo: manager and staff take it too.
    form: () => ({
      clientId: 'photo-autorisation',
      kind: 'photo',
      size: 2048,
      sha256: 'a'.repeat(64),
    }),
    json: true,
    allowed: CAPTURE,
    refused: NOT_IN_CENTRE,
    elsewhere: 404,
  },
  {
    method: 'put',
    pattern: '/passport/registrations/:id/parts/:part',
    path: (w) => `/passport/registrations/${w.exam.registrationId}/parts/EO-A`,
    form: (w) => ({ subjectId: w.exam.subjectId, grid: { [w.exam.criterionId]: 'B2' } }),
    json: true,
    allowed: EXAMINER,
    refused: NOT_IN_CENTRE,
    elsewhere: 404,
  },
  {
    method: 'patch',
    pattern: '/passport/registrations/:id/clips/:clientId',
    path: (w) => `/passport/registrations/${w.exam.registrationId}/clips/${w.exam.clips.moved}`,
    form: () => ({ part: 'EO-B' }),
    json: true,
    allowed: EXAMINER,
    refused: NOT_IN_CENTRE,
    elsewhere: 404,
  },
  {
    method: 'delete',
    pattern: '/passport/registrations/:id/clips/:clientId',
    path: (w) => `/passport/registrations/${w.exam.registrationId}/clips/${w.exam.clips.deleted}`,
    allowed: EXAMINER,
    refused: NOT_IN_CENTRE,
    elsewhere: 404,
  },
  {
    method: 'put',
    pattern: '/passport/registrations/:id/candidate',
    path: (w) => `/passport/registrations/${w.exam.registrationId}/candidate`,
    form: () => ({
      civility: 'mme',
      last_name: 'Vermillonexamen',
      first_name: 'Marie',
      birth_date: '1990-04-21',
      birth_country: 'FR',
      nationality: 'FR',
    }),
    allowed: CAPTURE,
    refused: NOT_IN_CENTRE,
    elsewhere: 404,
  },

  // "Mon passeport professionnel": the learner's own situations.
  { method: 'get', pattern: '/my/passport', allowed: LEARNER, elsewhere: 'scoped' },
  {
    method: 'get',
    pattern: '/my/passport/situations/create',
    allowed: LEARNER,
    elsewhere: 'network',
  },
  // Written in the learner's own centre; another centre's learner does not have
  // this framework: the field is refused (a redirect back), nothing is written.
  {
    method: 'post',
    pattern: '/my/passport/situations',
    form: (w) => situationForm(w, 'Vermillon nouvelle situation'),
    allowed: LEARNER,
    elsewhere: 'scoped',
  },
  {
    method: 'get',
    pattern: '/my/passport/situations/:id/edit',
    path: (w) => `/my/passport/situations/${w.pro.situations.shown}/edit`,
    allowed: LEARNER,
    elsewhere: 404,
    ownerOnly: true,
  },
  {
    method: 'get',
    pattern: '/my/passport/attachments/:id',
    path: (w) => `/my/passport/attachments/${w.pro.attachments.shown}`,
    allowed: LEARNER,
    elsewhere: 404,
    ownerOnly: true,
  },
  {
    method: 'put',
    pattern: '/my/passport/situations/:id',
    path: (w) => `/my/passport/situations/${w.pro.situations.edited}`,
    form: (w) => situationForm(w, 'Vermillon situation corrigée'),
    allowed: LEARNER,
    elsewhere: 404,
    ownerOnly: true,
  },
  {
    method: 'delete',
    pattern: '/my/passport/attachments/:id',
    path: (w) => `/my/passport/attachments/${w.pro.attachments.toDelete}`,
    allowed: LEARNER,
    elsewhere: 404,
    ownerOnly: true,
  },
  {
    method: 'delete',
    pattern: '/my/passport/situations/:id',
    path: (w) => `/my/passport/situations/${w.pro.situations.toDelete}`,
    allowed: LEARNER,
    elsewhere: 404,
    ownerOnly: true,
  },
  { method: 'get', pattern: '/my/passport/dashboard', allowed: LEARNER, elsewhere: 'scoped' },
  { method: 'get', pattern: '/my/passport/print', allowed: LEARNER, elsewhere: 'scoped' },
  {
    method: 'get',
    pattern: '/my/passport/print.pdf',
    path: () => '/my/passport/print.pdf?unit=E4',
    allowed: LEARNER,
    elsewhere: 'scoped',
  },

  // Teachers: their classes' learners, situations, attachments, dashboards and prints.
  { method: 'get', pattern: '/pro-passports', allowed: TEACHER, elsewhere: 'scoped' },
  {
    method: 'get',
    pattern: '/pro-passports/learners/:id',
    path: (w) => `/pro-passports/learners/${w.pro.learner.id}`,
    allowed: TEACHER,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/pro-passports/situations/:id',
    path: (w) => `/pro-passports/situations/${w.pro.situations.shown}`,
    allowed: TEACHER,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/pro-passports/attachments/:id',
    path: (w) => `/pro-passports/attachments/${w.pro.attachments.shown}`,
    allowed: TEACHER,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/pro-passports/learners/:id/dashboard',
    path: (w) => `/pro-passports/learners/${w.pro.learner.id}/dashboard`,
    allowed: TEACHER,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/pro-passports/classes/:id/heatmap',
    path: (w) => `/pro-passports/classes/${w.pro.classId}/heatmap`,
    allowed: TEACHER,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/pro-passports/learners/:id/passport',
    path: (w) => `/pro-passports/learners/${w.pro.learner.id}/passport?unit=E4`,
    allowed: TEACHER,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/pro-passports/learners/:id/passport.pdf',
    path: (w) => `/pro-passports/learners/${w.pro.learner.id}/passport.pdf?unit=E4`,
    allowed: TEACHER,
    elsewhere: 404,
  },
  {
    method: 'put',
    pattern: '/pro-passports/situations/:id/evaluation',
    path: (w) => `/pro-passports/situations/${w.pro.situations.shown}/evaluation`,
    form: () => ({ result: 'partial', appreciation: 'Vermillon : bonne synthèse.' }),
    allowed: TEACHER,
    elsewhere: 404,
  },
  {
    method: 'post',
    pattern: '/pro-passports/learners/:id/locks',
    path: (w) => `/pro-passports/learners/${w.pro.learner.id}/locks`,
    form: (w) => ({ competence_id: w.pro.competenceId, locked: '1' }),
    allowed: TEACHER,
    elsewhere: 404,
  },

  // A teacher's saved competence filters: its own (another's: 404).
  { method: 'get', pattern: '/pro-passports/filters', allowed: TEACHER, elsewhere: 'scoped' },
  // Competences of the teacher's classes only (another's are left out: nothing saved).
  {
    method: 'post',
    pattern: '/pro-passports/filters',
    form: (w) => ({ 'name': 'Filtre nouveau', 'competences[]': w.pro.competenceId }),
    allowed: TEACHER,
    elsewhere: 'scoped',
  },
  {
    method: 'get',
    pattern: '/pro-passports/filters/:id/edit',
    path: (w) => `/pro-passports/filters/${w.pro.filters.edited}/edit`,
    allowed: TEACHER,
    elsewhere: 404,
  },
  {
    method: 'put',
    pattern: '/pro-passports/filters/:id',
    path: (w) => `/pro-passports/filters/${w.pro.filters.edited}`,
    form: (w) => ({ 'name': 'Filtre renommé', 'competences[]': w.pro.competenceId }),
    allowed: TEACHER,
    elsewhere: 404,
  },
  {
    method: 'delete',
    pattern: '/pro-passports/filters/:id',
    path: (w) => `/pro-passports/filters/${w.pro.filters.toDelete}`,
    allowed: TEACHER,
    elsewhere: 404,
  },
]
