import type { SessionData } from '@adonisjs/session/types'
import type { Centre, Group } from '#centres'
import type { Candidate } from '#candidates'
import type { Role } from '#shared/roles'
import { ADMIN, CENTRE_TEAM, type Route, CENTRE_READERS } from '#tests/helpers/authorization'

/*
 * Every route of the candidates module (the list and its export, the creation
 * wizard, a file and its pages, personal data, the retention setting, groups'
 * candidates), role by role. Run by candidates_authorization.spec.ts; the
 * route matrix imports it. A candidate's credit, code and documents are the
 * orders module's (orders_authorization.table.ts).
 */

/** The account manager reads its portfolio's files; the network admin reads all. */
export const READERS = CENTRE_READERS
/** The network admin also corrects a file. */
const EDITORS: readonly Role[] = ['network_admin', ...CENTRE_TEAM]
/** GDPR: export and anonymise, by the centre manager or the network admin. */
const PERSONAL_DATA: readonly Role[] = ['network_admin', 'centre_manager']

/** A centre, one candidate per mutation, and two groups. */
export interface World {
  centre: Centre
  candidates: Record<
    | 'shown'
    | 'edited'
    | 'invited'
    | 'toDelete'
    | 'toAnonymise'
    | 'toGroup'
    | 'toAssociate'
    | 'inGroup'
    | 'inGroupToo',
    Candidate
  >
  /** `candidates.inGroup` is in `group`; `candidates.inGroupToo` in `second`. */
  groups: Record<'group' | 'second', Group>
}

/** The wizard's draft after its first steps, for the world's centre. */
const draft = (w: World, account?: 'none'): SessionData => ({
  candidate_draft: {
    centreId: w.centre.id,
    identity: {
      civility: 'm',
      last_name: 'Vermillonnouveau',
      first_name: 'Hugo',
      email: 'hugo.vermillonnouveau@example.test',
      birth_date: '1990-05-06',
      confirm_duplicate: true,
    },
    ...(account ? { account } : {}),
  },
})

export const ROUTES: Route<World>[] = [
  { method: 'get', pattern: '/candidates', allowed: READERS, elsewhere: 'scoped' },
  {
    method: 'get',
    pattern: '/candidates/export/:format',
    path: () => '/candidates/export/csv',
    allowed: READERS,
    elsewhere: 'scoped',
  },

  // The creation wizard (seed 004 §6.3): the centre's team, into one of its own centres.
  { method: 'get', pattern: '/candidates/create', allowed: CENTRE_TEAM, elsewhere: 'scoped' },
  {
    method: 'get',
    pattern: '/candidates/create/:step',
    path: () => '/candidates/create/identity',
    allowed: CENTRE_TEAM,
    elsewhere: 'scoped',
  },
  {
    method: 'post',
    pattern: '/candidates/create/identity',
    form: (w) => ({
      centre_id: w.centre.id,
      civility: 'mme',
      last_name: 'Vermillonidentite',
      first_name: 'Inès',
      email: 'ines.vermillonidentite@example.test',
      birth_date: '1992-03-04',
    }),
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },
  // Writes nothing but the user's own draft (its centre is checked at the last step).
  {
    method: 'post',
    pattern: '/candidates/create/account',
    session: (w) => draft(w),
    form: () => ({ account: 'none' }),
    allowed: CENTRE_TEAM,
    elsewhere: 'scoped',
  },
  {
    method: 'post',
    pattern: '/candidates/create/information',
    session: (w) => draft(w, 'none'),
    form: () => ({ status: 'employee', funding: 'cpf' }),
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },

  // The network's retention of files.
  { method: 'get', pattern: '/candidates/retention', allowed: ADMIN, elsewhere: 'network' },
  {
    method: 'put',
    pattern: '/candidates/retention',
    form: () => ({ years: 4 }),
    allowed: ADMIN,
    elsewhere: 'network',
  },

  // A file.
  {
    method: 'get',
    pattern: '/candidates/:id',
    path: (w) => `/candidates/${w.candidates.shown.id}`,
    allowed: READERS,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/candidates/:id/created',
    path: (w) => `/candidates/${w.candidates.shown.id}/created`,
    allowed: EDITORS,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/candidates/:id/edit/:section',
    path: (w) => `/candidates/${w.candidates.shown.id}/edit/contact`,
    allowed: EDITORS,
    elsewhere: 404,
  },
  {
    method: 'put',
    pattern: '/candidates/:id/:section',
    path: (w) => `/candidates/${w.candidates.edited.id}/contact`,
    form: () => ({ town: 'Grenoble' }),
    allowed: EDITORS,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/candidates/:id/:kind',
    path: (w) => `/candidates/${w.candidates.shown.id}/photo`,
    allowed: READERS,
    elsewhere: 404,
  },
  {
    method: 'post',
    pattern: '/candidates/:id/invitation',
    path: (w) => `/candidates/${w.candidates.invited.id}/invitation`,
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },
  {
    method: 'delete',
    pattern: '/candidates/:id',
    path: (w) => `/candidates/${w.candidates.toDelete.id}`,
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },

  // Personal data (GDPR).
  {
    method: 'get',
    pattern: '/candidates/:id/personal-data',
    path: (w) => `/candidates/${w.candidates.shown.id}/personal-data`,
    allowed: PERSONAL_DATA,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/candidates/:id/anonymise',
    path: (w) => `/candidates/${w.candidates.shown.id}/anonymise`,
    allowed: PERSONAL_DATA,
    elsewhere: 404,
  },
  {
    method: 'post',
    pattern: '/candidates/:id/anonymise',
    path: (w) => `/candidates/${w.candidates.toAnonymise.id}/anonymise`,
    form: (w) => ({ understood: '1', confirmation: w.candidates.toAnonymise.lastName }),
    allowed: PERSONAL_DATA,
    elsewhere: 404,
  },

  // Groups' candidates (seed 004 §5.6-5.10), from the file and from the group.
  {
    method: 'post',
    pattern: '/candidates/:id/groups',
    path: (w) => `/candidates/${w.candidates.toGroup.id}/groups`,
    form: (w) => ({ group_id: w.groups.group.id }),
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },
  {
    method: 'delete',
    pattern: '/candidates/:id/groups/:groupId',
    path: (w) => `/candidates/${w.candidates.inGroupToo.id}/groups/${w.groups.second.id}`,
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/groups/:id/candidates',
    path: (w) => `/groups/${w.groups.group.id}/candidates`,
    allowed: READERS,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/groups/:id/candidates/export/:format',
    path: (w) => `/groups/${w.groups.group.id}/candidates/export/csv`,
    allowed: READERS,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/groups/:id/candidates/associate',
    path: (w) => `/groups/${w.groups.group.id}/candidates/associate`,
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },
  {
    method: 'post',
    pattern: '/groups/:id/candidates',
    path: (w) => `/groups/${w.groups.group.id}/candidates`,
    // As the picker's checkboxes post it: one ticked box is still a list.
    form: (w) => ({ 'candidate_ids[]': w.candidates.toAssociate.id }),
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },
  {
    method: 'delete',
    pattern: '/groups/:id/candidates/:candidateId',
    path: (w) => `/groups/${w.groups.group.id}/candidates/${w.candidates.inGroup.id}`,
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },
]
