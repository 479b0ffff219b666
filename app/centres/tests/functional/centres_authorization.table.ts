import type { Centre, Division, Group } from '#centres'
import type { User } from '#accounts'
import type { Role } from '#shared/roles'
import {
  ADMIN,
  CENTRE_TEAM,
  EVERYONE,
  MANAGER,
  NETWORK,
  type Route,
  CENTRE_READERS,
} from '#tests/helpers/authorization'

/*
 * Every route of the centres module (centres, "Ma fiche centre", logos,
 * groups, classes, user import), role by role: who passes, who is refused
 * (403), and what a user of another centre (or an account manager of another
 * portfolio) gets. Run by centres_authorization.spec.ts; the route matrix
 * (tests/functional/route_matrix.spec.ts) imports it.
 */

export const GROUP_READERS = CENTRE_READERS
export const CLASS_READERS: readonly Role[] = [...NETWORK, 'centre_manager', 'teacher']
/** Teachers and learners are imported by the training centre's manager, or the network admin. */
export const IMPORTERS: readonly Role[] = ['network_admin', 'centre_manager']

/** A training centre ("both") with a logo, its groups, a class with a learner, a previewed import. */
export interface World {
  centre: Centre
  groups: Record<'edited' | 'toHide' | 'hidden' | 'toDelete', Group>
  division: Division
  learner: User
  /** The stored file of an import previewed for the centre (rows with errors: applying writes nothing). */
  importKey: string
}

const centreForm = (w: World) => ({
  code: w.centre.code,
  name: w.centre.name,
  kind: w.centre.kind,
  country: 'FR',
  time_zone: 'Europe/Paris',
  online_visibility: 'hidden',
  city: 'Grenoble',
})

export const ROUTES: Route<World>[] = [
  // The network's centres (seed 004 §2).
  { method: 'get', pattern: '/centres', allowed: NETWORK, elsewhere: 'scoped' },
  // The centre search field's suggestions (lists filtered by centre).
  {
    method: 'get',
    pattern: '/centres/choices',
    path: () => '/centres/choices?centre=Vermillon',
    allowed: CENTRE_READERS,
    elsewhere: 'scoped',
  },
  { method: 'get', pattern: '/centres/create', allowed: ADMIN, elsewhere: 'network' },
  {
    method: 'get',
    pattern: '/centres/export/:format',
    path: () => '/centres/export/csv',
    allowed: NETWORK,
    elsewhere: 'scoped',
  },
  {
    method: 'post',
    pattern: '/centres',
    form: () => ({
      code: 'AUTH-NEW',
      name: 'Centre créé',
      kind: 'exam',
      country: 'FR',
      time_zone: 'Europe/Paris',
      online_visibility: 'hidden',
    }),
    allowed: ADMIN,
    elsewhere: 'network',
  },
  {
    method: 'get',
    pattern: '/centres/:id',
    path: (w) => `/centres/${w.centre.id}`,
    allowed: NETWORK,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/centres/:id/edit',
    path: (w) => `/centres/${w.centre.id}/edit`,
    allowed: NETWORK,
    elsewhere: 404,
  },
  {
    method: 'put',
    pattern: '/centres/:id',
    path: (w) => `/centres/${w.centre.id}`,
    form: centreForm,
    allowed: NETWORK,
    elsewhere: 404,
  },
  // Anyone who sees the centre sees its logo (on documents and pages).
  {
    method: 'get',
    pattern: '/centres/:id/logo',
    path: (w) => `/centres/${w.centre.id}/logo`,
    allowed: EVERYONE,
    elsewhere: 404,
  },

  // "Ma fiche centre": its own team reads it (of its own centres), its managers edit it.
  { method: 'get', pattern: '/my-centre', allowed: CENTRE_TEAM, elsewhere: 'scoped' },
  {
    method: 'put',
    pattern: '/my-centre/:id',
    path: (w) => `/my-centre/${w.centre.id}`,
    form: () => ({ city: 'Grenoble', phone: '+33 4 76 00 00 00' }),
    allowed: MANAGER,
    elsewhere: 404,
  },

  // Candidate groups (seed 004 §5).
  { method: 'get', pattern: '/groups', allowed: GROUP_READERS, elsewhere: 'scoped' },
  { method: 'get', pattern: '/groups/create', allowed: CENTRE_TEAM, elsewhere: 'scoped' },
  {
    method: 'get',
    pattern: '/groups/export/:format',
    path: () => '/groups/export/csv',
    allowed: GROUP_READERS,
    elsewhere: 'scoped',
  },
  {
    method: 'post',
    pattern: '/groups',
    form: (w) => ({ name: 'Groupe créé', category: 'client', centre_id: w.centre.id }),
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/groups/:id/edit',
    path: (w) => `/groups/${w.groups.edited.id}/edit`,
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },
  {
    method: 'put',
    pattern: '/groups/:id',
    path: (w) => `/groups/${w.groups.edited.id}`,
    form: (w) => ({ name: w.groups.edited.name, category: 'class' }),
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },
  {
    method: 'post',
    pattern: '/groups/:id/hiding',
    path: (w) => `/groups/${w.groups.toHide.id}/hiding`,
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },
  {
    method: 'delete',
    pattern: '/groups/:id/hiding',
    path: (w) => `/groups/${w.groups.hidden.id}/hiding`,
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },
  {
    method: 'delete',
    pattern: '/groups/:id',
    path: (w) => `/groups/${w.groups.toDelete.id}`,
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },

  // Classes of a training centre (seed 002 §3.3).
  { method: 'get', pattern: '/classes', allowed: CLASS_READERS, elsewhere: 'scoped' },
  {
    method: 'post',
    pattern: '/classes',
    form: (w) => ({ name: 'Classe créée', centre_id: w.centre.id }),
    allowed: MANAGER,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/classes/:id/export/:format',
    path: (w) => `/classes/${w.division.id}/export/csv`,
    allowed: CLASS_READERS,
    elsewhere: 404,
  },
  {
    method: 'post',
    pattern: '/classes/:id/reset-links',
    path: (w) => `/classes/${w.division.id}/reset-links`,
    form: (w) => ({ user_ids: [w.learner.id] }),
    allowed: MANAGER,
    elsewhere: 404,
  },

  // User import (seed 002 §3.1): the page and template of its own training centres.
  { method: 'get', pattern: '/imports/users', allowed: IMPORTERS, elsewhere: 'scoped' },
  { method: 'get', pattern: '/imports/users/template', allowed: IMPORTERS, elsewhere: 'scoped' },
  // No file: the importer is sent back to the form with the reason (a redirect, not a refusal).
  {
    method: 'post',
    pattern: '/imports/users/preview',
    form: (w) => ({ centre_id: w.centre.id }),
    allowed: IMPORTERS,
    elsewhere: 404,
  },
  // The previewed file is in the session; its errors are shown again, nothing is written.
  {
    method: 'post',
    pattern: '/imports/users/apply',
    session: (w) => ({ user_import: { key: w.importKey, centreId: w.centre.id } }),
    allowed: IMPORTERS,
    elsewhere: 404,
  },
]
