import { test } from '@japa/runner'
import type { ApiResponse } from '@japa/api-client'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { Group } from '#centres'
import { registerCandidates } from '#sessions/services/registrations'
import RegistrationRequest from '#sessions/models/registration_request'
import SessionAnomaly from '#sessions/models/session_anomaly'
import { startConversation } from '#messaging/services/messaging'
import { createEvaluation } from '#evaluations/services/evaluations'
import { createScenario } from '#evaluations/services/scenarios'
import ProfessionalSituation from '#passports/models/professional_situation'
import {
  CentreFactory,
  frameworkNodeId,
  makeCandidate,
  makeCreditProduct,
  makeCreditStock,
  makeDivision,
  makeFramework,
  makePreregistration,
  makeSession,
  makeUser,
} from '#database/factories/index'
import { getRoutesWhoseHandler } from '#tests/helpers/routes'

/**
 * Hostile query strings on every GET route that reads one (lists, tables,
 * exports, pickers, searches): SQL injection, odd types and huge values in
 * each parameter, as the users allowed on the route (a network admin and
 * centre A's people). Never a 500; a 200 that ignores the value or finds
 * nothing, a redirect within the site, or a 4xx page that says why; none of
 * centre B's words for A's people (B's ids in the filters included); an
 * injection in q finds nothing; no table dropped, no row count changed.
 *
 * To keep the run short, each payload first goes into every parameter of the
 * route at once; only when that answer is not a plain 200 is it sent in each
 * parameter alone. SWEPT is checked against the controllers by the last test.
 */

/** Two centres, each with its distinctive rows; the manager, teacher and learner are A's. */
async function world() {
  const a = await CentreFactory.merge({ name: 'Centre Alphaville', kind: 'both' }).create()
  const b = await CentreFactory.merge({ name: 'Centre Kestrelbury', kind: 'both' }).create()
  const admin = await makeUser('network_admin')
  const manager = await makeUser('centre_manager', [a], { lastName: 'Managera' })
  const accountManager = await makeUser('account_manager', [a], { lastName: 'Accounta' })
  await makeUser('centre_staff', [a], { lastName: 'Plumtree' })
  await makeUser('centre_staff', [b], { lastName: 'Vantongeren' })
  const version = await makeFramework([a, b], admin)
  const teacher = await makeUser('teacher', [a], { lastName: 'Teachera' })
  const learner = await makeUser('learner', [a], { lastName: 'Learnera' })
  const learnerB = await makeUser('learner', [b], { lastName: 'Learnerbeta' })
  const teacherB = await makeUser('teacher', [b], { lastName: 'Teacherbeta' })
  const division = await makeDivision(a, 'Classalpha', [teacher, learner])
  const divisionB = await makeDivision(b, 'Classbeta', [teacherB, learnerB])

  const candidate = await makeCandidate(a, { lastName: 'Zyxalpha', firstName: 'Lina' })
  await makeCandidate(a, { lastName: 'Zyxgamma', firstName: 'Remi' })
  const candidateB = await makeCandidate(b, { lastName: 'Qwombeta', firstName: 'Omar' })
  const group = await Group.create({ centreId: a.id, name: 'Grpalpha', category: 'other' })
  const groupB = await Group.create({ centreId: b.id, name: 'Grpbeta', category: 'other' })
  const now = DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss')
  await db.table('candidate_group').multiInsert([
    { candidate_id: candidate.id, group_id: group.id, created_at: now },
    { candidate_id: candidateB.id, group_id: groupB.id, created_at: now },
  ])

  const session = await makeSession(a)
  const sessionB = await makeSession(b)
  const [registration] = await registerCandidates(null, session.id, [
    { candidate, input: { tests: ['CE', 'CO', 'EE', 'EO'], channel: 'on_site' } },
  ])
  const [registrationB] = await registerCandidates(null, sessionB.id, [
    { candidate: candidateB, input: { tests: ['CE', 'CO', 'EE', 'EO'], channel: 'on_site' } },
  ])
  for (const [centre, s, r] of [
    [a, session, registration],
    [b, sessionB, registrationB],
  ] as const) {
    await RegistrationRequest.create({
      kind: 'postponement',
      centreId: centre.id,
      sessionId: s.id,
      registrationId: r.id,
      candidateId: r.candidateId,
      status: 'submitted',
      description: 'Malade le jour de la session.',
    })
    await SessionAnomaly.create({
      sessionId: s.id,
      centreId: centre.id,
      registrationId: r.id,
      kind: 'identity',
      description: "Pièce d'identité expirée.",
      status: 'submitted',
      submittedAt: DateTime.utc(),
    })
  }
  const prere = await makePreregistration(a)
  await prere.merge({ lastName: 'Prealpha' }).save()
  const prereB = await makePreregistration(b)
  await prereB.merge({ lastName: 'Prebeta' }).save()

  const product = await makeCreditProduct({ name: 'Prodzeta' })
  await makeCreditStock(a, 2, product, admin)
  const { order: orderB } = await makeCreditStock(b, 2, await makeCreditProduct(), admin)

  await startConversation({ centreId: a.id, title: 'Convalpha', body: 'Bonjour', author: manager })
  await startConversation({ centreId: b.id, title: 'Convbeta', body: 'Bonjour', author: admin })

  const competenceId = await frameworkNodeId(version.id, 'competences', 'C11.1')
  const situationId = await frameworkNodeId(version.id, 'situations', 'S111')
  const choices = [{ competenceId, complexities: [], hazards: [] }]
  await createScenario(teacher, a.id, {
    title: 'Scenalpha',
    level: null,
    visibility: 'public',
    context: null,
    materials: null,
    links: [],
    resources: null,
    choices,
  })
  await createScenario(teacherB, b.id, {
    title: 'Scenbeta',
    level: null,
    visibility: 'public',
    context: null,
    materials: null,
    links: [],
    resources: null,
    choices,
  })
  const evaluation = await createEvaluation(teacher, a.id, {
    title: 'Evalalpha',
    evaluatedOn: DateTime.utc(2026, 11, 2),
    choices,
    learnerIds: [learner.id],
  })
  await evaluation.merge({ visible: true }).save()
  await createEvaluation(teacherB, b.id, {
    title: 'Evalbeta',
    evaluatedOn: DateTime.utc(2026, 11, 2),
    choices,
    learnerIds: [learnerB.id],
  })
  for (const [user, centre, title] of [
    [learner, a, 'Sitalpha'],
    [learnerB, b, 'Sitbeta'],
  ] as const)
    await ProfessionalSituation.create({
      userId: user.id,
      centreId: centre.id,
      situationId,
      competenceId,
      title,
      project: false,
      description: 'Brief.',
      location: 'organisation',
      startsOn: DateTime.utc(2026, 10, 5),
      endsOn: DateTime.utc(2026, 10, 9),
      source: 'internship',
      kind: 'lived',
      actors: [],
      complexities: [],
      hazards: [],
      result: null,
    })
  const framework = await db.from('frameworks').orderBy('id', 'desc').firstOrFail()

  return {
    actors: { admin, manager, accountManager, teacher, learner },
    ids: {
      candidate: candidate.id,
      group: group.id,
      session: session.id,
      evaluation: evaluation.id,
      learner: learner.id,
      division: division.id,
      framework: Number(framework.id),
    },
    /** The other centre's records, each an id a hostile filter may name. */
    otherIds: [b.id, groupB.id, candidateB.id, sessionB.id, divisionB.id, learnerB.id],
    /** Words only centre B's rows carry: none may reach centre A's people. */
    otherWords: [...OTHER_CENTRE, orderB.number!],
  }
}

type World = Awaited<ReturnType<typeof world>>
type ActorName = keyof World['actors']

const OTHER_CENTRE = [
  'Kestrelbury',
  'Qwombeta',
  'Vantongeren',
  'Grpbeta',
  'Convbeta',
  'Prebeta',
  'Scenbeta',
  'Evalbeta',
  'Sitbeta',
  'Learnerbeta',
  'Classbeta',
]

/** A table's own parameters (TableState): the search, the order and the page. */
const TABLE = ['q', 'sort', 'dir', 'page']
/** The candidate table's filters (candidateTable), shared by its pickers. */
const CANDIDATE_FILTERS = [...TABLE, 'status', 'validation', 'group', 'from', 'to']

interface Swept {
  /** The route as the router names it (method and pattern). */
  route: string
  /** The address to call, with the world's ids. */
  url: (ids: World['ids']) => string
  /** Who calls it: users allowed on it (a network admin and centre A's people). */
  as: ActorName[]
  params: string[]
  /**
   * A word the unfiltered answer shows in a row that q searches: q=<word>
   * finds it, an injection in q finds nothing.
   */
  finds?: string
  /** Renders a PDF: a shorter list of payloads (Chromium is slow). */
  pdf?: boolean
}

/** Every GET route whose controller reads the query string (see the last test). */
const SWEPT: Swept[] = [
  {
    route: 'GET /users',
    url: () => '/users',
    as: ['manager', 'admin'],
    params: [...TABLE, 'role', 'status'],
    finds: 'Plumtree',
  },
  {
    route: 'GET /users/export/:format',
    url: () => '/users/export/csv',
    as: ['manager', 'admin'],
    params: [...TABLE, 'role', 'status'],
    finds: 'Plumtree',
  },
  {
    route: 'GET /admin/audit',
    url: () => '/admin/audit',
    as: ['admin'],
    params: ['action', 'entity_type', 'entity_id', 'actor', 'from', 'to', 'before'],
  },
  {
    route: 'GET /centres',
    url: () => '/centres',
    as: ['accountManager', 'admin'],
    params: [...TABLE, 'kind', 'country', 'status'],
    finds: 'Alphaville',
  },
  {
    route: 'GET /centres/choices',
    url: () => '/centres/choices',
    as: ['manager', 'accountManager', 'admin'],
    params: ['centre'],
  },
  {
    route: 'GET /centres/export/:format',
    url: () => '/centres/export/csv',
    as: ['accountManager', 'admin'],
    params: [...TABLE, 'kind', 'country', 'status'],
    finds: 'Alphaville',
  },
  {
    route: 'GET /groups',
    url: () => '/groups',
    as: ['manager', 'admin'],
    params: [...TABLE, 'category', 'from', 'to'],
    finds: 'Grpalpha',
  },
  {
    route: 'GET /groups/export/:format',
    url: () => '/groups/export/csv',
    as: ['manager', 'admin'],
    params: [...TABLE, 'category', 'from', 'to'],
    finds: 'Grpalpha',
  },
  { route: 'GET /classes', url: () => '/classes', as: ['manager', 'admin'], params: ['division'] },
  { route: 'GET /my-centre', url: () => '/my-centre', as: ['manager'], params: ['centre'] },
  {
    route: 'GET /candidates',
    url: () => '/candidates',
    as: ['manager', 'admin'],
    params: CANDIDATE_FILTERS,
    finds: 'Zyxalpha',
  },
  {
    route: 'GET /candidates/export/:format',
    url: () => '/candidates/export/csv',
    as: ['manager', 'admin'],
    params: CANDIDATE_FILTERS,
    finds: 'Zyxalpha',
  },
  {
    route: 'GET /candidates/create',
    url: () => '/candidates/create',
    as: ['manager'],
    params: ['return'],
  },
  {
    route: 'GET /candidates/:id/edit/:section',
    url: (ids) => `/candidates/${ids.candidate}/edit/identity`,
    as: ['manager', 'admin'],
    params: ['wizard'],
  },
  {
    route: 'GET /groups/:id/candidates',
    url: (ids) => `/groups/${ids.group}/candidates`,
    as: ['manager', 'admin'],
    params: CANDIDATE_FILTERS,
    finds: 'Zyxalpha',
  },
  {
    route: 'GET /groups/:id/candidates/export/:format',
    url: (ids) => `/groups/${ids.group}/candidates/export/csv`,
    as: ['manager', 'admin'],
    params: CANDIDATE_FILTERS,
    finds: 'Zyxalpha',
  },
  {
    route: 'GET /groups/:id/candidates/associate',
    url: (ids) => `/groups/${ids.group}/candidates/associate`,
    as: ['manager'],
    params: CANDIDATE_FILTERS,
    finds: 'Zyxgamma',
  },
  {
    route: 'GET /frameworks/import',
    url: () => '/frameworks/import',
    as: ['admin'],
    params: ['framework'],
  },
  {
    route: 'GET /frameworks/:id',
    url: (ids) => `/frameworks/${ids.framework}`,
    as: ['admin'],
    params: ['version'],
  },
  {
    route: 'GET /scenarios',
    url: () => '/scenarios',
    as: ['teacher'],
    params: [...TABLE, 'competence', 'author', 'mine'],
    finds: 'Scenalpha',
  },
  {
    route: 'GET /scenarios/create',
    url: () => '/scenarios/create',
    as: ['teacher'],
    params: ['centre', 'competence', 'complexities', 'hazards', 'title', 'context'],
  },
  {
    route: 'GET /evaluations',
    url: () => '/evaluations',
    as: ['teacher'],
    params: [...TABLE, 'visible', 'from', 'to'],
    finds: 'Evalalpha',
  },
  {
    route: 'GET /evaluations/create',
    url: () => '/evaluations/create',
    as: ['teacher'],
    params: ['scenario', 'centre'],
  },
  {
    route: 'GET /evaluations/:id',
    url: (ids) => `/evaluations/${ids.evaluation}`,
    as: ['teacher'],
    params: ['view'],
  },
  {
    route: 'GET /evaluations/:id/sheet',
    url: (ids) => `/evaluations/${ids.evaluation}/sheet`,
    as: ['teacher'],
    params: ['filled'],
    pdf: true,
  },
  {
    route: 'GET /evaluations/:id/history',
    url: (ids) => `/evaluations/${ids.evaluation}/history`,
    as: ['teacher'],
    params: ['page'],
  },
  {
    route: 'GET /my/evaluations',
    url: () => '/my/evaluations',
    as: ['learner'],
    params: [...TABLE, 'date'],
    finds: 'Evalalpha',
  },
  {
    route: 'GET /messages',
    url: () => '/messages',
    as: ['manager', 'admin'],
    params: [...TABLE, 'status', 'unread', 'centre', 'type'],
    finds: 'Convalpha',
  },
  {
    route: 'GET /sessions',
    url: () => '/sessions',
    as: ['manager', 'admin'],
    params: [...TABLE, 'status', 'product', 'centre', 'from', 'to'],
  },
  {
    route: 'GET /sessions/export/:format',
    url: () => '/sessions/export/csv',
    as: ['manager', 'admin'],
    params: [...TABLE, 'status', 'product', 'centre', 'from', 'to'],
  },
  {
    route: 'GET /sessions/:id',
    url: (ids) => `/sessions/${ids.session}`,
    as: ['manager', 'admin'],
    params: ['q', 'page'],
    finds: 'Zyxalpha',
  },
  {
    route: 'GET /sessions/:id/registrations/create',
    url: (ids) => `/sessions/${ids.session}/registrations/create`,
    as: ['manager'],
    params: ['q', 'candidate'],
    finds: 'Zyxgamma',
  },
  {
    route: 'GET /anomalies',
    url: () => '/anomalies',
    as: ['manager', 'admin'],
    params: [...TABLE, 'centre', 'session', 'kind', 'status', 'from', 'to'],
    finds: 'Zyxalpha',
  },
  {
    route: 'GET /anomalies/export/:format',
    url: () => '/anomalies/export/csv',
    as: ['manager', 'admin'],
    params: [...TABLE, 'centre', 'session', 'kind', 'status', 'from', 'to'],
    finds: 'Zyxalpha',
  },
  {
    route: 'GET /requests/:kind',
    url: () => '/requests/postponements',
    as: ['manager', 'admin'],
    params: [...TABLE, 'centre', 'session', 'status', 'from', 'to'],
    finds: 'Zyxalpha',
  },
  {
    route: 'GET /requests/:kind/export/:format',
    url: () => '/requests/postponements/export/csv',
    as: ['manager', 'admin'],
    params: [...TABLE, 'centre', 'session', 'status', 'from', 'to'],
    finds: 'Zyxalpha',
  },
  {
    route: 'GET /products',
    url: () => '/products',
    as: ['admin'],
    params: [...TABLE, 'range', 'modular', 'status'],
    finds: 'TEFCAN',
  },
  {
    route: 'GET /preregistrations',
    url: () => '/preregistrations',
    as: ['manager', 'admin'],
    params: [...TABLE, 'status'],
    finds: 'Prealpha',
  },
  { route: 'GET /tariffs', url: () => '/tariffs', as: ['manager'], params: ['centre'] },
  {
    route: 'GET /my/passport',
    url: () => '/my/passport',
    as: ['learner'],
    params: ['q', 'date', 'competence'],
    finds: 'Sitalpha',
  },
  {
    route: 'GET /my/passport/print',
    url: () => '/my/passport/print',
    as: ['learner'],
    params: ['unit'],
  },
  {
    route: 'GET /my/passport/print.pdf',
    url: () => '/my/passport/print.pdf',
    as: ['learner'],
    params: ['unit', 'competences', 'chosen'],
    pdf: true,
  },
  {
    route: 'GET /pro-passports/learners/:id/passport',
    url: (ids) => `/pro-passports/learners/${ids.learner}/passport`,
    as: ['teacher'],
    params: ['unit'],
  },
  {
    route: 'GET /pro-passports/learners/:id/passport.pdf',
    url: (ids) => `/pro-passports/learners/${ids.learner}/passport.pdf`,
    as: ['teacher'],
    params: ['unit', 'competences'],
    pdf: true,
  },
  {
    route: 'GET /my/passport/dashboard',
    url: () => '/my/passport/dashboard',
    as: ['learner'],
    params: ['unit', 'f', 'join'],
  },
  {
    route: 'GET /pro-passports/learners/:id/dashboard',
    url: (ids) => `/pro-passports/learners/${ids.learner}/dashboard`,
    as: ['teacher'],
    params: ['unit', 'filter'],
  },
  {
    route: 'GET /pro-passports/classes/:id/heatmap',
    url: (ids) => `/pro-passports/classes/${ids.division}/heatmap`,
    as: ['teacher'],
    params: ['unit', 'filter'],
  },
  { route: 'GET /pro-passports', url: () => '/pro-passports', as: ['teacher'], params: ['class'] },
  {
    route: 'GET /pro-passports/learners/:id',
    url: (ids) => `/pro-passports/learners/${ids.learner}`,
    as: ['teacher'],
    params: ['q', 'date', 'competence'],
    finds: 'Sitalpha',
  },
  {
    route: 'GET /credit-products',
    url: () => '/credit-products',
    as: ['admin'],
    params: [...TABLE, 'type', 'status'],
    finds: 'Prodzeta',
  },
  {
    route: 'GET /orders',
    url: () => '/orders',
    as: ['manager', 'admin'],
    params: [...TABLE, 'type', 'from', 'to', 'section', 'centre'],
  },
  {
    route: 'GET /orders/export/:format',
    url: () => '/orders/export/csv',
    as: ['manager', 'admin'],
    params: [...TABLE, 'type', 'from', 'to', 'section', 'centre'],
    finds: 'Prodzeta',
  },
  { route: 'GET /orders/new', url: () => '/orders/new', as: ['manager'], params: ['centre'] },
  {
    route: 'GET /credits/manage/assign',
    url: () => '/credits/manage/assign',
    as: ['manager'],
    params: ['type', 'exam_date', 'notify', 'partner_session_id'],
  },
  {
    route: 'GET /credits/manage/assign/:type',
    url: () => '/credits/manage/assign/mock_remote',
    as: ['manager'],
    params: [...CANDIDATE_FILTERS, 'exam_date', 'partner_session_id', 'notify'],
    finds: 'Zyxgamma',
  },
  {
    route: 'GET /credits/manage/remove',
    url: () => '/credits/manage/remove',
    as: ['manager'],
    params: [...CANDIDATE_FILTERS, 'notify'],
  },
  {
    route: 'GET /activation-codes',
    url: () => '/activation-codes',
    as: ['manager'],
    params: CANDIDATE_FILTERS,
  },
  {
    route: 'GET /activation-codes/selection',
    url: () => '/activation-codes/selection',
    as: ['manager'],
    params: ['candidate_ids'],
  },
  {
    route: 'GET /activation-codes/export/:format',
    url: () => '/activation-codes/export/csv',
    as: ['manager'],
    params: ['candidate_ids'],
  },
  {
    route: 'GET /credit-results',
    url: () => '/credit-results',
    as: ['admin'],
    params: [...TABLE, 'type', 'validation'],
  },
  {
    route: 'GET /documents/choose',
    url: () => '/documents/choose',
    as: ['manager', 'admin'],
    params: ['kinds'],
  },
  {
    route: 'GET /documents/for/:kinds',
    url: () => '/documents/for/registration',
    as: ['manager', 'admin'],
    params: CANDIDATE_FILTERS,
  },
  {
    route: 'GET /partner-sessions',
    url: () => '/partner-sessions',
    as: ['admin'],
    params: ['past'],
  },
]

/** A hostile value, written into the query string for one parameter. */
interface Payload {
  label: string
  query: (name: string) => string
  /** Text that, searched for, matches no row (the classic injections). */
  injection?: boolean
  /** Too long to repeat in every parameter of one URL (Node caps headers at 16 KB). */
  alone?: boolean
}

const value = (label: string, text: string, injection = false): Payload => ({
  label,
  injection,
  query: (name) => `${name}=${encodeURIComponent(text)}`,
})

const PAYLOADS: Payload[] = [
  value("' OR '1'='1", "' OR '1'='1", true),
  value('1; DROP TABLE users--', '1; DROP TABLE users--', true),
  value('1 UNION SELECT password FROM users--', '1 UNION SELECT password FROM users--', true),
  value("%' --", "%' --", true),
  value('\\', '\\', true),
  value("') OR 1=1--", "') OR 1=1--", true),
  value('a NUL byte', 'a\u0000b', true),
  { ...value('a long string', "x'".repeat(1500), true), alone: true },
  value('a prototype key', 'constructor'),
  { label: 'an array', query: (name) => `${name}[]=a&${name}[]=b` },
  { label: 'an object', query: (name) => `${name}[a]=1&${name}[b][c]=2` },
  value('id;drop', 'id;drop'),
  value('-1', '-1'),
  value('1e9', '1e9'),
  value('100000', '100000'),
  value('99999999999', '99999999999'),
  value('1.5', '1.5'),
  value('year 0', '0000-01-01'),
]

/** PDFs are slow to print: the payloads most likely to break something. */
const PDF_PAYLOADS = PAYLOADS.filter((p) =>
  ["' OR '1'='1", 'a NUL byte', 'an array', 'an object', '99999999999'].includes(p.label)
)

function bodyText(response: ApiResponse | { failed: string }) {
  if ('failed' in response) return ''
  const body = response.text() ?? response.body()
  return (Buffer.isBuffer(body) ? body.toString('latin1') : String(body ?? '')).toLowerCase()
}

function withQuery(url: string, query: string) {
  return `${url}${url.includes('?') ? '&' : '?'}${query}`
}

/**
 * What a hostile query may get: no 5xx; a 200, a redirect within the site, or
 * a 4xx page that says something; none of centre B's words for A's people.
 */
function judge(
  response: ApiResponse | { failed: string },
  actor: ActorName,
  otherWords: string[],
  problems: string[],
  label: string
) {
  if ('failed' in response) {
    problems.push(`${label}: ${response.failed}`)
    return ''
  }
  const status = response.status()
  const text = bodyText(response)
  if (status >= 500) problems.push(`${label}: ${status} ${text.slice(0, 160)}`)
  else if (status >= 400) {
    if (text.trim() === '') problems.push(`${label}: ${status} with an empty page`)
  } else if (status >= 300) {
    const location = response.header('location') ?? ''
    if (!location.startsWith('/') || location.startsWith('//'))
      problems.push(`${label}: redirects to ${location}`)
  } else if (status !== 200) problems.push(`${label}: ${status}`)
  if (actor !== 'admin') {
    const leaked = otherWords.filter((word) => text.includes(word.toLowerCase()))
    if (leaked.length) problems.push(`${label}: shows centre B's ${leaked.join(', ')}`)
  }
  return text
}

/** Row counts of the tables a DROP or a stacked DELETE would hit. */
async function counts() {
  const out: Record<string, number> = {}
  for (const table of [
    'users',
    'centres',
    'candidates',
    'groups',
    'exam_sessions',
    'registrations',
    'credit_orders',
    'conversations',
    'evaluations',
  ]) {
    const [row] = await db.from(table).count('* as total')
    out[table] = Number(row.total)
  }
  return out
}

test.group('SQL injection · every search and filter parameter', (group) => {
  let w: World
  let before: Record<string, number>
  group.setup(async () => {
    const rollback = await testUtils.db().withGlobalTransaction()
    w = await world()
    before = await counts()
    return rollback
  })

  test('{route}')
    .with(SWEPT)
    .run(async ({ client, assert }, swept) => {
      const problems: string[] = []
      const base = swept.url(w.ids)
      const payloads = swept.pdf ? PDF_PAYLOADS : PAYLOADS
      for (const name of swept.as) {
        const user = w.actors[name]
        const call = async (query: string) => {
          // Each request in a savepoint of the test's transaction: a statement
          // that fails on PostgreSQL must not abort the requests that follow.
          // Only a failed request (reported anyway) is undone: whatever the
          // others did stays, for the last test to count.
          await db.rawQuery('SAVEPOINT sweep')
          let response: ApiResponse | { failed: string }
          try {
            response = await client
              .get(query ? withQuery(base, query) : base)
              .loginAs(user)
              .redirects(0)
          } catch (error) {
            // An export that fails once streaming has begun: the connection drops.
            response = { failed: String(error) }
          }
          const failed = 'failed' in response || response.status() >= 500
          await db.rawQuery(failed ? 'ROLLBACK TO SAVEPOINT sweep' : 'RELEASE SAVEPOINT sweep')
          return response
        }
        const baseline = await call('')
        judge(baseline, name, w.otherWords, problems, `${name} without parameters`)
        if (swept.finds) {
          const word = swept.finds.toLowerCase()
          assert.include(bodyText(baseline), word, `${swept.route} as ${name} lists ${word}`)
          const found = await call(`q=${swept.finds}`)
          assert.include(bodyText(found), word, `${swept.route} as ${name}: q finds ${word}`)
        }
        const sweep = async (query: string, label: string) => {
          const found: string[] = []
          const response = await call(query)
          const text = judge(response, name, w.otherWords, found, label)
          return {
            text,
            found,
            plain: found.length === 0 && 'status' in response && response.status() === 200,
          }
        }
        // Each payload in every parameter at once; when the answer is anything
        // but a plain 200 (an early 4xx or redirect may hide the parameters
        // after it), in each parameter alone, which also names the culprit.
        for (const payload of payloads) {
          const together = payload.alone
            ? null
            : await sweep(swept.params.map(payload.query).join('&'), `${name} all=${payload.label}`)
          if (together?.plain) continue
          const known = problems.length
          for (const param of swept.params) {
            const alone = await sweep(payload.query(param), `${name} ${param}=${payload.label}`)
            problems.push(...alone.found)
          }
          if (together && problems.length === known) problems.push(...together.found)
        }
        // An injection in q finds nothing (and not everything).
        if (swept.finds && swept.params.includes('q')) {
          for (const payload of payloads.filter((p) => p.injection)) {
            const { text, found } = await sweep(payload.query('q'), `${name} q=${payload.label}`)
            problems.push(...found)
            if (text.includes(swept.finds.toLowerCase()))
              problems.push(`${name} q=${payload.label}: still lists ${swept.finds}`)
          }
        }
        // Centre B's ids in every parameter at once: still nothing of B.
        for (const id of name === 'admin' ? [] : w.otherIds) {
          const query = swept.params.map((param) => `${param}=${id}`).join('&')
          judge(await call(query), name, w.otherWords, problems, `${name} all=${id}`)
        }
      }
      assert.deepEqual(problems, [], swept.route)
    })
    .timeout(180_000)

  test('no table is dropped and no row count changes', async ({ assert }) => {
    assert.deepEqual(await counts(), before)
  })
})

test.group('SQL injection · the list of swept routes', () => {
  test('every GET route that reads the query string is swept', ({ assert }) => {
    // The handler, the methods it calls and the functions it hands ctx to
    // read request.qs(), .input(), .all(), .only() or build a TableState.
    const found = getRoutesWhoseHandler(
      /request\.(qs|input|all|only|except)\(|TableState\.from\(/,
      'ctx'
    )
    // The scan itself works: routes known to read the query are found.
    assert.includeMembers(found, [
      'GET /candidates',
      'GET /admin/audit',
      'GET /orders/export/:format',
    ])
    assert.sameMembers(
      SWEPT.map((swept) => swept.route),
      found
    )
  })
})
