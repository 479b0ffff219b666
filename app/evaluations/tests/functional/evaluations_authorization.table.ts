import type { Centre } from '#centres'
import type { User } from '#accounts'
import type { Role } from '#shared/roles'
import { ADMIN, LEARNER, MANAGER, type Route, TEACHER } from '#tests/helpers/authorization'

/*
 * Every route of the evaluations module (frameworks and their assignments,
 * a class's frameworks, scenarios, evaluations, a learner's evaluations),
 * role by role. Run by evaluations_authorization.spec.ts; the route matrix
 * imports it.
 *
 * Scenarios and evaluations are looked up among the user's centres before the
 * role is checked: the network admin, who belongs to no centre, is not found
 * there (404) where the other refused roles get 403. The teacher who plays the
 * role is the author of the world's scenarios and evaluations; another teacher
 * of the centre reads public scenarios only (AUTHOR_ONLY: 403). The learner
 * who plays the role is the one evaluated.
 */

/** A class's frameworks: seen by those who see the class (not staff, evaluators, learners). */
export const CLASS_READERS: readonly Role[] = [
  'network_admin',
  'account_manager',
  'centre_manager',
  'teacher',
]
/** Looked up among the user's centres first: the network admin (no centre) is not found. */
const NOT_IN_CENTRE = [403, 404] as const

/** A training centre with the demo framework, a class, the teacher's scenarios and evaluations. */
export interface World {
  centre: Centre
  teacher: User
  learner: User
  classId: number
  framework: { id: number; versionId: number }
  /** C11.1, a competence of the centre's framework. */
  competenceId: number
  /** Public scenarios of the teacher (`shown` with two attachments) and a private one. */
  scenarios: { shown: number; edited: number; toDelete: number; private: number }
  attachments: { shown: number; toDelete: number }
  /** Evaluations of the teacher; `shown` is visible to the learner, who is in each. */
  evaluations: { shown: number; edited: number; toDelete: number }
}

/** Evaluations and scenarios changed by their author only: another teacher of the centre gets 403. */
export const AUTHOR_ONLY: ReadonlySet<string> = new Set([
  'GET /scenarios/:id/edit',
  'PUT /scenarios/:id',
  'DELETE /scenarios/:id',
  'DELETE /scenarios/:id/attachments/:attachmentId',
  'GET /evaluations/:id',
  'GET /evaluations/:id/edit',
  'PUT /evaluations/:id',
  'DELETE /evaluations/:id',
  'POST /evaluations/:id/grades',
  'GET /evaluations/:id/sheet',
  'GET /evaluations/:id/history',
])

const evaluationForm = (w: World, title: string) => ({
  'title': title,
  'evaluated_on': '2026-11-20',
  'competences[]': w.competenceId,
  'learners[]': w.learner.id,
})

export const ROUTES: Route<World>[] = [
  // Réseau › Référentiels: the network's frameworks.
  { method: 'get', pattern: '/frameworks', allowed: ADMIN, elsewhere: 'network' },
  { method: 'get', pattern: '/frameworks/import', allowed: ADMIN, elsewhere: 'network' },
  // No file: the admin is sent back to the form with the reason (the import: frameworks.spec.ts).
  {
    method: 'post',
    pattern: '/frameworks',
    form: () => ({ code: 'VERM', name: 'Référentiel Vermillon' }),
    allowed: ADMIN,
    elsewhere: 'network',
  },
  {
    method: 'get',
    pattern: '/frameworks/:id',
    path: (w) => `/frameworks/${w.framework.id}`,
    allowed: ADMIN,
    elsewhere: 'network',
  },
  {
    method: 'put',
    pattern: '/frameworks/:id/assignments',
    path: (w) => `/frameworks/${w.framework.id}/assignments`,
    form: (w) => ({ 'version_id': w.framework.versionId, 'centres[]': w.centre.id }),
    allowed: ADMIN,
    elsewhere: 'network',
  },

  // A class's frameworks.
  {
    method: 'get',
    pattern: '/classes/:id/frameworks',
    path: (w) => `/classes/${w.classId}/frameworks`,
    allowed: CLASS_READERS,
    elsewhere: 404,
  },
  {
    method: 'put',
    pattern: '/classes/:id/frameworks',
    path: (w) => `/classes/${w.classId}/frameworks`,
    form: (w) => ({ 'frameworks[]': w.framework.id }),
    allowed: MANAGER,
    elsewhere: 404,
  },

  // Scenarios: the teachers' of the centre (mine and the public ones).
  { method: 'get', pattern: '/scenarios', allowed: TEACHER, elsewhere: 'scoped' },
  { method: 'get', pattern: '/scenarios/create', allowed: TEACHER, elsewhere: 'scoped' },
  // Another centre named: the field is refused (a redirect back), nothing is written.
  {
    method: 'post',
    pattern: '/scenarios',
    form: (w) => ({
      'centre_id': w.centre.id,
      'title': 'Scénario Vermillon nouveau',
      'visibility': 'private',
      'competences[]': w.competenceId,
    }),
    allowed: TEACHER,
    elsewhere: 'scoped',
  },
  {
    method: 'get',
    pattern: '/scenarios/:id',
    path: (w) => `/scenarios/${w.scenarios.shown}`,
    allowed: TEACHER,
    refused: NOT_IN_CENTRE,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/scenarios/:id/attachments/:attachmentId',
    path: (w) => `/scenarios/${w.scenarios.shown}/attachments/${w.attachments.shown}`,
    allowed: TEACHER,
    refused: NOT_IN_CENTRE,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/scenarios/:id/pdf',
    path: (w) => `/scenarios/${w.scenarios.shown}/pdf`,
    allowed: TEACHER,
    refused: NOT_IN_CENTRE,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/scenarios/:id/duplicate',
    path: (w) => `/scenarios/${w.scenarios.shown}/duplicate`,
    allowed: TEACHER,
    refused: NOT_IN_CENTRE,
    elsewhere: 404,
  },
  {
    method: 'post',
    pattern: '/scenarios/:id/duplicate',
    path: (w) => `/scenarios/${w.scenarios.shown}/duplicate`,
    form: () => ({ title: 'Copie Vermillon' }),
    allowed: TEACHER,
    refused: NOT_IN_CENTRE,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/scenarios/:id/edit',
    path: (w) => `/scenarios/${w.scenarios.shown}/edit`,
    allowed: TEACHER,
    refused: NOT_IN_CENTRE,
    elsewhere: 404,
  },
  {
    method: 'put',
    pattern: '/scenarios/:id',
    path: (w) => `/scenarios/${w.scenarios.edited}`,
    form: (w) => ({
      'title': 'Scénario Vermillon corrigé',
      'visibility': 'public',
      'competences[]': w.competenceId,
    }),
    allowed: TEACHER,
    refused: NOT_IN_CENTRE,
    elsewhere: 404,
  },
  {
    method: 'delete',
    pattern: '/scenarios/:id/attachments/:attachmentId',
    path: (w) => `/scenarios/${w.scenarios.shown}/attachments/${w.attachments.toDelete}`,
    allowed: TEACHER,
    refused: NOT_IN_CENTRE,
    elsewhere: 404,
  },
  {
    method: 'delete',
    pattern: '/scenarios/:id',
    path: (w) => `/scenarios/${w.scenarios.toDelete}`,
    allowed: TEACHER,
    refused: NOT_IN_CENTRE,
    elsewhere: 404,
  },

  // Evaluations: the teacher's own.
  { method: 'get', pattern: '/evaluations', allowed: TEACHER, elsewhere: 'scoped' },
  { method: 'get', pattern: '/evaluations/create', allowed: TEACHER, elsewhere: 'scoped' },
  // Another centre named: the field is refused (a redirect back), nothing is written.
  {
    method: 'post',
    pattern: '/evaluations',
    form: (w) => ({ centre_id: w.centre.id, ...evaluationForm(w, 'Évaluation Vermillon') }),
    allowed: TEACHER,
    elsewhere: 'scoped',
  },
  {
    method: 'get',
    pattern: '/evaluations/:id',
    path: (w) => `/evaluations/${w.evaluations.shown}`,
    allowed: TEACHER,
    refused: NOT_IN_CENTRE,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/evaluations/:id/edit',
    path: (w) => `/evaluations/${w.evaluations.shown}/edit`,
    allowed: TEACHER,
    refused: NOT_IN_CENTRE,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/evaluations/:id/sheet',
    path: (w) => `/evaluations/${w.evaluations.shown}/sheet`,
    allowed: TEACHER,
    refused: NOT_IN_CENTRE,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/evaluations/:id/history',
    path: (w) => `/evaluations/${w.evaluations.shown}/history`,
    allowed: TEACHER,
    refused: NOT_IN_CENTRE,
    elsewhere: 404,
  },
  // The page's autosave (JSON): one grade.
  {
    method: 'post',
    pattern: '/evaluations/:id/grades',
    path: (w) => `/evaluations/${w.evaluations.shown}/grades`,
    form: (w) => ({ grades: { [`l${w.learner.id}`]: { [`c${w.competenceId}`]: 'partial' } } }),
    json: true,
    allowed: TEACHER,
    refused: NOT_IN_CENTRE,
    elsewhere: 404,
  },
  {
    method: 'put',
    pattern: '/evaluations/:id',
    path: (w) => `/evaluations/${w.evaluations.edited}`,
    form: (w) => evaluationForm(w, 'Évaluation Vermillon corrigée'),
    allowed: TEACHER,
    refused: NOT_IN_CENTRE,
    elsewhere: 404,
  },
  {
    method: 'delete',
    pattern: '/evaluations/:id',
    path: (w) => `/evaluations/${w.evaluations.toDelete}`,
    allowed: TEACHER,
    refused: NOT_IN_CENTRE,
    elsewhere: 404,
  },

  // A learner's evaluations: those made visible to it, its own results.
  { method: 'get', pattern: '/my/evaluations', allowed: LEARNER, elsewhere: 'scoped' },
  {
    method: 'get',
    pattern: '/my/evaluations/:id',
    path: (w) => `/my/evaluations/${w.evaluations.shown}`,
    allowed: LEARNER,
    elsewhere: 404,
  },
]
