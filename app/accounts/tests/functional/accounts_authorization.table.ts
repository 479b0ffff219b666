import type { User } from '#accounts'
import type { Role } from '#shared/roles'
import { type CentreFactory, TEST_PASSWORD } from '#database/factories/index'
import { ADMIN, EVERYONE, NETWORK, type Route } from '#tests/helpers/authorization'

/** A centre (the accounts module reaches no other module: its type comes from the factory). */
type Centre = Awaited<ReturnType<typeof CentreFactory.create>>

/*
 * Every route of the accounts module for a logged-in user (the guest pages
 * are in PUBLIC_ROUTES): one's own profile, password, language and logout,
 * the users of the portal, their links and disablement, the audit log. Run by
 * accounts_authorization.spec.ts; the route matrix imports it.
 */

export const USER_READERS: readonly Role[] = ['network_admin', 'account_manager', 'centre_manager']

/** A centre and three of its staff: one to read and edit, one to disable, one disabled. */
export interface World {
  centre: Centre
  staff: Record<'edited' | 'toDisable' | 'disabled', User>
}

export const ROUTES: Route<World>[] = [
  // One's own account: every role, whatever its centre.
  { method: 'get', pattern: '/profile', allowed: EVERYONE, elsewhere: 'network' },
  {
    method: 'put',
    pattern: '/profile',
    form: () => ({ first_name: 'Camille', last_name: 'Profil', locale: 'fr' }),
    allowed: EVERYONE,
    elsewhere: 'network',
  },
  {
    method: 'put',
    pattern: '/profile/password',
    form: () => ({
      current_password: TEST_PASSWORD,
      password: 'another-horse-battery',
      password_confirmation: 'another-horse-battery',
    }),
    allowed: EVERYONE,
    elsewhere: 'network',
  },
  // Public too (a guest's language goes in a cookie): a user's is saved on its account.
  {
    method: 'post',
    pattern: '/locale',
    form: () => ({ locale: 'fr' }),
    allowed: EVERYONE,
    elsewhere: 'network',
  },
  { method: 'post', pattern: '/logout', allowed: EVERYONE, elsewhere: 'network' },

  // The users of the portal (seed 001 part 2): network roles and centre managers read them.
  { method: 'get', pattern: '/users', allowed: USER_READERS, elsewhere: 'scoped' },
  {
    method: 'get',
    pattern: '/users/export/:format',
    path: () => '/users/export/csv',
    allowed: USER_READERS,
    elsewhere: 'scoped',
  },
  { method: 'get', pattern: '/users/create', allowed: NETWORK, elsewhere: 'network' },
  // Another portfolio's account manager: the centres outside its own are dropped, and a
  // centre user with none left is refused back to the form (the spec checks nothing is created).
  {
    method: 'post',
    pattern: '/users',
    form: (w) => ({
      first_name: 'Nouvelle',
      last_name: 'Recrue',
      email: 'nouvelle.recrue@example.test',
      role: 'centre_staff',
      centre_ids: [w.centre.id],
    }),
    allowed: NETWORK,
    elsewhere: 'network',
  },
  {
    method: 'get',
    pattern: '/users/:id',
    path: (w) => `/users/${w.staff.edited.id}`,
    allowed: USER_READERS,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/users/:id/edit',
    path: (w) => `/users/${w.staff.edited.id}/edit`,
    allowed: NETWORK,
    elsewhere: 404,
  },
  {
    method: 'put',
    pattern: '/users/:id',
    path: (w) => `/users/${w.staff.edited.id}`,
    form: (w) => ({
      first_name: w.staff.edited.firstName,
      last_name: w.staff.edited.lastName,
      email: w.staff.edited.email,
      role: 'centre_staff',
      centre_ids: [w.centre.id],
    }),
    allowed: NETWORK,
    elsewhere: 404,
  },
  {
    method: 'post',
    pattern: '/users/:id/links',
    path: (w) => `/users/${w.staff.edited.id}/links`,
    allowed: NETWORK,
    elsewhere: 404,
  },
  {
    method: 'post',
    pattern: '/users/:id/disablement',
    path: (w) => `/users/${w.staff.toDisable.id}/disablement`,
    allowed: NETWORK,
    elsewhere: 404,
  },
  {
    method: 'delete',
    pattern: '/users/:id/disablement',
    path: (w) => `/users/${w.staff.disabled.id}/disablement`,
    allowed: NETWORK,
    elsewhere: 404,
  },

  // The audit log: the network admin's.
  { method: 'get', pattern: '/admin/audit', allowed: ADMIN, elsewhere: 'network' },
]
