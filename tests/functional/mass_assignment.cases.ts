import db from '@adonisjs/lucid/services/db'
import { type Centre, Group } from '#centres'
import type { User } from '#accounts'
import type { Role } from '#shared/roles'
import UserToken from '#accounts/models/user_token'
import { DateTime } from 'luxon'
import { startConversation } from '#messaging'
import { submitAccountRequest } from '#messaging/services/account_requests'
import { createScenario } from '#evaluations/services/scenarios'
import { createEvaluation } from '#evaluations/services/evaluations'
import { type ExamSession, Product, type Registration, type SessionStatus } from '#sessions'
import ProductTest from '#sessions/models/product_test'
import RegistrationRequest from '#sessions/models/registration_request'
import RegistrationResult from '#sessions/models/registration_result'
import SessionAnomaly from '#sessions/models/session_anomaly'
import { registerCandidates } from '#sessions/services/registrations'
import { publishResults } from '#sessions/services/results'
import { PDF } from '#tests/helpers/files'
import { randomUUID } from 'node:crypto'
import drive from '@adonisjs/drive/services/main'
import type { ApiClient } from '@japa/api-client'
import { ExamSubject, GridCriterion } from '#sessions'
import ExamPassport from '#passports/models/exam_passport'
import PassportMedia from '#passports/models/passport_media'
import PassportUpload from '#passports/models/passport_upload'
import CompetenceFilter from '#passports/models/competence_filter'
import { assignCredit } from '#orders/services/assignments'
import { createApiToken } from '#orders/services/api_tokens'
import PartnerSession from '#orders/models/partner_session'
import {
  CentreFactory,
  TEST_PASSWORD,
  frameworkNodeId,
  makeCandidate,
  makeDivision,
  makeCreditProduct,
  makeCreditStock,
  makeFramework,
  makeHeldRegistration,
  makePreregistration,
  makeSession,
  makeUser,
} from '#database/factories/index'
import { userOf } from '#tests/helpers/authorization'

/*
 * Mass assignment, route by route: every route that writes from a body is a
 * case below (data, like the authorisation tables). Its valid form is sent
 * twice by a role allowed to call it: plain, then with POISON (fields no form
 * of the route has: another centre's id, a network role, a status, a score,
 * another user's id as owner, timestamps, a password, nested variants...).
 * Both calls must pass, and the record written must be, on its protected
 * columns, what the plain form gave. mass_assignment.spec.ts runs them and
 * also checks that nothing else moved (the users involved, the other centre).
 *
 * How to add a route: a case { route, as, calls, row, protect } (setup when
 * it needs records, `run` to pick a fresh record or a unique value for the
 * second call); a route that reads no body goes in NO_BODY, one whose body is
 * a file in FILE_BODY. The spec fails while a writing route of the router is
 * in none of them.
 */

export type Method = 'post' | 'put' | 'patch' | 'delete'
/** 0: the plain form; 1: the same form with the poison. */
export type Run = 0 | 1
export type Row = Record<string, unknown>

/** Two centres, the users met in every case, the rest made on demand. */
export interface Base {
  /** The centre of every case (training and exam). */
  home: Centre
  /** Another centre: its id is the poison's centre. */
  other: Centre
  /** A learner of `home`: the "another user" named in owner fields. */
  victim: User
  /** A centre manager of `other`. */
  outsider: User
  /** The user of this role in `home` (the network admin in none), the same one each time. */
  user: (role: Role) => Promise<User>
}

export async function makeBase(): Promise<Base> {
  const home = await CentreFactory.merge({ name: 'Centre Maison', kind: 'both' }).create()
  const other = await CentreFactory.merge({ name: 'Centre Ailleurs', kind: 'both' }).create()
  const users = new Map<Role, User>()
  return {
    home,
    other,
    victim: await makeUser('learner', [home], { lastName: 'Victime' }),
    outsider: await makeUser('centre_manager', [other], { lastName: 'Ailleurs' }),
    async user(role) {
      if (!users.has(role)) users.set(role, await userOf(role, [home]))
      return users.get(role)!
    },
  }
}

/** One request: its body is a form unless `json`; with `files`, a multipart form. */
export interface Call {
  method: Method
  path: string
  body: Record<string, unknown>
  json?: true
  files?: Record<string, { content: Buffer; name: string }>
  headers?: Record<string, string>
}

export interface MassCase<S = any> {
  /** The router's route, "METHOD /pattern". */
  route: string
  /** Other routes its calls go through (the earlier steps of a wizard). */
  steps?: readonly string[]
  /** Said in the test title when a route has several cases. */
  title?: string
  /** Who calls: a role of `home` allowed to, or a guest (public pages). */
  as: Role | 'guest'
  /** The records the calls need. */
  setup?: (b: Base, client: ApiClient) => Promise<S>
  /** The request(s) with their valid form (a wizard: its steps, the session carried along). */
  calls: (b: Base, s: S, run: Run) => Call | Call[]
  /** Poison values for this route (over POISON's): a field its validator checks must be valid to pass. */
  poison?: (b: Base, s: S) => Record<string, unknown>
  /** The table written: no row of it may take the poison's id. */
  table?: string
  /** The record written by this run, read back (all its columns). */
  row: (b: Base, s: S, run: Run) => Promise<Row | null | undefined>
  /** Its columns the poison must not reach: equal after the plain and the poisoned call. */
  protect: readonly string[]
  /** Rows that go with it (memberships, links, lines...): the same after both calls. */
  related?: (b: Base, s: S, run: Run) => Promise<unknown>
  /** The caller's own account changes by design (its password): left out of its snapshot. */
  ownAccount?: readonly string[]
  /**
   * The form names the centre (centre_id), a centre role calls: naming another
   * centre there instead must be refused or ignored (the spec's second test).
   */
  crossCentre?: true
}

/** A case, typed by its setup. */
export const define = <S>(c: MassCase<S>) => c as MassCase<any>

export const POISON_ID = 987_654
export const POISON_DAY = '2001-02-03'
const POISON_TIME = `${POISON_DAY} 04:05:06`
export const POISON_PASSWORD = 'Poisoned-password-42'
/** Numbers no normal flow writes. */
export const POISON_NUMBERS = [POISON_ID, 98_765, 987]

/** Fields that name a record's owner, author or actor. */
export const OWNER_FIELDS = [
  'user_id',
  'owner_id',
  'author_id',
  'created_by',
  'uploaded_by',
  'evaluator_id',
  'learner_id',
  'requested_by',
  'ordered_by',
  'decided_by',
  'reviewed_by',
  'processed_by',
  'evaluated_by',
  'graded_by',
  'captured_by',
  'locked_by',
  'assigned_by',
  'signed_by',
  'entered_by',
  'changed_by',
  'paid_by',
]

/** What every form is sent with on its second call (a field the form itself has is left as it is). */
export function poison(b: Base): Record<string, unknown> {
  const someone = b.victim.id
  return {
    id: POISON_ID,
    centre_id: b.other.id,
    centreId: b.other.id,
    centre_ids: [b.other.id],
    role: 'network_admin',
    status: 'poisoned',
    score: 987,
    total: 98_765,
    ...Object.fromEntries(OWNER_FIELDS.map((field) => [field, someone])),
    userId: someone,
    anonymised_at: POISON_TIME,
    validated_at: POISON_TIME,
    published_at: POISON_TIME,
    results_published_at: POISON_TIME,
    locked_at: POISON_TIME,
    evaluated_at: POISON_TIME,
    email_verified_at: POISON_TIME,
    email_verified: '1',
    password: POISON_PASSWORD,
    locked: '1',
    visible: '1',
    remaining: 98_765,
    amount_cents: 98_765,
    total_ttc_cents: 98_765,
    unit_price_cents: 98_765,
    user: { id: POISON_ID, role: 'network_admin', centre_id: b.other.id, status: 'poisoned' },
    candidate: { centre_id: b.other.id, user_id: someone },
    centre: { id: b.other.id },
  }
}

/** The newest row of a table matching these columns. */
export const newest = (table: string, where: Row) =>
  db.from(table).where(where).orderBy('id', 'desc').first()

/** Some columns of a row. */
export const pick = (row: Row, columns: readonly string[]) =>
  Object.fromEntries(columns.map((column) => [column, row[column] ?? null]))

/** A row by id. */
export const byId = (table: string, id: number | string) => db.from(table).where('id', id).first()

/** Centre ids of a user (its memberships). */
export const centresOf = async (userId: number) =>
  (await db.from('centre_memberships').where('user_id', userId).orderBy('centre_id')).map((r) =>
    Number(r.centre_id)
  )

const USER_COLUMNS = ['role', 'status', 'email', 'password', 'first_name', 'last_name', 'locale']

const form = (method: Method, path: string, body: Record<string, unknown>): Call => ({
  method,
  path,
  body,
})

/** An invited (or active) learner of `home` with a link of this purpose. */
async function linked(b: Base, purpose: 'invitation' | 'password_reset', lastName: string) {
  const user = await makeUser('learner', [b.home], {
    lastName,
    status: purpose === 'invitation' ? 'invited' : 'active',
  })
  return { user, token: await UserToken.issue(user, purpose) }
}

/** A group of `home`. */
const groupOf = (b: Base, name: string) =>
  Group.create({ centreId: b.home.id, name, category: 'client', hidden: false })

/* ------------------------------------------------------------------ accounts */

const accounts: MassCase[] = [
  {
    route: 'PUT /profile',
    as: 'learner',
    calls: () => form('put', '/profile', { first_name: 'Léa', last_name: 'Profil', locale: 'en' }),
    table: 'users',
    row: async (b) => byId('users', (await b.user('learner')).id),
    protect: USER_COLUMNS,
    related: async (b) => centresOf((await b.user('learner')).id),
  },
  {
    route: 'PUT /profile/password',
    as: 'learner',
    calls: (_b, _s, run) =>
      form('put', '/profile/password', {
        current_password: run === 0 ? TEST_PASSWORD : 'first-new-password-1',
        password: run === 0 ? 'first-new-password-1' : 'second-new-password-2',
        password_confirmation: run === 0 ? 'first-new-password-1' : 'second-new-password-2',
      }),
    table: 'users',
    row: async (b) => byId('users', (await b.user('learner')).id),
    protect: ['role', 'status', 'email', 'first_name', 'last_name', 'locale'],
    related: async (b) => centresOf((await b.user('learner')).id),
    ownAccount: ['password'],
  },
  {
    route: 'POST /locale',
    as: 'learner',
    calls: () => form('post', '/locale', { locale: 'en' }),
    table: 'users',
    row: async (b) => byId('users', (await b.user('learner')).id),
    protect: USER_COLUMNS,
    related: async (b) => centresOf((await b.user('learner')).id),
  },
  define({
    route: 'POST /users',
    title: 'by an account manager',
    as: 'account_manager',
    calls: (b, _s, run) =>
      form('post', '/users', {
        first_name: 'Nouvelle',
        last_name: `Recrue${run}`,
        email: `recrue${run}@example.test`,
        role: 'centre_staff',
        centre_ids: [b.home.id],
      }),
    table: 'users',
    row: (_b, _s, run) => newest('users', { email: `recrue${run}@example.test` }),
    protect: ['role', 'status', 'password', 'locale', 'first_name'],
    related: async (_b, _s, run) =>
      centresOf((await newest('users', { email: `recrue${run}@example.test` })).id),
  }),
  define({
    route: 'PUT /users/:id',
    title: 'by an account manager',
    as: 'account_manager',
    setup: async (b) => makeUser('centre_staff', [b.home], { lastName: 'Modifiee' }),
    calls: (b, staff) =>
      form('put', `/users/${staff.id}`, {
        first_name: 'Camille',
        last_name: 'Modifiee',
        email: staff.email,
        role: 'centre_staff',
        centre_ids: [b.home.id],
      }),
    table: 'users',
    row: (_b, staff) => byId('users', staff.id),
    protect: USER_COLUMNS,
    related: (_b, staff) => centresOf(staff.id),
  }),
  define({
    route: 'POST /invitations/:token',
    as: 'guest',
    setup: async (b) => [
      await linked(b, 'invitation', 'Invitee0'),
      await linked(b, 'invitation', 'Invitee1'),
    ],
    calls: (_b, links, run) =>
      form('post', `/invitations/${links[run].token}`, {
        password: 'a-chosen-password-9',
        password_confirmation: 'a-chosen-password-9',
      }),
    table: 'users',
    row: (_b, links, run) => byId('users', links[run].user.id),
    protect: ['role', 'status', 'locale', 'first_name'],
    related: (_b, links, run) => centresOf(links[run].user.id),
  }),
  define({
    route: 'POST /reset-password/:token',
    as: 'guest',
    setup: async (b) => [
      await linked(b, 'password_reset', 'Oublieux0'),
      await linked(b, 'password_reset', 'Oublieux1'),
    ],
    calls: (_b, links, run) =>
      form('post', `/reset-password/${links[run].token}`, {
        password: 'a-chosen-password-9',
        password_confirmation: 'a-chosen-password-9',
      }),
    table: 'users',
    row: (_b, links, run) => byId('users', links[run].user.id),
    protect: ['role', 'status', 'locale', 'first_name'],
    related: (_b, links, run) => centresOf(links[run].user.id),
  }),
]

/* ------------------------------------------------------------------- centres */

const centreColumns = [
  'code',
  'name',
  'kind',
  'status',
  'country',
  'time_zone',
  'online_visibility',
  'logo_key',
]

/** The account managers of a centre (its portfolio links). */
const accountManagersOf = (centreId: number) =>
  db
    .from('centre_memberships')
    .join('users', 'users.id', 'centre_memberships.user_id')
    .where('centre_memberships.centre_id', centreId)
    .where('users.role', 'account_manager')
    .orderBy('users.id')
    .select('users.id')

/** What the network alone may change on a centre, poisoned with valid values. */
const networkPoison = async (b: Base) => ({
  status: 'inactive',
  account_manager_id: b.outsider.id,
  name: 'Centre piraté',
  code: 'PIRATE-1',
  kind: 'exam',
  online_visibility: 'with_sessions',
})

const centres: MassCase[] = [
  define({
    route: 'POST /centres',
    as: 'network_admin',
    calls: (_b, _s, run) =>
      form('post', '/centres', {
        code: `MASS-NEW-${run}`,
        name: `Centre créé ${run}`,
        kind: 'exam',
        status: 'active',
        country: 'FR',
        time_zone: 'Europe/Paris',
        online_visibility: 'hidden',
      }),
    table: 'centres',
    row: (_b, _s, run) => newest('centres', { code: `MASS-NEW-${run}` }),
    protect: ['kind', 'status', 'country', 'time_zone', 'online_visibility', 'logo_key'],
    related: async (_b, _s, run) =>
      accountManagersOf((await newest('centres', { code: `MASS-NEW-${run}` })).id),
  }),
  define({
    route: 'PUT /centres/:id',
    title: 'by an account manager (status and account manager are the network admin’s)',
    as: 'account_manager',
    setup: async (b) => ({ poison: await networkPoison(b) }),
    calls: (b) =>
      form('put', `/centres/${b.home.id}`, {
        code: b.home.code,
        name: b.home.name,
        kind: 'both',
        country: 'FR',
        time_zone: 'Europe/Paris',
        online_visibility: 'hidden',
        city: 'Grenoble',
      }),
    poison: (_b, s) => ({
      status: s.poison.status,
      account_manager_id: s.poison.account_manager_id,
    }),
    table: 'centres',
    row: (b) => byId('centres', b.home.id),
    protect: centreColumns,
    related: (b) => accountManagersOf(b.home.id),
  }),
  define({
    route: 'PUT /my-centre/:id',
    title: '"Ma fiche centre" by its manager',
    as: 'centre_manager',
    setup: async (b) => ({ poison: await networkPoison(b) }),
    calls: (b) =>
      form('put', `/my-centre/${b.home.id}`, { city: 'Grenoble', phone: '+33 4 76 00 00 00' }),
    poison: (_b, s) => s.poison,
    table: 'centres',
    row: (b) => byId('centres', b.home.id),
    protect: centreColumns,
    related: (b) => accountManagersOf(b.home.id),
  }),
  {
    route: 'POST /groups',
    as: 'centre_staff',
    calls: (b, _s, run) =>
      form('post', '/groups', { name: `Groupe ${run}`, category: 'client', centre_id: b.home.id }),
    table: 'groups',
    row: (b, _s, run) => newest('groups', { name: `Groupe ${run}`, centre_id: b.home.id }),
    protect: ['centre_id', 'category', 'hidden'],
    crossCentre: true,
  },
  define({
    route: 'PUT /groups/:id',
    as: 'centre_staff',
    setup: async (b) => await groupOf(b, 'Groupe modifié'),
    calls: (_b, inserted) =>
      form('put', `/groups/${inserted.id}`, {
        name: 'Groupe modifié',
        category: 'class',
      }),
    table: 'groups',
    row: (_b, inserted) => byId('groups', inserted.id),
    protect: ['centre_id', 'name', 'category', 'hidden'],
  }),
  {
    route: 'POST /classes',
    as: 'centre_manager',
    calls: (b, _s, run) =>
      form('post', '/classes', { name: `Classe ${run}`, centre_id: b.home.id }),
    table: 'divisions',
    row: (b, _s, run) => newest('divisions', { name: `Classe ${run}`, centre_id: b.home.id }),
    protect: ['centre_id'],
    related: async (b, _s, run) => {
      const division = await newest('divisions', { name: `Classe ${run}`, centre_id: b.home.id })
      return db.from('division_members').where('division_id', division.id).select('user_id')
    },
    crossCentre: true,
  },
  define({
    route: 'POST /classes/:id/reset-links',
    as: 'centre_manager',
    setup: async (b) => {
      const learner = await makeUser('learner', [b.home], { lastName: 'Eleve' })
      return { learner, division: await makeDivision(b.home, 'Classe des liens', [learner]) }
    },
    calls: (_b, s) =>
      form('post', `/classes/${s.division.id}/reset-links`, { user_ids: [s.learner.id] }),
    table: 'user_tokens',
    row: (_b, s) =>
      db.from('user_tokens').where('user_id', s.learner.id).orderBy('id', 'desc').first(),
    protect: ['user_id', 'purpose'],
    // Nobody outside the class gets a link.
    related: (b) => db.from('user_tokens').where('user_id', b.victim.id).select('id'),
  }),
]

/* ---------------------------------------------------------------- candidates */

const candidateColumns = [
  'centre_id',
  'user_id',
  'status',
  'funding',
  'exam_status',
  'exam_score',
  'locked_at',
  'anonymised_at',
  'email',
]

/** Two candidates of `home`, one per call. */
const twoCandidates = async (b: Base) => [
  await makeCandidate(b.home, { lastName: 'Premier' }),
  await makeCandidate(b.home, { lastName: 'Second' }),
]

const identity = (lastName: string) => ({
  civility: 'mme',
  last_name: lastName,
  first_name: 'Inès',
  email: `${lastName.toLowerCase()}@example.test`,
  birth_date: '1992-03-04',
})

const sectionForms = {
  identity: identity('Identite'),
  information: { status: 'employee', funding: 'cpf' },
  contact: { town: 'Grenoble', phone: '+33 6 00 00 00 00' },
  misc: { education_level: 'bac', mother_tongue: 'fr' },
}

const candidates: MassCase[] = [
  {
    route: 'POST /candidates/create/information',
    title: 'the creation wizard (identity, account, information)',
    steps: ['POST /candidates/create/identity', 'POST /candidates/create/account'],
    as: 'centre_staff',
    calls: (b, _s, run) => [
      form('post', '/candidates/create/identity', {
        centre_id: b.home.id,
        ...identity(`Assistant${run}`),
      }),
      form('post', '/candidates/create/account', { account: 'invite' }),
      form('post', '/candidates/create/information', { status: 'employee', funding: 'cpf' }),
    ],
    table: 'candidates',
    row: (_b, _s, run) => newest('candidates', { last_name: `Assistant${run}` }),
    protect: candidateColumns.filter((c) => c !== 'user_id' && c !== 'email'),
    // The account made for it: a learner of the centre, invited.
    related: async (_b, _s, run) => {
      const candidate = await newest('candidates', { last_name: `Assistant${run}` })
      const user = await byId('users', candidate.user_id)
      return { role: user.role, status: user.status, centres: await centresOf(user.id) }
    },
    crossCentre: true,
  },
  ...(['identity', 'information', 'contact', 'misc'] as const).map((section) =>
    define({
      route: 'PUT /candidates/:id/:section',
      title: `its ${section} page`,
      as: 'centre_staff',
      setup: (b) => makeCandidate(b.home, { lastName: 'Identite' }),
      calls: (_b, candidate) =>
        form('put', `/candidates/${candidate.id}/${section}`, {
          ...sectionForms[section],
          ...(section === 'identity' ? { email: candidate.email } : {}),
        }),
      table: 'candidates',
      row: (_b, candidate) => byId('candidates', candidate.id),
      protect: candidateColumns,
    })
  ),
  define({
    route: 'POST /candidates/:id/invitation',
    title: 'the account it creates is a learner of its centre',
    as: 'centre_staff',
    setup: twoCandidates,
    calls: (_b, both, run) => form('post', `/candidates/${both[run].id}/invitation`, {}),
    table: 'users',
    row: (_b, both, run) => newest('users', { email: both[run].email }),
    protect: ['role', 'status', 'password', 'locale'],
    related: async (_b, both, run) =>
      centresOf((await newest('users', { email: both[run].email })).id),
  }),
  define({
    route: 'POST /candidates/:id/anonymise',
    as: 'centre_manager',
    setup: twoCandidates,
    calls: (_b, both, run) =>
      form('post', `/candidates/${both[run].id}/anonymise`, {
        understood: '1',
        confirmation: both[run].lastName,
      }),
    table: 'candidates',
    row: (_b, both, run) => byId('candidates', both[run].id),
    // Anonymising locks the file now: its time is the call's.
    protect: ['centre_id', 'user_id', 'status', 'exam_status'],
  }),
  define({
    route: 'POST /candidates/:id/groups',
    as: 'centre_staff',
    setup: async (b) => ({
      both: await twoCandidates(b),
      group: await groupOf(b, 'Groupe cible'),
    }),
    calls: (_b, s, run) =>
      form('post', `/candidates/${s.both[run].id}/groups`, {
        group_id: s.group.id,
      }),
    table: 'candidates',
    row: (_b, s, run) => byId('candidates', s.both[run].id),
    protect: candidateColumns.filter((c) => c !== 'email'),
    related: (_b, s, run) =>
      db.from('candidate_group').where('candidate_id', s.both[run].id).select('group_id'),
  }),
  define({
    route: 'POST /groups/:id/candidates',
    as: 'centre_staff',
    setup: async (b) => ({
      both: await twoCandidates(b),
      group: await groupOf(b, 'Groupe associé'),
    }),
    calls: (_b, s, run) =>
      form('post', `/groups/${s.group.id}/candidates`, {
        'candidate_ids[]': s.both[run].id,
      }),
    table: 'candidates',
    row: (_b, s, run) => byId('candidates', s.both[run].id),
    protect: candidateColumns.filter((c) => c !== 'email'),
    related: (_b, s, run) =>
      db.from('candidate_group').where('candidate_id', s.both[run].id).select('group_id'),
  }),
  {
    route: 'PUT /candidates/retention',
    as: 'network_admin',
    calls: () => form('put', '/candidates/retention', { years: 4 }),
    row: () => settings(),
    protect: ['all'],
  },
]

/** Every network setting (a settings form may change only its own). */
export async function settings() {
  const rows = await db.from('network_settings').orderBy('key').select('key', 'value')
  return { all: rows }
}

/* --------------------------------------------------------------- evaluations */

/** The demo framework in `home`, a class with its teacher and learner (not the victim). */
export async function school(b: Base) {
  const admin = await b.user('network_admin')
  const teacher = await b.user('teacher')
  const learner = await b.user('learner')
  const version = await makeFramework([b.home], admin)
  const division = await makeDivision(b.home, 'BTS COM 1', [teacher, learner])
  const node = (table: 'situations' | 'competences', code: string) =>
    frameworkNodeId(version.id, table, code)
  return {
    admin,
    teacher,
    learner,
    version,
    division,
    c111: await node('competences', 'C11.1'),
    c131: await node('competences', 'C13.1'),
    s112: await node('situations', 'S112'),
  }
}

/** The school and an evaluation of its teacher (of its learner, on C11.1). */
async function schoolEvaluation(b: Base, title: string) {
  const w = await school(b)
  const evaluation = await createEvaluation(w.teacher, b.home.id, {
    title,
    evaluatedOn: DateTime.utc(2026, 11, 20),
    choices: [{ competenceId: w.c111, complexities: [], hazards: [] }],
    learnerIds: [w.learner.id],
  })
  return { w, evaluation }
}
export type School = Awaited<ReturnType<typeof school>>

const scenarioForm = (w: School, title: string) => ({
  'title': title,
  'level': 'BTS 1',
  'visibility': 'public',
  'context': 'La société Grassin fête ses 100 ans.',
  'competences[]': [String(w.c111), String(w.c131)],
  'choices': { [`c${w.c131}`]: { 'hazards[]': 'Délai raccourci' } },
})

const scenarioOf = (w: School, title: string) =>
  createScenario(w.teacher, w.division.centreId, {
    title,
    level: null,
    visibility: 'public',
    context: null,
    materials: null,
    links: [],
    resources: null,
    choices: [{ competenceId: w.c111, complexities: [], hazards: [] }],
  })

const evaluationForm = (w: School, title: string) => ({
  'title': title,
  'evaluated_on': '2026-11-20',
  'competences[]': [String(w.c111), String(w.c131)],
  'learners[]': [String(w.learner.id)],
})

/** What an evaluation is made of: its competences and learners. */
const evaluationParts = async (id: number) => ({
  competences: await db
    .from('evaluation_competences')
    .where('evaluation_id', id)
    .orderBy('position')
    .select('competence_id', 'complexities', 'hazards'),
  learners: await db
    .from('evaluation_learners')
    .where('evaluation_id', id)
    .orderBy('user_id')
    .select('user_id', 'comment'),
})

const scenarioColumns = ['centre_id', 'author_id', 'visibility', 'copied_from_id', 'level']
const evaluationColumns = ['centre_id', 'author_id', 'scenario_id', 'visible', 'evaluated_on']

const evaluations: MassCase[] = [
  define({
    route: 'PUT /frameworks/:id/assignments',
    as: 'network_admin',
    setup: school,
    calls: (b, w) =>
      form('put', `/frameworks/${w.version.frameworkId}/assignments`, {
        'version_id': w.version.id,
        'centres[]': [b.home.id],
      }),
    table: 'frameworks',
    row: (_b, w) => byId('frameworks', w.version.frameworkId),
    protect: ['code', 'name'],
    related: (_b, w) =>
      db
        .from('centre_frameworks')
        .where('framework_id', w.version.frameworkId)
        .orderBy('centre_id')
        .select('centre_id', 'version_id'),
  }),
  define({
    route: 'PUT /classes/:id/frameworks',
    as: 'centre_manager',
    setup: school,
    calls: (_b, w) =>
      form('put', `/classes/${w.division.id}/frameworks`, {
        'frameworks[]': String(w.version.frameworkId),
      }),
    table: 'divisions',
    row: (_b, w) => byId('divisions', w.division.id),
    protect: ['centre_id', 'name'],
    related: (_b, w) =>
      db.from('division_frameworks').where('division_id', w.division.id).select('framework_id'),
  }),
  define({
    route: 'POST /scenarios',
    as: 'teacher',
    setup: school,
    calls: (b, w, run) =>
      form('post', '/scenarios', { centre_id: b.home.id, ...scenarioForm(w, `Scénario ${run}`) }),
    table: 'scenarios',
    row: (_b, _w, run) => newest('scenarios', { title: `Scénario ${run}` }),
    protect: scenarioColumns,
    related: async (_b, _w, run) =>
      db
        .from('scenario_competences')
        .where('scenario_id', (await newest('scenarios', { title: `Scénario ${run}` })).id)
        .orderBy('position')
        .select('competence_id', 'complexities', 'hazards'),
    crossCentre: true,
  }),
  define({
    route: 'PUT /scenarios/:id',
    as: 'teacher',
    setup: async (b) => {
      const w = await school(b)
      return { w, scenario: await scenarioOf(w, 'Scénario modifié') }
    },
    calls: (_b, s) =>
      form('put', `/scenarios/${s.scenario.id}`, scenarioForm(s.w, 'Scénario modifié')),
    table: 'scenarios',
    row: (_b, s) => byId('scenarios', s.scenario.id),
    protect: scenarioColumns,
    related: (_b, s) =>
      db
        .from('scenario_competences')
        .where('scenario_id', s.scenario.id)
        .orderBy('position')
        .select('competence_id', 'complexities', 'hazards'),
  }),
  define({
    route: 'POST /scenarios/:id/duplicate',
    as: 'teacher',
    setup: async (b) => {
      const w = await school(b)
      return { w, scenario: await scenarioOf(w, 'Scénario copié') }
    },
    calls: (_b, s, run) =>
      form('post', `/scenarios/${s.scenario.id}/duplicate`, {
        title: `Copie ${run}`,
        level: 'BTS 2',
      }),
    table: 'scenarios',
    row: (_b, _s, run) => newest('scenarios', { title: `Copie ${run}` }),
    protect: scenarioColumns,
  }),
  define({
    route: 'POST /evaluations',
    as: 'teacher',
    setup: school,
    calls: (b, w, run) =>
      form('post', '/evaluations', { centre_id: b.home.id, ...evaluationForm(w, `Oral ${run}`) }),
    table: 'evaluations',
    row: (_b, _w, run) => newest('evaluations', { title: `Oral ${run}` }),
    protect: evaluationColumns,
    related: async (_b, _w, run) =>
      evaluationParts((await newest('evaluations', { title: `Oral ${run}` })).id),
    crossCentre: true,
  }),
  define({
    route: 'PUT /evaluations/:id',
    as: 'teacher',
    setup: (b) => schoolEvaluation(b, 'Oral modifié'),
    calls: (_b, s) =>
      form('put', `/evaluations/${s.evaluation.id}`, evaluationForm(s.w, 'Oral modifié')),
    table: 'evaluations',
    row: (_b, s) => byId('evaluations', s.evaluation.id),
    protect: evaluationColumns,
    related: (_b, s) => evaluationParts(s.evaluation.id),
  }),
  define({
    route: 'POST /evaluations/:id/grades',
    as: 'teacher',
    setup: (b) => schoolEvaluation(b, 'Oral noté'),
    calls: (_b, s) =>
      form('post', `/evaluations/${s.evaluation.id}/grades`, {
        grades: { [`l${s.w.learner.id}`]: { [`c${s.w.c111}`]: 'partial' } },
        comments: { [`l${s.w.learner.id}`]: 'Bien.' },
      }),
    table: 'evaluations',
    row: (_b, s) => byId('evaluations', s.evaluation.id),
    protect: evaluationColumns,
    related: async (_b, s) => ({
      grades: await db
        .from('evaluation_grades')
        .where('evaluation_id', s.evaluation.id)
        .select('user_id', 'competence_id', 'level'),
      learners: (await evaluationParts(s.evaluation.id)).learners,
    }),
  }),
]

/* ----------------------------------------------------------------- messaging */

/** A conversation's own columns, and who wrote its messages. */
const conversationColumns = [
  'centre_id',
  'type',
  'recipient',
  'status',
  'subject_type',
  'subject_id',
  'created_by',
]
const authorsOf = (conversationId: number) =>
  db
    .from('messages')
    .where('conversation_id', conversationId)
    .orderBy('id')
    .select('author_id', 'kind')

/** The columns a conversation or a message takes from no form. */
const messagingPoison = () => ({
  type: 'account_request',
  recipient: 'pedagogy',
  subject_type: 'registration',
  subject_id: POISON_ID,
  kind: 'system',
})

const requestColumns = [
  'centre_id',
  'role',
  'status',
  'requested_by',
  'decided_by',
  'user_id',
  'email',
]

const messaging: MassCase[] = [
  {
    route: 'POST /messages',
    as: 'centre_staff',
    calls: (b, _s, run) =>
      form('post', '/messages', {
        centre_id: b.home.id,
        title: `Question ${run}`,
        body: 'Une question.',
      }),
    poison: messagingPoison,
    table: 'conversations',
    row: (_b, _s, run) => newest('conversations', { title: `Question ${run}` }),
    protect: conversationColumns,
    related: async (_b, _s, run) =>
      authorsOf((await newest('conversations', { title: `Question ${run}` })).id),
    crossCentre: true,
  },
  define({
    route: 'POST /messages/:id/replies',
    as: 'centre_staff',
    setup: async (b) =>
      (
        await startConversation({
          centreId: b.home.id,
          title: 'Un fil',
          body: 'Premier message.',
          author: await b.user('centre_manager'),
        })
      ).conversation,
    calls: (_b, conversation) =>
      form('post', `/messages/${conversation.id}/replies`, { body: 'Une réponse.' }),
    poison: messagingPoison,
    table: 'messages',
    row: (_b, conversation) => newest('messages', { conversation_id: conversation.id }),
    protect: ['conversation_id', 'author_id', 'kind', 'params'],
    related: async (_b, conversation) =>
      pick(await byId('conversations', conversation.id), conversationColumns),
  }),
  {
    route: 'POST /account-requests',
    as: 'centre_manager',
    calls: (b, _s, run) =>
      form('post', '/account-requests', {
        first_name: 'Jeanne',
        last_name: `Demandee${run}`,
        email: `jeanne.demandee${run}@example.test`,
        role: 'centre_staff',
        centre_id: b.home.id,
      }),
    table: 'account_requests',
    row: (_b, _s, run) => newest('account_requests', { last_name: `Demandee${run}` }),
    protect: requestColumns.filter((c) => c !== 'email'),
    crossCentre: true,
  },
  define({
    route: 'POST /account-requests/:id/refusal',
    as: 'account_manager',
    setup: async (b) => {
      const manager = await b.user('centre_manager')
      const ask = async (n: number) =>
        submitAccountRequest(manager, {
          centreId: b.home.id,
          firstName: 'Jeanne',
          lastName: `Refusee${n}`,
          email: `jeanne.refusee${n}@example.test`,
          role: 'centre_staff',
        })
      return [await ask(0), await ask(1)]
    },
    calls: (_b, requests, run) =>
      form('post', `/account-requests/${requests[run].id}/refusal`, {
        reason: 'Déjà une personne à ce poste.',
      }),
    table: 'account_requests',
    row: (_b, requests, run) => byId('account_requests', requests[run].id),
    protect: requestColumns.filter((c) => c !== 'email'),
  }),
]

/* ------------------------------------------------------------------ sessions */

/** A drawn signature as the browser sends it (a small real PNG). */
const SIGNATURE =
  'data:image/png;base64,' +
  'iVBORw0KGgoAAAANSUhEUgAAAEAAAAAYCAYAAABKtPtEAAAAtklEQVR4nOWWSxKAIAxDOYRrD+H971bX4gcoaVKHRZYmL2EGKdt+lJUlB1BLDqAWO9AqLTNAXTzLEJahvGoEYwzQKqkawRgDjBRjDnDhylCeOcKNK0t5xgiPXJFB7PFcvgUchoCPGOHVDwWN9KF6/fLUkB6osKjLK/w+QYTRb27kd7Nhkn83kmsmjPmE7c0aZmqZpHy/Iw+kJ+xLrPJhXDNh7PI9XMN+nkBV8dYILi91EbnkAGqdpmMXbteV/FcAAAAASUVORK5CYII='

/** New candidates of `home` registered on site to a session (CE only), one per last name. */
async function registered(b: Base, sessionId: number, ...lastNames: string[]) {
  const entries = []
  for (const lastName of lastNames)
    entries.push({
      candidate: await makeCandidate(b.home, { lastName }),
      input: { tests: ['CE'], channel: 'on_site' as const },
    })
  return registerCandidates(null, sessionId, entries)
}

/** The session moves on: held two days ago, in this state. */
const heldAs = (session: ExamSession, status: SessionStatus) =>
  session.merge({ status, startsAt: DateTime.utc().minus({ days: 2 }) }).save()

const sessionColumns = [
  'centre_id',
  'product_id',
  'number',
  'status',
  'visibility',
  'place',
  'seats',
  'price_ht',
  'vat_rate',
  'starts_at',
  'registration_deadline',
  'results_published_at',
  'results_release_at',
  'anomalies_submitted_at',
]
const registrationColumns = [
  'session_id',
  'candidate_id',
  'number',
  'channel',
  'status',
  'access_code',
  'postponed_to_id',
]
/** The columns of a session or a registration no form sets, poisoned with plausible values. */
const sessionPoison = () => ({
  number: POISON_ID,
  price_ht: 98_765,
  starts_at: POISON_TIME,
  registration_deadline: POISON_TIME,
  results_release_at: POISON_TIME,
  anomalies_submitted_at: POISON_TIME,
  access_code: 'POISONED-01',
  channel: 'import',
  exempt: '1',
  postponed_to_id: POISON_ID,
  session_id: POISON_ID,
  registration_id: POISON_ID,
  candidate_id: POISON_ID,
  source: 'import',
  kind: 'fraud',
})
const testsOf = (registrationId: number) =>
  db
    .from('registration_tests')
    .where('registration_id', registrationId)
    .orderBy('test_code')
    .select('test_code', 'absent', 'exempt')

const requestColumnsOf = [
  'centre_id',
  'session_id',
  'kind',
  'status',
  'requested_by',
  'reviewed_by',
  'decided_by',
  'refusal_reason',
]

const sessions: MassCase[] = [
  define({
    route: 'POST /sessions/create/:step',
    title: 'the whole wizard, step by step',
    as: 'centre_staff',
    setup: async () => Product.findByOrFail('code', 'TEFCAN'),
    calls: (b, tef, run) => [
      form('post', '/sessions/create/product', { centre_id: b.home.id, product_id: tef.id }),
      form('post', '/sessions/create/schedule', {
        date: DateTime.now().plus({ days: 30 }).toISODate(),
        time: '09:00',
        place: `Salle ${run}`,
        seats: 12,
      }),
      form('post', '/sessions/create/tests', { 'tests[]': ['CE', 'CO'] }),
      form('post', '/sessions/create/tariff', {
        prices: { CE: '45,00', CO: '40,00' },
        vat_rate: '20',
      }),
      form('post', '/sessions/create/visibility', { visibility: 'hidden' }),
      form('post', '/sessions/create/summary', {}),
    ],
    poison: sessionPoison,
    table: 'exam_sessions',
    row: (b, _tef, run) => newest('exam_sessions', { centre_id: b.home.id, place: `Salle ${run}` }),
    protect: sessionColumns.filter((c) => c !== 'number' && c !== 'place'),
    related: async (b, _tef, run) => {
      const session = await newest('exam_sessions', { centre_id: b.home.id, place: `Salle ${run}` })
      return db
        .from('session_tests')
        .where('session_id', session.id)
        .orderBy('test_code')
        .select('test_code', 'price_ht')
    },
    crossCentre: true,
  }),
  define({
    route: 'PUT /sessions/:id/registrations/:registrationId',
    as: 'centre_staff',
    setup: async (b) => {
      const session = await makeSession(b.home, { seats: 30 })
      const [registration] = await registered(b, session.id, 'Modifie')
      return { session, registration }
    },
    calls: (_b, s) =>
      form('put', `/sessions/${s.session.id}/registrations/${s.registration.id}`, {
        'motivation': 'work',
        'id_number': 'VERM-42',
        'tests[]': ['CE', 'CO'],
      }),
    poison: sessionPoison,
    table: 'registrations',
    row: (_b, s) => byId('registrations', s.registration.id),
    protect: registrationColumns,
    related: (_b, s) => testsOf(s.registration.id),
  }),
  define({
    route: 'PUT /sessions/:id/registrations/:registrationId/absence',
    as: 'centre_staff',
    setup: async (b) => {
      const session = await makeSession(b.home)
      const [registration] = await registered(b, session.id, 'Absent')
      await heldAs(session, 'registrations_closed')
      return { session, registration }
    },
    calls: (_b, s) =>
      form('put', `/sessions/${s.session.id}/registrations/${s.registration.id}/absence`, {
        absent: 'CE',
      }),
    poison: sessionPoison,
    table: 'registrations',
    row: (_b, s) => byId('registrations', s.registration.id),
    protect: registrationColumns,
    related: (_b, s) => testsOf(s.registration.id),
  }),
  define({
    route: 'POST /sessions/:id/purchase-order/sign',
    as: 'centre_manager',
    setup: async (b) => {
      const both = [await makeSession(b.home), await makeSession(b.home)]
      for (const session of both) await registered(b, session.id, 'Commande')
      return both
    },
    calls: (_b, both, run) =>
      form('post', `/sessions/${both[run].id}/purchase-order/sign`, {
        name: 'Sophie Signataire',
        signature: SIGNATURE,
        consent: '1',
      }),
    poison: () => ({ total_ht: 98_765, total_vat: 98_765, lines: '[]', signed_on: POISON_DAY }),
    table: 'purchase_orders',
    row: (_b, both, run) => newest('purchase_orders', { session_id: both[run].id }),
    protect: ['total_ht', 'total_vat', 'total_ttc', 'signed_by', 'signed_name', 'signed_on'],
  }),
  define({
    route: 'POST /sessions/:id/documents',
    as: 'centre_staff',
    setup: (b) => makeSession(b.home),
    calls: (_b, session) => ({
      method: 'post',
      path: `/sessions/${session.id}/documents`,
      body: { type: 'other' },
      files: { file: { content: PDF, name: 'consignes.pdf' } },
    }),
    poison: sessionPoison,
    table: 'session_documents',
    row: (_b, session) => newest('session_documents', { session_id: session.id }),
    protect: ['session_id', 'type', 'name', 'mime', 'size', 'uploaded_by'],
  }),
  define({
    route: 'POST /sessions/:id/registrations',
    as: 'centre_staff',
    setup: async (b) => ({
      session: await makeSession(b.home, { seats: 30 }),
      both: await twoCandidates(b),
    }),
    calls: (_b, s, run) =>
      form('post', `/sessions/${s.session.id}/registrations`, {
        'candidate_id': s.both[run].id,
        'tests[]': 'CE',
        'motivation': 'studies',
      }),
    poison: () => ({ ...sessionPoison(), candidate_id: undefined }),
    table: 'registrations',
    row: (_b, s, run) => newest('registrations', { candidate_id: s.both[run].id }),
    protect: registrationColumns.filter(
      (c) => !['candidate_id', 'number', 'access_code'].includes(c)
    ),
    related: async (_b, s, run) =>
      testsOf((await newest('registrations', { candidate_id: s.both[run].id })).id),
  }),
  define({
    route: 'POST /sessions/:id/registrations/:registrationId/requests/:kind',
    title: 'a postponement',
    as: 'centre_staff',
    setup: async (b) => {
      const session = await makeSession(b.home, { seats: 30 })
      return { session, both: await registered(b, session.id, 'Reporte', 'Reportebis') }
    },
    calls: (_b, s, run) =>
      form(
        'post',
        `/sessions/${s.session.id}/registrations/${s.both[run].id}/requests/postponement`,
        { description: 'Le candidat est hospitalisé le jour de la session.' }
      ),
    poison: sessionPoison,
    table: 'registration_requests',
    row: (_b, s, run) => newest('registration_requests', { registration_id: s.both[run].id }),
    protect: requestColumnsOf,
  }),
  define({
    route: 'POST /sessions/:id/anomalies',
    as: 'centre_manager',
    setup: async (b) => {
      const session = await makeSession(b.home)
      await registered(b, session.id, 'Anomalie')
      await heldAs(session, 'passed')
      return session
    },
    calls: (_b, session, run) =>
      form('post', `/sessions/${session.id}/anomalies`, {
        kind: 'technical',
        description: `Coupure de courant de dix minutes (${run}).`,
      }),
    poison: () => ({ ...sessionPoison(), registration_id: undefined, note: 'Traitée.' }),
    table: 'session_anomalies',
    row: (_b, session) => newest('session_anomalies', { session_id: session.id }),
    protect: [
      'session_id',
      'centre_id',
      'registration_id',
      'kind',
      'status',
      'note',
      'created_by',
      'processed_by',
      'submitted_at',
      'processed_at',
    ],
  }),
  define({
    route: 'POST /sessions/:id/anomalies/:anomalyId/processing',
    as: 'account_manager',
    setup: async (b) => {
      const session = await makeSession(b.home)
      const [sent] = await registered(b, session.id, 'Signale')
      await heldAs(session, 'passed')
      const manager = await b.user('centre_manager')
      const line = (n: number) =>
        SessionAnomaly.create({
          sessionId: session.id,
          centreId: b.home.id,
          registrationId: sent.id,
          kind: 'identity',
          description: `Nom mal écrit (${n}).`,
          status: 'submitted',
          createdBy: manager.id,
          submittedAt: DateTime.utc(),
        })
      const both = [await line(0), await line(1)]
      session.anomaliesSubmittedAt = DateTime.utc()
      await session.save()
      return { session, both }
    },
    calls: (_b, s, run) =>
      form('post', `/sessions/${s.session.id}/anomalies/${s.both[run].id}/processing`, {
        note: 'Traité avec le centre.',
      }),
    poison: sessionPoison,
    table: 'session_anomalies',
    row: (_b, s, run) => byId('session_anomalies', s.both[run].id),
    protect: [
      'session_id',
      'centre_id',
      'registration_id',
      'kind',
      'status',
      'note',
      'created_by',
      'processed_by',
    ],
  }),
  define({
    route: 'POST /sessions/:id/results',
    as: 'account_manager',
    setup: async (b) => {
      const session = await makeSession(b.home)
      const [marked] = await registered(b, session.id, 'Note')
      await heldAs(session, 'in_correction')
      return { session, marked }
    },
    // Poisoned inside the grid too: a cell's source and author, another test, another registration.
    calls: (_b, s, run) =>
      form('post', `/sessions/${s.session.id}/results`, {
        results: {
          [`r${s.marked.id}`]: {
            CE: {
              score: '250',
              level: 'B2',
              ...(run === 1
                ? { source: 'passport', entered_by: POISON_ID, reason: 'poisoned' }
                : {}),
            },
            ...(run === 1 ? { CO: { score: '300', level: 'C1' } } : {}),
          },
          ...(run === 1 ? { [`r${POISON_ID}`]: { CE: { score: '300', level: 'C1' } } } : {}),
        },
      }),
    table: 'registration_results',
    row: (_b, s) => newest('registration_results', { registration_id: s.marked.id }),
    protect: ['registration_id', 'test_code', 'score', 'level', 'source', 'reason', 'entered_by'],
    related: (_b, s) =>
      db.from('registration_results').where('registration_id', s.marked.id).select('test_code'),
  }),
  define({
    route: 'POST /sessions/:id/results/publication',
    as: 'network_admin',
    setup: async (b) => {
      const both = []
      for (const n of [0, 1]) {
        const session = await makeSession(b.home)
        const [marked] = await registered(b, session.id, `Laureat${n}`)
        await heldAs(session, 'in_correction')
        await RegistrationResult.create({
          registrationId: marked.id,
          testCode: 'CE',
          score: 240,
          level: 'B1',
          source: 'manual',
        })
        both.push(session)
      }
      return both
    },
    calls: (_b, both, run) => form('post', `/sessions/${both[run].id}/results/publication`, {}),
    poison: sessionPoison,
    table: 'exam_sessions',
    row: (_b, both, run) => byId('exam_sessions', both[run].id),
    protect: ['centre_id', 'product_id', 'status', 'visibility', 'seats', 'results_release_at'],
    related: async (_b, both, run) =>
      db
        .from('attestations')
        .join('registrations', 'registrations.id', 'attestations.registration_id')
        .where('registrations.session_id', both[run].id)
        .select('attestations.centre_id', 'attestations.status'),
  }),
  define({
    route: 'POST /sessions/:id/attestations/batch',
    title: 'the job is the caller’s',
    as: 'centre_staff',
    setup: async (b) => {
      const session = await makeSession(b.home)
      const [marked] = await registered(b, session.id, 'Atteste')
      await heldAs(session, 'in_correction')
      await RegistrationResult.create({
        registrationId: marked.id,
        testCode: 'CE',
        score: 240,
        level: 'B1',
        source: 'manual',
      })
      await publishResults(await b.user('network_admin'), session.id, null)
      return session
    },
    calls: (_b, session) => form('post', `/sessions/${session.id}/attestations/batch`, {}),
    poison: () => ({ type: 'poisoned', subject_type: 'poisoned', subject_id: POISON_ID }),
    table: 'background_jobs',
    row: () => db.from('background_jobs').orderBy('id', 'desc').first(),
    protect: ['type', 'user_id', 'centre_id', 'subject_type', 'subject_id'],
  }),
  {
    route: 'PUT /results/settings',
    as: 'network_admin',
    calls: () => form('put', '/results/settings', { appeal_delay_days: 21, validity_months: 18 }),
    row: () => settings(),
    protect: ['all'],
  },
  define({
    route: 'POST /requests/:id/refusal',
    as: 'account_manager',
    setup: async (b) => {
      const session = await makeSession(b.home, { seats: 30 })
      const both = await registered(b, session.id, 'Refuse', 'Refusebis')
      const ask = (registration: Registration) =>
        RegistrationRequest.create({
          kind: 'accommodation',
          centreId: b.home.id,
          sessionId: session.id,
          registrationId: registration.id,
          candidateId: registration.candidateId,
          status: 'submitted',
          category: 'extra_time',
          description: 'Tiers-temps demandé pour ce candidat.',
        })
      return [await ask(both[0]), await ask(both[1])]
    },
    calls: (_b, requests, run) =>
      form('post', `/requests/${requests[run].id}/refusal`, { reason: 'Justificatif illisible.' }),
    poison: sessionPoison,
    table: 'registration_requests',
    row: (_b, requests, run) => byId('registration_requests', requests[run].id),
    protect: [...requestColumnsOf, 'category', 'test_code'],
  }),
  define({
    route: 'POST /requests/:id/reregistration',
    as: 'centre_staff',
    setup: async (b) => {
      const session = await makeSession(b.home, { seats: 30 })
      const target = await makeSession(b.home, { seats: 30 })
      const both = await registered(b, session.id, 'Reinscrit', 'Reinscritbis')
      const ask = (registration: Registration) =>
        RegistrationRequest.create({
          kind: 'postponement',
          centreId: b.home.id,
          sessionId: session.id,
          registrationId: registration.id,
          candidateId: registration.candidateId,
          status: 'accepted',
          description: 'Report accepté pour ce candidat.',
        })
      return { target, both, requests: [await ask(both[0]), await ask(both[1])] }
    },
    calls: (_b, s, run) =>
      form('post', `/requests/${s.requests[run].id}/reregistration`, { session_id: s.target.id }),
    poison: () => ({ ...sessionPoison(), session_id: undefined }),
    table: 'registrations',
    row: (_b, s, run) =>
      newest('registrations', { session_id: s.target.id, candidate_id: s.both[run].candidateId }),
    protect: registrationColumns.filter(
      (c) => !['candidate_id', 'number', 'access_code'].includes(c)
    ),
    related: async (_b, s, run) => ({
      request: pick(await byId('registration_requests', s.requests[run].id), requestColumnsOf),
      tests: await testsOf(
        (
          await newest('registrations', {
            session_id: s.target.id,
            candidate_id: s.both[run].candidateId,
          })
        ).id
      ),
    }),
  }),
  {
    route: 'POST /products',
    as: 'network_admin',
    calls: (_b, _s, run) => form('post', '/products', productForm(`MASSNEW${run}`, 97_100 + run)),
    poison: () => ({ kind: 'poisoned', document_key: 'poisoned.pdf' }),
    table: 'products',
    row: (_b, _s, run) => newest('products', { code: `MASSNEW${run}` }),
    protect: ['range', 'name', 'status', 'modular', 'kind', 'document_key'],
    related: async (_b, _s, run) =>
      productTests((await newest('products', { code: `MASSNEW${run}` })).id),
  },
  define({
    route: 'PUT /products/:id',
    as: 'network_admin',
    setup: () => catalogueProduct('MASSEDIT', 97_200),
    calls: (_b, product) => form('put', `/products/${product.id}`, productForm('MASSEDIT', 97_200)),
    poison: () => ({ kind: 'poisoned', document_key: 'poisoned.pdf' }),
    table: 'products',
    row: (_b, product) => byId('products', product.id),
    protect: ['number', 'code', 'range', 'name', 'status', 'modular', 'kind', 'document_key'],
    related: (_b, product) => productTests(product.id),
  }),
  define({
    route: 'POST /products/:id/oral/criteria',
    as: 'network_admin',
    setup: () => catalogueProduct('MASSORAL', 97_300),
    calls: (_b, product, run) =>
      form('post', `/products/${product.id}/oral/criteria`, {
        part: 'EO-A',
        label: `Lexique ${run}`,
        levels: 'A1; A2; B1; B2',
      }),
    poison: () => ({ product_id: POISON_ID, active: '0', position: 98_765 }),
    table: 'grid_criteria',
    row: (_b, product) => newest('grid_criteria', { product_id: product.id }),
    protect: ['product_id', 'part', 'levels', 'active'],
  }),
  define({
    route: 'POST /products/:id/oral/subjects',
    as: 'network_admin',
    setup: () => catalogueProduct('MASSSUJ', 97_400),
    calls: (_b, product, run) =>
      form('post', `/products/${product.id}/oral/subjects`, {
        part: 'EO-B',
        code: `VB${run}`,
        title: 'Faut-il interdire la voiture en ville ?',
      }),
    poison: () => ({ product_id: POISON_ID, active: '0' }),
    table: 'exam_subjects',
    row: (_b, product) => newest('exam_subjects', { product_id: product.id }),
    protect: ['product_id', 'part', 'title', 'active'],
  }),
  define({
    route: 'POST /preregistrations/:id/transfer',
    as: 'centre_staff',
    setup: async (b) => {
      const session = await makeSession(b.home, { seats: 30 })
      const both = [
        await makePreregistration(b.home, session),
        await makePreregistration(b.home, session),
      ]
      for (const [n, prereg] of both.entries())
        await prereg
          .merge({ lastName: `Preinscrit${n}`, email: `preinscrit${n}@example.test` })
          .save()
      return { session, both }
    },
    calls: (_b, s, run) =>
      form('post', `/preregistrations/${s.both[run].id}/transfer`, {
        'session_id': s.session.id,
        'tests[]': 'CE',
      }),
    poison: () => ({ ...sessionPoison(), session_id: undefined }),
    table: 'preregistrations',
    row: (_b, s, run) => byId('preregistrations', s.both[run].id),
    protect: ['centre_id', 'session_id', 'status', 'tests'],
    related: async (_b, s, run) => {
      const prereg = await byId('preregistrations', s.both[run].id)
      const registration = await byId('registrations', prereg.registration_id)
      return {
        registration: pick(registration, ['session_id', 'channel', 'status']),
        candidate: pick(await byId('candidates', registration.candidate_id), [
          'centre_id',
          'user_id',
          'exam_status',
          'status',
        ]),
      }
    },
  }),
  define({
    route: 'PUT /tariffs',
    as: 'centre_manager',
    setup: () => Product.findByOrFail('code', 'TEFCAN'),
    calls: (b, tef) =>
      form('put', '/tariffs', {
        centre_id: b.home.id,
        product_id: tef.id,
        prices: { CE: '45,00' },
        vat_rate: '20',
      }),
    poison: () => ({ price_ht: 98_765, test_code: 'EO' }),
    table: 'tariffs',
    row: (b) => newest('tariffs', { centre_id: b.home.id }),
    protect: ['centre_id', 'product_id', 'test_code', 'price_ht', 'vat_rate'],
    related: (b) =>
      db
        .from('tariffs')
        .where('centre_id', b.home.id)
        .orderBy('test_code')
        .select('product_id', 'test_code', 'price_ht', 'vat_rate'),
    crossCentre: true,
  }),
  define({
    route: 'POST /inscription/:code',
    title: 'the public pre-registration form',
    as: 'guest',
    setup: (b) => b.home.merge({ onlineVisibility: 'without_sessions' }).save(),
    calls: (b, _s, run) =>
      form('post', `/inscription/${b.home.code}`, {
        civility: 'm',
        last_name: `Public${run}`,
        first_name: 'Noé',
        email: `public${run}@example.test`,
        birth_date: '1990-01-01',
        consent: '1',
      }),
    poison: () => ({
      ...sessionPoison(),
      session_id: undefined,
      tests: ['CE', 'EO'],
      registration_id: POISON_ID,
    }),
    table: 'preregistrations',
    row: (_b, _s, run) => newest('preregistrations', { last_name: `Public${run}` }),
    protect: ['centre_id', 'session_id', 'status', 'tests', 'registration_id'],
  }),
  define({
    route: 'POST /inscription/:code/contact',
    title: 'the public contact form',
    as: 'guest',
    setup: (b) => b.home.merge({ onlineVisibility: 'without_sessions' }).save(),
    calls: (b, _s, run) =>
      form('post', `/inscription/${b.home.code}/contact`, {
        name: `Visiteur ${run}`,
        email: `visiteur${run}@example.test`,
        message: 'Quand sont les prochaines sessions ?',
      }),
    poison: messagingPoison,
    table: 'conversations',
    row: (b) => newest('conversations', { centre_id: b.home.id }),
    protect: conversationColumns,
    related: async (b) => authorsOf((await newest('conversations', { centre_id: b.home.id })).id),
  }),
]

const productForm = (code: string, number: number) => ({
  number,
  range: 'TEF',
  code,
  name: 'Produit Carmin',
  status: 'active',
  modular: '1',
  tests: 'CE | Compréhension écrite\nEO | Expression orale | A,B',
})

/** A product of the catalogue like productForm's, with its tests. */
async function catalogueProduct(code: string, number: number) {
  const product = await Product.create({
    number,
    range: 'TEF',
    code,
    name: 'Produit Carmin',
    modular: true,
    kind: 'standard',
    status: 'active',
  })
  await ProductTest.createMany([
    { productId: product.id, code: 'CE', name: 'Compréhension écrite', position: 1, sections: [] },
    {
      productId: product.id,
      code: 'EO',
      name: 'Expression orale',
      position: 2,
      sections: ['A', 'B'],
    },
  ])
  return product
}

const productTests = (productId: number) =>
  db
    .from('product_tests')
    .where('product_id', productId)
    .orderBy('position')
    .select('code', 'name', 'sections')

/* ----------------------------------------------------------------- passports */

/** A held TEF registration of `home` (captured now), its passport and an EO grid of two criteria. */
async function held(b: Base) {
  const registration = await makeHeldRegistration(b.home)
  const tef = await Product.findByOrFail('code', 'TEFCAN')
  const parts: Record<string, { subject: number; criteria: number[] }> = {}
  for (const part of ['EO-A', 'EO-B']) {
    const criteria = []
    for (const [index, label] of ['Lexique', 'Phonologie'].entries())
      criteria.push(
        await GridCriterion.create({
          productId: tef.id,
          part,
          label,
          levels: ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'],
          position: index + 1,
          active: true,
        })
      )
    const subject = await ExamSubject.create({
      productId: tef.id,
      part,
      code: `M${part.slice(-1)}${registration.id}`,
      title: `Sujet ${part}`,
      instructions: null,
      active: true,
    })
    parts[part] = { subject: subject.id, criteria: criteria.map((c) => c.id) }
  }
  return { registration, parts }
}

/** The exam passport's own fields, as its JSON calls could name them. */
const passportPoison = (b: Base) => ({
  passportId: POISON_ID,
  registrationId: POISON_ID,
  centreId: b.other.id,
  capturedBy: b.victim.id,
  createdBy: b.victim.id,
  gradedBy: b.victim.id,
  received: 98_765,
  mediaId: POISON_ID,
  storageKey: 'poisoned/key',
  storage_key: 'poisoned/key',
  deletedAt: POISON_TIME,
  purgedAt: POISON_TIME,
  result: { score: 98_765, level: 'C2' },
})

/** A complete situation as its four tabs send it (S112 claims C11.1). */
export const situationForm = (w: School, title: string) => ({
  'title': title,
  'situation_id': String(w.s112),
  'description': 'Brief de la société Grassin pour son anniversaire.',
  'location': 'organisation',
  'starts_on': '2026-10-05',
  'ends_on': '2026-10-09',
  'source': 'internship',
  'kind': 'lived',
  'actors[0][name]': 'M. Durand',
  'actors[0][role]': 'Maître de stage',
  'supports[0][designation]': 'Compte rendu du brief',
  'supports[0][origin]': 'created',
  'supports[0][nature]': 'digital',
  'competence_id': String(w.c111),
  'complexities[]': 'Budget contraint',
})

const situationColumns = [
  'user_id',
  'centre_id',
  'situation_id',
  'competence_id',
  'result',
  'appreciation',
  'evaluated_by',
  'evaluated_at',
]

/** Who assessed a situation: no form of the learner's sets it. */
const reviewPoison = () => ({ result: 'total', appreciation: 'Parfait.' })

/** A school and one situation of its learner, written through the learner's form. */
async function situationOf(b: Base, client: ApiClient, title: string) {
  const w = await school(b)
  await client
    .post('/my/passport/situations')
    .loginAs(w.learner)
    .fields(situationForm(w, title))
    .withCsrfToken()
    .redirects(0)
  return { w, situation: await newest('professional_situations', { title }) }
}

const passports: MassCase[] = [
  define({
    route: 'POST /passport/logs',
    as: 'evaluator',
    calls: () => form('post', '/passport/logs', { log: '09:14 caméra refusée' }),
    poison: messagingPoison,
    table: 'conversations',
    row: () => db.from('conversations').orderBy('id', 'desc').first(),
    protect: conversationColumns,
    related: async () =>
      authorsOf((await db.from('conversations').orderBy('id', 'desc').first()).id),
  }),
  {
    route: 'PUT /passport/settings',
    as: 'network_admin',
    calls: () => form('put', '/passport/settings', { retention_days: 90 }),
    row: () => settings(),
    protect: ['all'],
  },
  define({
    route: 'PUT /passport/registrations/:id/candidate',
    title: 'the identity checked on exam day',
    as: 'evaluator',
    setup: (b) => makeHeldRegistration(b.home),
    calls: (_b, registration) =>
      form('put', `/passport/registrations/${registration.id}/candidate`, {
        civility: 'mme',
        last_name: 'Verifiee',
        first_name: 'Inès',
        birth_date: '1992-03-04',
      }),
    table: 'candidates',
    row: (_b, registration) => byId('candidates', registration.candidateId),
    protect: candidateColumns,
  }),
  define({
    route: 'POST /passport/registrations/:id/uploads',
    title: 'a clip declared',
    as: 'evaluator',
    setup: (b) => makeHeldRegistration(b.home),
    calls: (_b, registration, run) => ({
      method: 'post',
      path: `/passport/registrations/${registration.id}/uploads`,
      json: true,
      body: {
        clientId: `clip-mass-${run}`,
        kind: 'clip',
        part: 'EO-A',
        size: 4096,
        sha256: 'a'.repeat(64),
        durationMs: 61_000,
        capturedAt: '2026-11-30T09:15:00Z',
      },
    }),
    poison: passportPoison,
    row: (_b, _registration, run) =>
      db.from('passport_uploads').where('client_id', `clip-mass-${run}`).first(),
    protect: [
      'passport_id',
      'kind',
      'part',
      'size',
      'received',
      'media_id',
      'created_by',
      'deleted_at',
    ],
  }),
  define({
    route: 'PUT /passport/registrations/:id/parts/:part',
    title: 'the oral grids give the EO result',
    as: 'evaluator',
    setup: held,
    calls: (_b, h) =>
      (['EO-A', 'EO-B'] as const).map((part) => ({
        method: 'put' as const,
        path: `/passport/registrations/${h.registration.id}/parts/${part}`,
        json: true as const,
        body: {
          subjectId: h.parts[part].subject,
          grid: { [h.parts[part].criteria[0]]: 'B1', [h.parts[part].criteria[1]]: 'B2' },
        },
      })),
    poison: passportPoison,
    table: 'registration_results',
    row: (_b, h) =>
      db.from('registration_results').where('registration_id', h.registration.id).first(),
    protect: ['registration_id', 'test_code', 'score', 'level', 'source', 'entered_by'],
    related: async (_b, h) =>
      db
        .from('passport_parts')
        .join('exam_passports', 'exam_passports.id', 'passport_parts.passport_id')
        .where('exam_passports.registration_id', h.registration.id)
        .orderBy('passport_parts.part')
        .select(
          'passport_parts.part',
          'passport_parts.subject_id',
          'passport_parts.graded_by',
          'exam_passports.centre_id'
        ),
  }),
  define({
    route: 'PATCH /passport/registrations/:id/clips/:clientId',
    title: 'a clip moved to another section',
    as: 'evaluator',
    setup: async (b) => {
      const registration = await makeHeldRegistration(b.home)
      const passport = await ExamPassport.create({
        registrationId: registration.id,
        centreId: b.home.id,
      })
      const clientId = `clip-${registration.id}`
      const key = `passports/${passport.id}/${clientId}.webm`
      await drive.use().put(key, Buffer.from('audio'))
      const clip = await PassportMedia.create({
        passportId: passport.id,
        kind: 'clip',
        part: 'EO-A',
        clientId,
        storageKey: key,
        mime: 'audio/webm',
        size: 5,
        sha256: 'c'.repeat(64),
        durationMs: 4200,
        capturedAt: DateTime.utc().minus({ minutes: 20 }),
        capturedBy: (await b.user('evaluator')).id,
        uploadedAt: DateTime.utc().minus({ minutes: 5 }),
        purgedAt: null,
      })
      await PassportUpload.create({
        id: randomUUID(),
        passportId: passport.id,
        clientId,
        kind: 'clip',
        part: 'EO-A',
        size: 5,
        sha256: 'c'.repeat(64),
        received: 5,
        chunks: [0],
        capturedAt: clip.capturedAt,
        acceptedAt: DateTime.utc(),
        createdBy: clip.capturedBy,
        mediaId: clip.id,
      })
      return { registration, clip }
    },
    calls: (_b, s) => ({
      method: 'patch',
      path: `/passport/registrations/${s.registration.id}/clips/${s.clip.clientId}`,
      json: true,
      body: { part: 'EO-B' },
    }),
    poison: passportPoison,
    table: 'passport_media',
    row: (_b, s) => byId('passport_media', s.clip.id),
    protect: [
      'passport_id',
      'kind',
      'part',
      'client_id',
      'storage_key',
      'mime',
      'size',
      'sha256',
      'captured_by',
      'purged_at',
    ],
  }),
  define({
    route: 'POST /my/passport/situations',
    as: 'learner',
    setup: school,
    calls: (_b, w, run) => ({
      method: 'post',
      path: '/my/passport/situations',
      body: situationForm(w, `Situation ${run}`),
      files: {},
    }),
    poison: reviewPoison,
    table: 'professional_situations',
    row: (_b, _w, run) => newest('professional_situations', { title: `Situation ${run}` }),
    protect: situationColumns,
  }),
  define({
    route: 'PUT /my/passport/situations/:id',
    as: 'learner',
    setup: (b, client) => situationOf(b, client, 'Situation modifiée'),
    calls: (_b, s) => ({
      method: 'put',
      path: `/my/passport/situations/${s.situation.id}`,
      body: situationForm(s.w, 'Situation modifiée'),
      files: {},
    }),
    poison: reviewPoison,
    table: 'professional_situations',
    row: (_b, s) => byId('professional_situations', s.situation.id),
    protect: situationColumns,
  }),
  define({
    route: 'POST /pro-passports/filters',
    as: 'teacher',
    setup: school,
    calls: (_b, w, run) =>
      form('post', '/pro-passports/filters', {
        'name': `Filtre ${run}`,
        'competences[]': [String(w.c111), String(w.c131)],
      }),
    table: 'competence_filters',
    row: (_b, _w, run) => newest('competence_filters', { name: `Filtre ${run}` }),
    protect: ['user_id', 'competence_ids'],
  }),
  define({
    route: 'PUT /pro-passports/filters/:id',
    as: 'teacher',
    setup: async (b) => {
      const w = await school(b)
      const filter = await CompetenceFilter.create({
        userId: w.teacher.id,
        name: 'Filtre modifié',
        competenceIds: [w.c111],
      })
      return { w, filter }
    },
    calls: (_b, s) =>
      form('put', `/pro-passports/filters/${s.filter.id}`, {
        'name': 'Filtre modifié',
        'competences[]': [String(s.w.c111), String(s.w.c131)],
      }),
    table: 'competence_filters',
    row: (_b, s) => byId('competence_filters', s.filter.id),
    protect: ['user_id', 'name', 'competence_ids'],
  }),
  define({
    route: 'POST /pro-passports/learners/:id/locks',
    as: 'teacher',
    setup: school,
    calls: (_b, w, run) =>
      form('post', `/pro-passports/learners/${w.learner.id}/locks`, {
        competence_id: run === 0 ? w.c111 : w.c131,
        locked: '1',
      }),
    table: 'competence_locks',
    row: (_b, w) => newest('competence_locks', { user_id: w.learner.id }),
    protect: ['user_id', 'framework_id', 'locked_by'],
  }),
  define({
    route: 'PUT /pro-passports/situations/:id/evaluation',
    as: 'teacher',
    setup: (b, client) => situationOf(b, client, 'Situation évaluée'),
    calls: (_b, s) =>
      form('put', `/pro-passports/situations/${s.situation.id}/evaluation`, {
        'result': 'partial',
        'appreciation': 'Bonne synthèse, à approfondir.',
        'complexities[]': ['Budget contraint'],
      }),
    table: 'professional_situations',
    row: (_b, s) => byId('professional_situations', s.situation.id),
    protect: [
      ...situationColumns.filter((c) => c !== 'evaluated_at'),
      'title',
      'description',
      'complexities',
      'hazards',
    ],
  }),
]

/* -------------------------------------------------------------------- orders */

const creditProductForm = (reference: string) => ({
  name: 'Examen blanc à distance',
  type: 'mock_remote',
  reference,
  unit_price: '71,00',
  vat_rate: '20',
  validity_months: '12',
  status: 'active',
  all_centres: '1',
})

/** The columns of an order, a line or an assignment no form sets. */
const orderPoison = (b: Base) => ({
  number: 'CMD-POISONED',
  payment_method: 'poisoned',
  total_ht_cents: 98_765,
  total_vat_cents: 98_765,
  paid_at: POISON_TIME,
  delivered_at: POISON_TIME,
  order_line_id: POISON_ID,
  activation_code: 'POISONED-1',
  vat_rate_bp: 1,
  ended_by: b.victim.id,
  ended_at: POISON_TIME,
  candidate_id: POISON_ID,
  type: 'poisoned',
})

const assignmentColumns = [
  'centre_id',
  'order_line_id',
  'type',
  'status',
  'exam_date',
  'assigned_by',
  'ended_by',
]

/** `home` with stock of remote mock exams, and two candidates (with a credit when `assigned`). */
async function stocked(b: Base, assigned = false) {
  const admin = await b.user('network_admin')
  const product = await makeCreditProduct({ type: 'mock_remote' })
  await makeCreditStock(b.home, 10, product, admin)
  const both = await twoCandidates(b)
  if (assigned)
    for (const candidate of both)
      await assignCredit(await b.user('centre_manager'), candidate.id, { type: 'mock_remote' })
  return both
}

const assignmentOf = (candidateId: number) =>
  newest('credit_assignments', { candidate_id: candidateId })

const orders: MassCase[] = [
  {
    route: 'POST /credit-products',
    as: 'network_admin',
    calls: (_b, _s, run) => form('post', '/credit-products', creditProductForm(`MASS-${run}`)),
    poison: orderPoison,
    table: 'credit_products',
    row: (_b, _s, run) => newest('credit_products', { reference: `MASS-${run}` }),
    protect: [
      'name',
      'type',
      'unit_price_cents',
      'vat_rate_bp',
      'validity_months',
      'status',
      'all_centres',
    ],
    related: async (_b, _s, run) =>
      db
        .from('credit_product_centres')
        .where('product_id', (await newest('credit_products', { reference: `MASS-${run}` })).id)
        .select('centre_id'),
  },
  define({
    route: 'PUT /credit-products/:id',
    as: 'network_admin',
    setup: () => makeCreditProduct({ reference: 'MASS-EDIT' }),
    calls: (_b, product) =>
      form('put', `/credit-products/${product.id}`, creditProductForm('MASS-EDIT')),
    poison: orderPoison,
    table: 'credit_products',
    row: (_b, product) => byId('credit_products', product.id),
    protect: [
      'name',
      'type',
      'reference',
      'unit_price_cents',
      'vat_rate_bp',
      'validity_months',
      'status',
      'all_centres',
    ],
    related: (_b, product) =>
      db.from('credit_product_centres').where('product_id', product.id).select('centre_id'),
  }),
  define({
    route: 'POST /orders',
    title: 'the cart',
    as: 'centre_manager',
    setup: () => makeCreditProduct({ type: 'mock_remote' }),
    calls: (b, product) =>
      form('post', '/orders', { centre_id: b.home.id, quantities: { [`p${product.id}`]: '2' } }),
    poison: orderPoison,
    table: 'credit_orders',
    row: (b) => newest('credit_orders', { centre_id: b.home.id }),
    protect: [
      'centre_id',
      'ordered_by',
      'status',
      'payment_method',
      'total_ht_cents',
      'total_vat_cents',
      'total_ttc_cents',
      'paid_at',
      'paid_by',
      'delivered_at',
      'cancelled_at',
    ],
    related: async (b) =>
      db
        .from('credit_order_lines')
        .where('order_id', (await newest('credit_orders', { centre_id: b.home.id })).id)
        .select(
          'centre_id',
          'name',
          'type',
          'reference',
          'quantity',
          'unit_price_cents',
          'vat_rate_bp',
          'ht_cents',
          'ttc_cents',
          'remaining',
          'expires_on'
        ),
    crossCentre: true,
  }),
  define({
    route: 'POST /candidates/:id/credit',
    as: 'centre_staff',
    setup: (b) => stocked(b),
    calls: (_b, both, run) =>
      form('post', `/candidates/${both[run].id}/credit`, { type: 'mock_remote' }),
    poison: orderPoison,
    table: 'credit_assignments',
    row: (_b, both, run) => assignmentOf(both[run].id),
    protect: assignmentColumns,
  }),
  define({
    route: 'PUT /candidates/:id/credit',
    as: 'centre_staff',
    setup: (b) => stocked(b, true),
    calls: (_b, both, run) =>
      form('put', `/candidates/${both[run].id}/credit`, {
        type: 'mock_remote',
        exam_date: '2030-01-15',
      }),
    poison: orderPoison,
    table: 'credit_assignments',
    row: (_b, both, run) => assignmentOf(both[run].id),
    protect: assignmentColumns,
  }),
  define({
    route: 'DELETE /candidates/:id/credit',
    as: 'centre_staff',
    setup: (b) => stocked(b, true),
    calls: (_b, both, run) => form('delete', `/candidates/${both[run].id}/credit`, { notify: '0' }),
    poison: orderPoison,
    table: 'credit_assignments',
    row: (_b, both, run) => assignmentOf(both[run].id),
    protect: assignmentColumns,
  }),
  define({
    route: 'POST /credits/assignments',
    as: 'centre_staff',
    setup: (b) => stocked(b),
    calls: (_b, both, run) =>
      form('post', '/credits/assignments', { type: 'mock_remote', candidate_ids: [both[run].id] }),
    poison: orderPoison,
    table: 'credit_assignments',
    row: (_b, both, run) => assignmentOf(both[run].id),
    protect: assignmentColumns,
  }),
  define({
    route: 'POST /credits/removals',
    as: 'centre_staff',
    setup: (b) => stocked(b, true),
    calls: (_b, both, run) => form('post', '/credits/removals', { candidate_ids: [both[run].id] }),
    poison: orderPoison,
    table: 'credit_assignments',
    row: (_b, both, run) => assignmentOf(both[run].id),
    protect: assignmentColumns,
  }),
  {
    route: 'POST /api-tokens',
    as: 'network_admin',
    calls: (_b, _s, run) => form('post', '/api-tokens', { name: `Plateforme ${run}` }),
    poison: () => ({
      token_hash: 'poisoned',
      hint: 'POIS',
      revoked_at: POISON_TIME,
      last_used_at: POISON_TIME,
    }),
    table: 'api_tokens',
    row: (_b, _s, run) => newest('api_tokens', { name: `Plateforme ${run}` }),
    protect: ['created_by', 'revoked_at', 'last_used_at'],
  },
  define({
    route: 'POST /api/v1/results',
    title: 'the exam platform, with its token',
    as: 'guest',
    setup: async (b) => {
      const both = await stocked(b, true)
      const { token } = await createApiToken(await b.user('network_admin'), 'Plateforme')
      return { both, token }
    },
    calls: (_b, s, run) => ({
      method: 'post',
      path: '/api/v1/results',
      json: true,
      headers: { Authorization: `Bearer ${s.token}` },
      body: {
        results: [
          {
            result_id: `R-MASS-${run}`,
            email: s.both[run].email,
            exam_type: 'mock_remote',
            score: 640,
            passed_on: DateTime.utc().minus({ days: 1 }).toISODate(),
            validation: 'validated',
            ...(run === 1
              ? {
                  centre_id: POISON_ID,
                  candidate_id: POISON_ID,
                  public_code: 'POISONED',
                  source: 'import',
                  valid_until: POISON_DAY,
                }
              : {}),
          },
        ],
      },
    }),
    table: 'credit_results',
    row: (_b, _s, run) => newest('credit_results', { result_ref: `R-MASS-${run}` }),
    protect: ['centre_id', 'type', 'score', 'validation', 'source', 'passed_on', 'valid_until'],
  }),
  define({
    route: 'POST /documents/jobs',
    title: 'the job is the caller’s',
    as: 'centre_staff',
    setup: async (b) => {
      await makeCreditStock(
        b.home,
        3,
        await makeCreditProduct({ type: 'mock_manual' }),
        await b.user('network_admin')
      )
      const candidate = await makeCandidate(b.home, { lastName: 'Code' })
      await assignCredit(await b.user('centre_manager'), candidate.id, { type: 'mock_manual' })
      return candidate
    },
    calls: (_b, candidate) =>
      form('post', '/documents/jobs', { kinds: 'registration', candidate_ids: [candidate.id] }),
    poison: () => ({ type: 'poisoned', subject_type: 'poisoned', subject_id: POISON_ID }),
    table: 'background_jobs',
    row: () => db.from('background_jobs').orderBy('id', 'desc').first(),
    protect: ['type', 'user_id', 'centre_id', 'subject_type', 'subject_id'],
  }),
  {
    route: 'POST /partner-sessions',
    as: 'network_admin',
    calls: (_b, _s, run) =>
      form('post', '/partner-sessions', partnerForm(`Centre partenaire ${run}`)),
    table: 'partner_sessions',
    row: (_b, _s, run) => newest('partner_sessions', { centre_name: `Centre partenaire ${run}` }),
    protect: ['status', 'seats', 'starts_at', 'city'],
  },
  define({
    route: 'PUT /partner-sessions/:id',
    as: 'network_admin',
    setup: () =>
      PartnerSession.create({
        centreName: 'Centre partenaire',
        address: '1, rue du Port',
        postcode: '38000',
        city: 'Grenoble',
        startsAt: DateTime.utc().plus({ days: 40 }),
        seats: 5,
        status: 'open',
      }),
    calls: (_b, partner) =>
      form('put', `/partner-sessions/${partner.id}`, partnerForm('Centre partenaire')),
    table: 'partner_sessions',
    row: (_b, partner) => byId('partner_sessions', partner.id),
    protect: ['centre_name', 'status', 'seats', 'starts_at', 'city'],
  }),
]

const partnerForm = (centreName: string) => ({
  centre_name: centreName,
  address: '11, boulevard Maréchal Lyautey',
  postcode: '38000',
  city: 'Grenoble',
  date: DateTime.now().plus({ days: 30 }).toISODate(),
  time: '09:00',
  seats: '4',
})

export const CASES: MassCase[] = [
  ...accounts,
  ...centres,
  ...candidates,
  ...evaluations,
  ...messaging,
  ...sessions,
  ...passports,
  ...orders,
]

/** Writing routes whose controller reads no field of the body (the address says it all). */
export const NO_BODY = new Map<string, string>([
  ['POST /login', 'a session, no record: email and password only'],
  ['POST /forgot-password', 'a link for the account of the email typed, nothing else read'],
  ['POST /verify', 'a lookup by code, nothing written'],
  ['POST /logout', 'ends the session'],
  ['POST /users/:id/disablement', 'disables the user named in the address'],
  ['DELETE /users/:id/disablement', 'enables the user named in the address'],
  ['POST /users/:id/links', 'sends a password link to the user named in the address'],
  ['DELETE /groups/:id', 'deletes the group named in the address'],
  ['POST /groups/:id/hiding', 'hides the group'],
  ['DELETE /groups/:id/hiding', 'shows the group'],
  ['DELETE /candidates/:id', 'deletes the candidate'],
  ['DELETE /candidates/:id/groups/:groupId', 'takes the candidate out of the group'],
  ['DELETE /groups/:id/candidates/:candidateId', 'takes the candidate out of the group'],
  ['DELETE /scenarios/:id', 'deletes the scenario'],
  ['DELETE /scenarios/:id/attachments/:attachmentId', 'deletes the attachment'],
  ['DELETE /evaluations/:id', 'deletes the evaluation'],
  ['POST /messages/:id/closure', 'closes the conversation'],
  ['DELETE /messages/:id/closure', 'reopens the conversation'],
  ['POST /account-requests/:id/acceptance', 'creates the account the request says'],
  ['POST /sessions/:id/transitions/:action', 'the action is in the address'],
  ['DELETE /sessions/:id/documents/:documentId', 'deletes the document'],
  ['POST /sessions/:id/anomalies/submission', 'sends the sheet'],
  ['DELETE /sessions/:id/anomalies/:anomalyId', 'deletes the line'],
  ['POST /requests/:id/review', 'takes the request in hand'],
  ['POST /requests/:id/acceptance', 'accepts the request'],
  ['POST /products/:id/oral/criteria/:criterionId/toggle', 'turns the criterion on or off'],
  ['POST /products/:id/oral/subjects/:subjectId/toggle', 'turns the subject on or off'],
  ['POST /preregistrations/:id/decline', 'declines the pre-registration'],
  ['DELETE /passport/registrations/:id/clips/:clientId', 'deletes the clip'],
  ['DELETE /my/passport/situations/:id', 'deletes one of the learner’s situations'],
  ['DELETE /my/passport/attachments/:id', 'deletes an attachment of the learner’s'],
  ['DELETE /pro-passports/filters/:id', 'deletes one of the teacher’s filters'],
  ['DELETE /orders/:id', 'cancels the order'],
  ['POST /orders/:id/payment', 'marks the order paid'],
  ['POST /orders/:id/delivery', 'delivers the order'],
  ['DELETE /api-tokens/:id', 'revokes the token'],
  ['DELETE /partner-sessions/:id', 'cancels the partner session'],
])

/** Writing routes whose body is a file (or raw bytes): what they write comes from its content. */
export const FILE_BODY = new Map<string, string>([
  ['POST /imports/users/preview', 'user import: rows of an xlsx file (user_import.spec.ts)'],
  ['POST /imports/users/apply', 'applies the previewed file named in the session'],
  ['POST /frameworks', 'framework import: an xlsx file'],
  ['POST /sessions/:id/import/preview', 'registration import: an xlsx file'],
  ['POST /sessions/:id/import/apply', 'applies the previewed file named in the session'],
  ['POST /sessions/:id/results/import', 'results import: an xlsx file'],
  ['POST /credit-results/import', 'results of the exam platform: a file'],
  ['PUT /passport/uploads/:id', 'a chunk of raw bytes'],
])

/** Tables with a centre: none may get a row of the other centre from a poisoned form. */
export const CENTRE_TABLES = [
  'centre_memberships',
  'centre_frameworks',
  'candidates',
  'groups',
  'divisions',
  'exam_sessions',
  'tariffs',
  'preregistrations',
  'registration_requests',
  'session_anomalies',
  'attestations',
  'background_jobs',
  'conversations',
  'account_requests',
  'scenarios',
  'evaluations',
  'exam_passports',
  'professional_situations',
  'credit_orders',
  'credit_order_lines',
  'credit_assignments',
  'credit_movements',
  'audit_logs',
]

/** Columns naming a user: none may name the victim (a learner no form names) after a poisoned form. */
export const OWNED: Record<string, readonly string[]> = {
  user_tokens: ['user_id'],
  audit_logs: ['actor_id'],
  conversations: ['created_by'],
  messages: ['author_id'],
  account_requests: ['requested_by', 'decided_by', 'user_id'],
  candidates: ['user_id'],
  session_documents: ['uploaded_by'],
  purchase_orders: ['signed_by'],
  registration_requests: ['requested_by', 'reviewed_by', 'decided_by'],
  session_anomalies: ['created_by', 'processed_by'],
  registration_results: ['entered_by'],
  background_jobs: ['user_id'],
  scenarios: ['author_id'],
  evaluations: ['author_id'],
  evaluation_learners: ['user_id'],
  evaluation_grades: ['user_id'],
  evaluation_changes: ['changed_by'],
  passport_parts: ['graded_by'],
  passport_media: ['captured_by'],
  passport_uploads: ['created_by'],
  professional_situations: ['user_id', 'evaluated_by'],
  competence_locks: ['user_id', 'locked_by'],
  competence_filters: ['user_id'],
  credit_orders: ['ordered_by', 'paid_by'],
  credit_assignments: ['assigned_by'],
  credit_movements: ['user_id'],
  api_tokens: ['created_by'],
  division_members: ['user_id'],
}
