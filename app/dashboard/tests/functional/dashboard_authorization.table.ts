import type { Role } from '#shared/roles'
import type { Route } from '#tests/helpers/authorization'

/*
 * The routes of the dashboard module for a logged-in user (the development
 * mailbox is in PUBLIC_ROUTES). Run by dashboard_authorization.spec.ts; the
 * route matrix imports it.
 */

export const EVERYONE: readonly Role[] = [
  'network_admin',
  'account_manager',
  'centre_manager',
  'centre_staff',
  'evaluator',
  'teacher',
  'learner',
]

/** The dashboard needs no record: every page is the user's own. */
export type World = Record<string, never>

export const ROUTES: Route<World>[] = [
  // Everyone's home, of its own centres (evaluators are sent on to the exam passport).
  { method: 'get', pattern: '/', allowed: EVERYONE, elsewhere: 'scoped' },
  // A menu entry still to come: only in the menus of the network ("Inscriptions"); 404 elsewhere.
  {
    method: 'get',
    pattern: '/soon/:feature',
    path: () => '/soon/registrations',
    allowed: ['network_admin', 'account_manager'],
    refused: [404],
    elsewhere: 'network',
  },
]
