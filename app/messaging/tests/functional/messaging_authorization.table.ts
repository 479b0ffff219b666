import type { Centre } from '#centres'
import type { Conversation } from '#messaging'
import {
  CENTRE_READERS,
  type Route,
  CENTRE_TEAM,
  MANAGER,
  NETWORK,
} from '#tests/helpers/authorization'

/*
 * Every route of the messaging module (conversations, their files, closing,
 * account requests and their decisions), role by role. Run by
 * messaging_authorization.spec.ts; the route matrix imports it.
 */

/** The centre's team and the network read and answer the centre's conversations. */
export const READERS = CENTRE_READERS
/** "Contacter le réseau" is for centres. */
export const WRITERS = CENTRE_TEAM
/** Only centre managers ask for accounts (seed 001). */
export const REQUESTERS = MANAGER
/** A staff account is decided by the centre's account manager or a network admin. */
const DECIDERS = NETWORK

/** A centre's conversations (open, to close, closed), a file, and two staff account requests. */
export interface World {
  centre: Centre
  conversations: Record<'thread' | 'toClose' | 'closed', Conversation>
  attachmentId: number
  requests: Record<'toAccept' | 'toRefuse', { id: number }>
}

export const ROUTES: Route<World>[] = [
  { method: 'get', pattern: '/messages', allowed: READERS, elsewhere: 'scoped' },
  { method: 'get', pattern: '/messages/new', allowed: WRITERS, elsewhere: 'scoped' },
  // A centre not its own is ignored: the conversation opens in the writer's own centre.
  {
    method: 'post',
    pattern: '/messages',
    form: (w) => ({ centre_id: w.centre.id, title: 'Question', body: 'Une question.' }),
    allowed: WRITERS,
    elsewhere: 'scoped',
  },
  {
    method: 'get',
    pattern: '/messages/:id',
    path: (w) => `/messages/${w.conversations.thread.id}`,
    allowed: READERS,
    elsewhere: 404,
  },
  {
    method: 'post',
    pattern: '/messages/:id/replies',
    path: (w) => `/messages/${w.conversations.thread.id}/replies`,
    form: () => ({ body: 'Une réponse.' }),
    allowed: READERS,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/messages/:id/attachments/:attachmentId',
    path: (w) => `/messages/${w.conversations.thread.id}/attachments/${w.attachmentId}`,
    allowed: READERS,
    elsewhere: 404,
  },
  {
    method: 'post',
    pattern: '/messages/:id/closure',
    path: (w) => `/messages/${w.conversations.toClose.id}/closure`,
    allowed: READERS,
    elsewhere: 404,
  },
  {
    method: 'delete',
    pattern: '/messages/:id/closure',
    path: (w) => `/messages/${w.conversations.closed.id}/closure`,
    allowed: READERS,
    elsewhere: 404,
  },

  { method: 'get', pattern: '/account-requests/new', allowed: REQUESTERS, elsewhere: 'scoped' },
  {
    method: 'post',
    pattern: '/account-requests',
    form: (w) => ({
      first_name: 'Jeanne',
      last_name: 'Demandée',
      email: 'jeanne.demandee@example.test',
      role: 'centre_staff',
      centre_id: w.centre.id,
    }),
    allowed: REQUESTERS,
    elsewhere: 404,
  },
  {
    method: 'post',
    pattern: '/account-requests/:id/acceptance',
    path: (w) => `/account-requests/${w.requests.toAccept.id}/acceptance`,
    allowed: DECIDERS,
    elsewhere: 404,
  },
  {
    method: 'post',
    pattern: '/account-requests/:id/refusal',
    path: (w) => `/account-requests/${w.requests.toRefuse.id}/refusal`,
    form: () => ({ reason: 'Déjà une personne à ce poste.' }),
    allowed: DECIDERS,
    elsewhere: 404,
  },
]
