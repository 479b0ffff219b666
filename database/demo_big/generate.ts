import hash from '@adonisjs/core/services/hash'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import { User } from '#accounts'
import { FIRST_SESSION_NUMBER } from '#sessions/models/exam_session'
import { applyFrameworkImport } from '#evaluations/services/framework_import'
import type { GradeLevel } from '#evaluations/services/levels'
import { CREDIT_TYPES, examTypeLabel } from '#orders/models/credit_type'
import type { CreditType } from '#orders/models/credit_type'
import { DEMO_PASSWORD } from '#database/demo'
import { DEMO_FRAMEWORKS } from '#database/demo_frameworks'
import { Random, apportion } from '#database/demo_big/random'
import { CITIES, EVALUATION_TITLES, streetAddress } from '#database/demo_big/names'
import { TableWriter } from '#database/demo_big/writer'
import {
  DAY,
  HOUR,
  clockFor,
  isoDay,
  officeTime,
  planCentres,
  planUsers,
  stamp,
  targetsFor,
} from '#database/demo_big/plan'
import type { CentrePlan, Clock, ProductInfo, Targets } from '#database/demo_big/plan'
import { generateCentreExams } from '#database/demo_big/exams'
import type {
  CreditProductInfo,
  ExamWriters,
  IdCounters,
  PartnerSessionPlan,
} from '#database/demo_big/exams'
// The network's credit catalogue: the small demo's, one product per type.
import { CATALOGUE } from '#database/demo_orders'

export interface BigNetworkOptions {
  seed: number
  scale: number
  /** The day the network is "now" (YYYY-MM-DD): same seed and day, same data. */
  today: string
  /** Refresh the planner's statistics at the end (after a bulk load, plans depend on them). */
  analyze: boolean
  log: (line: string) => void
}

export interface BigNetworkReport {
  targets: Targets
  tables: { table: string; rows: number; seconds: number }[]
  seconds: number
  logins: { email: string; role: string }[]
}

/** Tables whose ids the generator chooses (PostgreSQL's sequences are moved past them). */
const ID_TABLES = [
  'centres',
  'users',
  'divisions',
  'partner_sessions',
  'credit_products',
  'exam_sessions',
  'evaluations',
  'candidates',
  'registrations',
  'attestations',
  'credit_orders',
  'credit_order_lines',
  'credit_assignments',
  'credit_results',
  'candidate_exams',
] as const

/** Rows queued in memory before a transaction is committed (SQLite's WAL stays small). */
const ROWS_PER_TRANSACTION = 400_000

/**
 * The big demo network (`node ace demo:big`): generated in memory from a
 * seed, written with multi-row INSERTs in a few large transactions. Rows get
 * their ids from here (the tables' largest id + 1 onwards), so that rows can
 * reference each other before they are written.
 */
export async function generateBigNetwork(options: BigNetworkOptions): Promise<BigNetworkReport> {
  const began = performance.now()
  const { seed, log } = options
  const targets = targetsFor(options.scale)
  const clock = clockFor(options.today)
  const connection = db.connection()
  const dialect = connection.dialect.name === 'postgres' ? 'postgres' : 'sqlite'

  const base = await baseIds()
  const products = await examProducts()
  if (products.length === 0) throw new Error('No exam products: run the migrations first')
  const keys = {
    access: new Random(seed, 'key-access').int(0, 2 ** 30),
    activation: new Random(seed, 'key-activation').int(0, 2 ** 30),
    attestation: new Random(seed, 'key-attestation').int(0, 2 ** 30),
    result: new Random(seed, 'key-result').int(0, 2 ** 30),
  }

  const { centres, sessions } = planCentres(seed, targets, clock, products, {
    centre: base.centres,
    session: base.exam_sessions,
    sessionNumber: Math.max(base.sessionNumber, FIRST_SESSION_NUMBER - 1),
  })
  const users = planUsers(seed, targets, clock, centres, base.users)
  planCredits(seed, targets, centres)
  const partnerSessions = planPartnerSessions(seed, targets, clock, base.partner_sessions)
  log(
    `Planned ${centres.length} centres, ${users.length} users, ${sessions.length} sessions in ${seconds(began)} s`
  )

  const w = writers(dialect)
  const all = Object.values(w)
  const passwordHash = await hash.make(DEMO_PASSWORD)

  // The network: centres, people, classes, partner sessions, products, sessions, evaluations.
  const creditProducts = await db.transaction(async (trx) => {
    for (const writer of all) await writer.use(trx)
    for (const c of centres) {
      w.centres.add([
        c.id,
        c.code,
        c.name,
        c.kind,
        c.address,
        c.city.postcode,
        c.city.name,
        c.city.country,
        c.city.zone,
        `contact@${c.code.toLowerCase()}.demo-big.test`,
        null,
        c.status,
        c.visibility,
        stamp(c.createdMs),
        stamp(c.createdMs),
      ])
    }
    const loginRandom = new Random(seed, 'logins')
    for (const u of users) {
      const lastLogin =
        u.status === 'active' && loginRandom.chance(0.9)
          ? stamp(officeTime(loginRandom, clock.nowMs - 60 * DAY, clock.nowMs - HOUR))
          : null
      w.users.add([
        u.id,
        u.firstName,
        u.lastName,
        u.email,
        u.status === 'active' ? passwordHash : null,
        u.sex,
        null,
        u.role,
        u.status,
        'fr',
        lastLogin,
        stamp(u.createdMs),
        stamp(u.createdMs),
      ])
      for (const centreId of u.centreIds) w.memberships.add([u.id, centreId, stamp(u.createdMs)])
    }
    const divisions = planDivisions(seed, centres, base.divisions, w)
    for (const s of partnerSessions) {
      w.partnerSessions.add([
        s.id,
        s.centreName,
        s.address,
        s.postcode,
        s.city,
        stamp(s.startsMs),
        s.seats,
        s.open ? 'open' : 'cancelled',
        stamp(s.startsMs - 90 * DAY),
        stamp(s.startsMs - 90 * DAY),
      ])
    }
    const catalogue = await ensureCreditProducts(trx, w, base.credit_products, clock)
    for (const s of sessions) {
      w.sessions.add([
        s.id,
        s.number,
        s.centre.id,
        s.product.id,
        stamp(s.startsMs),
        stamp(s.deadlineMs),
        s.place,
        s.seats,
        s.centre.visibility,
        s.status,
        s.priceHt,
        2000,
        stamp(s.createdMs),
        stamp(s.updatedMs),
        s.publishedMs ? stamp(s.publishedMs) : null,
      ])
      for (const test of s.product.tests)
        w.sessionTests.add([s.id, test.code, s.product.modular ? 5000 : null])
    }
    for (const writer of all) await writer.flush(true)
    await gradedEvaluations(trx, seed, targets, clock, centres, divisions, users[0].id, base, w)
    for (const writer of all) await writer.flush(true)
    return catalogue
  })

  // The candidates' side, centre by centre, a few hundred thousand rows per transaction.
  const ids: IdCounters = {
    candidate: base.candidates + 1,
    registration: base.registrations + 1,
    attestation: base.attestations + 1,
    candidateExam: base.candidate_exams + 1,
    order: base.credit_orders + 1,
    orderLine: base.credit_order_lines + 1,
    assignment: base.credit_assignments + 1,
    creditResult: base.credit_results + 1,
  }
  const creditLabels = Object.fromEntries(
    CREDIT_TYPES.map((type) => [type, examTypeLabel(type)])
  ) as Record<CreditType, string>
  const context = {
    seed,
    clock,
    writers: w as ExamWriters,
    ids,
    keys,
    creditProducts,
    creditLabels,
    partnerSessions,
  }
  const busy = centres.filter((c) => c.candidates > 0)
  let next = 0
  while (next < busy.length) {
    await db.transaction(async (trx) => {
      for (const writer of all) await writer.use(trx)
      let queued = 0
      while (next < busy.length && queued < ROWS_PER_TRANSACTION) {
        const centre = busy[next++]
        generateCentreExams(context, centre)
        queued += centre.candidates + centre.registrations * 7 + centre.credits * 4
        for (const writer of all) await writer.flush()
      }
      for (const writer of all) await writer.flush(true)
    })
    log(
      `  centres ${next}/${busy.length} · candidates ${w.candidates.written.toLocaleString('en')} · registrations ${w.registrations.written.toLocaleString('en')} · credits ${w.assignments.written.toLocaleString('en')} · ${seconds(began)} s · ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB`
    )
  }

  const finishing = performance.now()
  if (dialect === 'postgres') {
    // Past the ids written, never back (a sequence may be ahead of the table's rows).
    for (const table of ID_TABLES) {
      const found = await db.rawQuery(`select pg_get_serial_sequence(?, 'id') as name`, [table])
      const sequence = found.rows[0].name
      await db.rawQuery(
        `select setval('${sequence}', greatest((select coalesce(max(id), 0) from "${table}"), (select last_value from ${sequence})))`
      )
    }
  }
  if (options.analyze && dialect === 'sqlite') await db.rawQuery('PRAGMA analysis_limit = 1000')
  // On PostgreSQL, vacuum too: freshly bulk-loaded tables have no visibility map yet, so
  // index-only scans (the capped counts) read the heap until autovacuum passes.
  if (options.analyze) await db.rawQuery(dialect === 'postgres' ? 'vacuum analyze' : 'analyze')
  const tables = all.map((writer) => ({
    table: writer.table,
    rows: writer.written,
    seconds: writer.ms / 1000,
  }))
  tables.push({ table: '(analyze, sequences)', rows: 0, seconds: seconds(finishing) })
  const biggest = centres.reduce((a, b) => (b.candidates > a.candidates ? b : a))
  const login = (id: number) => users.find((u) => u.id === id)
  const logins = [
    users[0],
    users.find((u) => u.role === 'account_manager'),
    login(biggest.managerId),
    login(centres.find((c) => c.teacherIds.length)?.teacherIds[0] ?? 0),
    users.find((u) => u.role === 'learner' && u.status === 'active'),
  ]
    .filter((u): u is NonNullable<typeof u> => !!u)
    .map((u) => ({ email: u.email, role: u.role }))
  return { targets, tables, seconds: seconds(began), logins }
}

const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10

async function baseIds() {
  const base: Record<string, number> = {}
  for (const table of ID_TABLES) {
    const row = await db.from(table).max('id as id').first()
    base[table] = Number(row?.id ?? 0)
  }
  const number = await db.from('exam_sessions').max('number as n').first()
  return {
    ...(base as Record<(typeof ID_TABLES)[number], number>),
    sessionNumber: Number(number?.n ?? 0),
  }
}

async function examProducts(): Promise<ProductInfo[]> {
  const rows = await db.from('products').where('status', 'active').orderBy('number')
  const tests = await db.from('product_tests').orderBy(['product_id', 'position'])
  return rows.map((p) => ({
    id: Number(p.id),
    code: p.code,
    name: p.name,
    modular: Boolean(p.modular),
    tests: tests
      .filter((t) => Number(t.product_id) === Number(p.id))
      .map((t) => ({ code: t.code, name: t.name })),
  }))
}

function writers(dialect: 'sqlite' | 'postgres') {
  const table = (name: string, columns: string, after: TableWriter[] = []) =>
    new TableWriter(name, columns.split(/\s*,\s*/), dialect, after)
  const centres = table(
    'centres',
    'id, code, name, kind, address, postcode, city, country, time_zone, contact_email, phone, status, online_visibility, created_at, updated_at'
  )
  const users = table(
    'users',
    'id, first_name, last_name, email, password, gender, phone, role, status, locale, last_login_at, created_at, updated_at'
  )
  const memberships = table('centre_memberships', 'user_id, centre_id, created_at', [
    users,
    centres,
  ])
  const divisions = table('divisions', 'id, centre_id, name, created_at, updated_at', [centres])
  const divisionMembers = table('division_members', 'division_id, user_id', [divisions, users])
  const partnerSessions = table(
    'partner_sessions',
    'id, centre_name, address, postcode, city, starts_at, seats, status, created_at, updated_at'
  )
  const creditProducts = table(
    'credit_products',
    'id, name, type, reference, unit_price_cents, vat_rate_bp, validity_months, status, all_centres, created_at, updated_at'
  )
  const sessions = table(
    'exam_sessions',
    'id, number, centre_id, product_id, starts_at, registration_deadline, place, seats, visibility, status, price_ht, vat_rate, created_at, updated_at, results_published_at',
    [centres]
  )
  const sessionTests = table('session_tests', 'session_id, test_code, price_ht', [sessions])
  const centreFrameworks = table(
    'centre_frameworks',
    'centre_id, framework_id, version_id, assigned_at',
    [centres]
  )
  const evaluations = table(
    'evaluations',
    'id, centre_id, author_id, scenario_id, title, evaluated_on, visible, created_at, updated_at',
    [centres, users]
  )
  const evaluationCompetences = table(
    'evaluation_competences',
    'evaluation_id, competence_id, position, complexities, hazards',
    [evaluations]
  )
  const evaluationLearners = table('evaluation_learners', 'evaluation_id, user_id, comment', [
    evaluations,
  ])
  const evaluationGrades = table(
    'evaluation_grades',
    'evaluation_id, user_id, competence_id, level, updated_at',
    [evaluations]
  )
  const candidates = table(
    'candidates',
    'id, centre_id, civility, last_name, birth_name, first_name, email, birth_date, birth_postcode, birth_town, birth_country, nationality, mother_tongue, id_number, status, funding, phone, address, postcode, town, residence_country, education_level, socio_category, exam_status, exam_validation, exam_score, exam_type, exam_date, locked_at, last_activity_at, created_at, updated_at',
    [centres]
  )
  const registrations = table(
    'registrations',
    'id, session_id, candidate_id, number, channel, motivation, id_number, access_code, status, created_at, updated_at',
    [sessions, candidates]
  )
  const registrationTests = table(
    'registration_tests',
    'registration_id, test_code, absent, exempt',
    [registrations]
  )
  const registrationResults = table(
    'registration_results',
    'registration_id, test_code, score, level, source, entered_by, created_at, updated_at',
    [registrations]
  )
  const attestations = table(
    'attestations',
    'id, registration_id, centre_id, code, status, snapshot, issued_at, valid_until, created_at, updated_at',
    [registrations]
  )
  const orders = table(
    'credit_orders',
    'id, number, centre_id, ordered_by, status, payment_method, total_ht_cents, total_vat_cents, total_ttc_cents, ordered_at, paid_at, paid_by, delivered_at, delivered_by, cancelled_at, cancelled_by, created_at, updated_at',
    [centres, users]
  )
  const orderLines = table(
    'credit_order_lines',
    'id, order_id, centre_id, product_id, name, type, reference, quantity, unit_price_cents, vat_rate_bp, ht_cents, vat_cents, ttc_cents, validity_months, expires_on, remaining',
    [orders, creditProducts]
  )
  const assignments = table(
    'credit_assignments',
    'id, centre_id, candidate_id, order_line_id, type, status, exam_date, activation_code, assigned_by, assigned_at, ended_at, ended_by, created_at, updated_at, partner_session_id',
    [candidates, orderLines, partnerSessions]
  )
  const movements = table(
    'credit_movements',
    'centre_id, order_line_id, assignment_id, kind, quantity, user_id, created_at',
    [orderLines, assignments]
  )
  const creditResults = table(
    'credit_results',
    'id, result_ref, centre_id, candidate_id, assignment_id, type, score, passed_on, validation, valid_until, public_code, sections, source, created_at, updated_at',
    [assignments]
  )
  const candidateExams = table(
    'candidate_exams',
    'id, candidate_id, source, source_id, exam_type, status, validation, score, exam_date, created_at, updated_at',
    [candidates]
  )
  return {
    centres,
    users,
    memberships,
    divisions,
    divisionMembers,
    partnerSessions,
    creditProducts,
    sessions,
    sessionTests,
    centreFrameworks,
    evaluations,
    evaluationCompetences,
    evaluationLearners,
    evaluationGrades,
    candidates,
    registrations,
    registrationTests,
    registrationResults,
    attestations,
    orders,
    orderLines,
    assignments,
    movements,
    creditResults,
    candidateExams,
  }
}
type Writers = ReturnType<typeof writers>

/** Which centres buy credits (about half of those with candidates), and how many they give. */
function planCredits(seed: number, targets: Targets, centres: CentrePlan[]) {
  const random = new Random(seed, 'credit-centres')
  const biggest = centres.reduce((a, b) => (b.candidates > a.candidates ? b : a))
  const buyers = centres.map((c) =>
    c.candidates > 0 && (c === biggest || random.chance(0.55)) ? c.candidates : 0
  )
  apportion(
    targets.credits,
    buyers,
    centres.map((c) => c.candidates * 2)
  ).forEach((n, i) => (centres[i].credits = n))
}

/** Sessions of La Poste centres, where official exams in a partner centre are taken. */
function planPartnerSessions(seed: number, targets: Targets, clock: Clock, baseId: number) {
  const random = new Random(seed, 'partner-sessions')
  const french = CITIES.filter((c) => c.country === 'FR')
  const sessions: (PartnerSessionPlan & {
    centreName: string
    address: string
    postcode: string
    city: string
  })[] = []
  for (let i = 0; i < targets.partnerSessions; i++) {
    const city = random.weighted(french.map((c) => [c, c.weight] as const))
    const local = DateTime.fromMillis(random.between(clock.startMs, clock.horizonMs), {
      zone: 'Europe/Paris',
    }).set({ hour: random.chance(0.5) ? 9 : 14, minute: 0, second: 0, millisecond: 0 })
    sessions.push({
      id: 0,
      startsMs: local.toUTC().toMillis(),
      day: local.toISODate()!,
      seats: random.int(2, 8) * 5,
      used: 0,
      open: !random.chance(0.03),
      centreName: `La Poste — ${city.name} ${random.pick(['Centre', 'Gare', 'Nord', 'Sud'])}`,
      address: streetAddress(random),
      postcode: city.postcode,
      city: city.name,
    })
  }
  sessions.sort((a, b) => a.startsMs - b.startsMs)
  sessions.forEach((s, i) => (s.id = baseId + i + 1))
  return sessions
}

/** Classes of the training centres: teachers in every class, learners split between them. */
function planDivisions(seed: number, centres: CentrePlan[], baseId: number, w: Writers) {
  const random = new Random(seed, 'divisions')
  const names = ['BTS COM 1', 'BTS COM 2', 'BTS COM 1 alternance', 'BTS COM 2 alternance']
  const divisions = new Map<CentrePlan, { id: number; learners: number[] }[]>()
  let id = baseId
  for (const centre of centres) {
    if (centre.learnerIds.length === 0) continue
    const count = Math.min(names.length, Math.max(1, Math.ceil(centre.learnerIds.length / 14)))
    const list = names.slice(0, count).map(() => ({ id: ++id, learners: [] as number[] }))
    centre.learnerIds.forEach((learner, i) => list[i % count].learners.push(learner))
    list.forEach((division, i) => {
      const at = stamp(centre.createdMs + DAY)
      w.divisions.add([division.id, centre.id, names[i], at, at])
      for (const teacher of centre.teacherIds)
        if (i === 0 || random.chance(0.6)) w.divisionMembers.add([division.id, teacher])
      for (const learner of division.learners) w.divisionMembers.add([division.id, learner])
    })
    divisions.set(centre, list)
  }
  return divisions
}

/** The network's credit products: the existing ones (same reference) or new ones. */
async function ensureCreditProducts(
  trx: TransactionClientContract,
  w: Writers,
  baseId: number,
  clock: Clock
) {
  const existing = await trx
    .from('credit_products')
    .whereIn(
      'reference',
      CATALOGUE.map((p) => p.reference)
    )
    .select('id', 'reference', 'vat_rate_bp')
  const products = new Map<CreditType, CreditProductInfo>()
  let id = baseId
  for (const data of CATALOGUE) {
    const found = existing.find((row) => row.reference === data.reference)
    const product = {
      ...data,
      id: found ? Number(found.id) : ++id,
      vatRateBp: found ? Number(found.vat_rate_bp) : 2000,
    }
    if (!found) {
      const at = stamp(clock.startMs - 365 * DAY)
      w.creditProducts.add([
        product.id,
        product.name,
        product.type,
        product.reference,
        product.unitPriceCents,
        product.vatRateBp,
        product.validityMonths,
        'active',
        true,
        at,
        at,
      ])
    }
    products.set(product.type, product)
  }
  return products
}

const GRADE_MIX: [GradeLevel, number][] = [
  ['total', 30],
  ['partial', 30],
  ['acquiring', 20],
  ['errors', 10],
  ['not_assessable', 5],
  ['absent', 5],
]

/**
 * The BTS framework (imported once, or the one already there) given to the
 * training centres, and their teachers' evaluations of their classes, graded.
 */
async function gradedEvaluations(
  trx: TransactionClientContract,
  seed: number,
  targets: Targets,
  clock: Clock,
  centres: CentrePlan[],
  divisions: Map<CentrePlan, { id: number; learners: number[] }[]>,
  adminId: number,
  base: Record<string, number>,
  w: Writers
) {
  const training = centres.filter((c) => divisions.has(c) && c.teacherIds.length)
  if (training.length === 0) return
  const framework = DEMO_FRAMEWORKS.find((f) => f.code === 'BTS-COM')!
  let version = await trx
    .from('framework_versions')
    .join('frameworks', 'frameworks.id', 'framework_versions.framework_id')
    .where('frameworks.code', framework.code)
    .orderBy('framework_versions.version', 'desc')
    .select('framework_versions.id', 'framework_versions.framework_id')
    .first()
  if (!version) {
    const distinct = (key: 'poleCode' | 'classCode' | 'situationCode' | 'competenceCode') =>
      new Set(framework.rows.map((row) => row[key])).size
    const imported = await applyFrameworkImport(
      await User.findOrFail(adminId, { client: trx }),
      { code: framework.code, name: framework.name, sourceName: 'demo:big' },
      {
        rows: framework.rows,
        errors: [],
        counts: {
          poles: distinct('poleCode'),
          classes: distinct('classCode'),
          situations: distinct('situationCode'),
          competences: distinct('competenceCode'),
        },
      },
      trx
    )
    version = { id: imported.version.id, framework_id: imported.version.frameworkId }
  }
  const competenceRows = await trx
    .from('competences')
    .where('version_id', version.id)
    .orderBy('position')
    .select('id')
  const competences = competenceRows.map((row) => Number(row.id))
  for (const centre of training)
    w.centreFrameworks.add([
      centre.id,
      version.framework_id,
      version.id,
      stamp(centre.createdMs + DAY),
    ])

  const random = new Random(seed, 'evaluations')
  const budgets = apportion(
    targets.grades,
    training.map((c) => c.learnerIds.length)
  )
  let id = base.evaluations
  training.forEach((centre, index) => {
    let left = budgets[index]
    const classes = divisions.get(centre)!
    let turn = 0
    while (left > 0) {
      const division = classes[turn++ % classes.length]
      if (division.learners.length === 0) continue
      const evaluationId = ++id
      const evaluatedMs = officeTime(random, clock.nowMs - 2 * 365 * DAY, clock.nowMs - DAY)
      const createdMs = evaluatedMs - Math.floor(random.between(1, 10) * DAY)
      w.evaluations.add([
        evaluationId,
        centre.id,
        random.pick(centre.teacherIds),
        null,
        random.pick(EVALUATION_TITLES),
        isoDay(evaluatedMs),
        random.chance(0.75),
        stamp(createdMs),
        stamp(evaluatedMs + HOUR),
      ])
      const chosen = random.sample(
        0,
        competences.length,
        random.int(2, Math.min(4, competences.length))
      )
      chosen.forEach((c, position) =>
        w.evaluationCompetences.add([evaluationId, competences[c], position + 1, '[]', '[]'])
      )
      const learners = random.chance(0.3)
        ? random
            .shuffle(division.learners.slice())
            .slice(0, Math.max(1, Math.round(division.learners.length * random.between(0.6, 0.9))))
        : division.learners
      for (const learner of learners) {
        w.evaluationLearners.add([
          evaluationId,
          learner,
          random.chance(0.2) ? 'Bonne implication ; argumentation à approfondir.' : null,
        ])
        for (const c of chosen) {
          if (left <= 0) break
          w.evaluationGrades.add([
            evaluationId,
            learner,
            competences[c],
            random.weighted(GRADE_MIX),
            stamp(evaluatedMs + HOUR),
          ])
          left--
        }
      }
    }
  })
}
