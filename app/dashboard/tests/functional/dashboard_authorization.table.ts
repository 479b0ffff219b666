import type { Centre } from '#centres'
import { EVERYONE, NETWORK, type Route } from '#tests/helpers/authorization'

/*
 * The routes of the dashboard module for a logged-in user (the development
 * mailbox is in PUBLIC_ROUTES). Run by dashboard_authorization.spec.ts; the
 * route matrix imports it.
 */

/** The dashboard needs no record: every page is the user's own, of its centre. */
export interface World {
  centre: Centre
}

export const ROUTES: Route<World>[] = [
  // Everyone's home, of its own centres (evaluators are sent on to the exam passport).
  { method: 'get', pattern: '/', allowed: EVERYONE, elsewhere: 'scoped' },
  // A menu entry still to come: only in the menus of the network ("Inscriptions"); 404 elsewhere.
  {
    method: 'get',
    pattern: '/soon/:feature',
    path: () => '/soon/registrations',
    allowed: NETWORK,
    refused: [404],
    elsewhere: 'network',
  },
]
