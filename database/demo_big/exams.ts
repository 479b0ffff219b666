import { LEVELS, maxScore } from '#sessions/services/results'
import { hasActivationCode, needsExamDate } from '#orders/models/credit_type'
import type { CreditType } from '#orders/models/credit_type'
import { vatOf } from '#shared/money'
import { Random, uniqueAccessCode, uniqueVerificationCode } from '#database/demo_big/random'
import { TOWNS_OF_BIRTH, personName } from '#database/demo_big/names'
import { DAY, HOUR, isoDay, officeTime, stamp } from '#database/demo_big/plan'
import type { CentrePlan, Clock, SessionPlan } from '#database/demo_big/plan'
import type { TableWriter } from '#database/demo_big/writer'

export type ExamWriters = Record<
  | 'candidates'
  | 'registrations'
  | 'registrationTests'
  | 'registrationResults'
  | 'attestations'
  | 'candidateExams'
  | 'orders'
  | 'orderLines'
  | 'assignments'
  | 'movements'
  | 'creditResults',
  TableWriter
>

/** Next id of each table whose ids the generator chooses (rows reference them). */
export interface IdCounters {
  candidate: number
  registration: number
  attestation: number
  candidateExam: number
  order: number
  orderLine: number
  assignment: number
  creditResult: number
}

export interface CreditProductInfo {
  id: number
  name: string
  type: CreditType
  reference: string
  unitPriceCents: number
  vatRateBp: number
  validityMonths: number
}

export interface PartnerSessionPlan {
  id: number
  startsMs: number
  day: string
  seats: number
  used: number
  open: boolean
}

interface Context {
  seed: number
  clock: Clock
  writers: ExamWriters
  ids: IdCounters
  /** Keys of the codes (access, activation, attestation, result), per seed. */
  keys: { access: number; activation: number; attestation: number; result: number }
  creditProducts: Map<CreditType, CreditProductInfo>
  creditLabels: Record<CreditType, string>
  partnerSessions: PartnerSessionPlan[]
}

/** One exam on a candidate's file: a registration or a credit, as candidate_exams has it. */
interface ExamEvent {
  createdMs: number
  /** When it stopped being pending (passed, cancelled, expired); Infinity while planned. */
  endMs: number
  source: 'registration' | 'credit'
  sourceId: number
  examType: string
  status: 'planned' | 'passed' | 'cancelled' | 'expired'
  validation: 'validated' | 'pending' | 'invalidated' | null
  score: number | null
  examDay: string | null
}

interface Person {
  sex: 'F' | 'H'
  firstName: string
  lastName: string
  birthDay: string
  ability: number
  events: ExamEvent[]
  /** Pending intervals, flattened [start, end, start, end...]. */
  busy: number[]
}

const CREDIT_MIX: [CreditType, number][] = [
  ['mock_remote', 35],
  ['mock_onsite', 14],
  ['mock_manual', 10],
  ['demo', 8],
  ['official_partner', 11],
  ['official_approved', 22],
]

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x))

/**
 * Everything a centre holds about its candidates, generated in memory then
 * queued on the writers: the candidates; their registrations to the
 * centre's sessions with tests, results and attestations; the credits it
 * ordered, gave and got results for, with the ledger; and, last, each
 * candidate's exams (candidate_exams) and the summary columns they imply.
 */
export function generateCentreExams(ctx: Context, centre: CentrePlan) {
  const random = new Random(ctx.seed, 'candidates', centre.index)
  const people: Person[] = Array.from({ length: centre.candidates }, () => {
    const sex = random.chance(0.52) ? 'F' : 'H'
    const { firstName, lastName } = personName(random, sex)
    const birthDay = birthDate(random, ctx.clock.nowMs)
    return { sex, firstName, lastName, birthDay, ability: random.normal(), events: [], busy: [] }
  })
  const firstCandidateId = ctx.ids.candidate
  ctx.ids.candidate += people.length
  registrations(ctx, centre, people, firstCandidateId)
  credits(ctx, centre, people, firstCandidateId)
  candidates(ctx, centre, people, firstCandidateId)
}

const fullName = (p: Person) => `${p.firstName} ${p.lastName.toUpperCase()}`

function registrations(ctx: Context, centre: CentrePlan, people: Person[], firstId: number) {
  const { clock, writers } = ctx
  const random = new Random(ctx.seed, 'registrations', centre.index)
  const count = people.length
  const span = clock.horizonMs - clock.startMs
  const staff = [centre.managerId, ...centre.staffIds].filter(Boolean)
  interface Planned {
    session: SessionPlan
    person: number
    createdMs: number
    cancelledMs: number | null
    tests: { code: string; name: string; absent: boolean }[]
  }
  const planned: Planned[] = []
  for (const session of centre.sessions) {
    if (session.registrations === 0) continue
    // Candidates arrive over time: a session draws from those who came around its date.
    const centreOfWindow = ((session.startsMs - clock.startMs) / span) * count
    const half = Math.max(Math.ceil(session.registrations * 0.75), Math.ceil(count * 0.06))
    const size = Math.min(count, 2 * half)
    const low = Math.min(Math.max(0, Math.round(centreOfWindow - half)), count - size)
    const last = Math.min(session.deadlineMs, clock.nowMs) - HOUR
    for (const person of random.sample(low, size, session.registrations)) {
      const createdMs = officeTime(random, session.createdMs + HOUR, last)
      const started = session.startsMs <= clock.nowMs
      const cancelled = random.chance(0.03)
      const tests = session.product.tests.filter(
        () => !session.product.modular || random.chance(0.7)
      )
      if (tests.length === 0) tests.push(random.pick(session.product.tests))
      const marked = tests.map((t) => ({
        ...t,
        absent: started && !cancelled && random.chance(0.03),
      }))
      if (marked.every((t) => t.absent)) marked[0].absent = false
      planned.push({
        session,
        person,
        createdMs,
        cancelledMs: cancelled
          ? Math.floor(random.between(createdMs, Math.min(session.startsMs, clock.nowMs)))
          : null,
        tests: marked,
      })
    }
  }
  // Ids in the order the registrations were made; numbers in that order within a session.
  planned.sort((a, b) => a.createdMs - b.createdMs || a.session.id - b.session.id)
  const numbers = new Map<SessionPlan, number>()
  for (const entry of planned) {
    const { session } = entry
    const person = people[entry.person]
    const id = ctx.ids.registration++
    const number = (numbers.get(session) ?? 0) + 1
    numbers.set(session, number)
    const cancelled = entry.cancelledMs !== null
    writers.registrations.add([
      id,
      session.id,
      firstId + entry.person,
      number,
      random.weighted([
        ['on_site', 60],
        ['online', 25],
        ['import', 15],
      ] as const),
      random.chance(0.5)
        ? null
        : random.pick([
            'citizenship',
            'residence',
            'immigration_canada',
            'immigration_quebec',
            'studies',
            'work',
            'other',
          ]),
      random.chance(0.6) ? null : idNumber(random),
      uniqueAccessCode(id, ctx.keys.access),
      cancelled ? 'cancelled' : 'registered',
      stamp(entry.createdMs),
      stamp(entry.cancelledMs ?? entry.createdMs),
    ])
    for (const test of entry.tests)
      writers.registrationTests.add([id, test.code, test.absent, false])

    // Results are entered after the session, and published with it.
    const scored = !cancelled && session.resultsEntered
    const results: { code: string; name: string; score: number; level: string }[] = []
    if (scored) {
      const enteredMs = Math.floor(
        Math.min(
          session.startsMs + random.between(2, 10) * DAY,
          (session.publishedMs ?? clock.nowMs) - HOUR
        )
      )
      const source = random.chance(0.7) ? 'manual' : 'import'
      for (const test of entry.tests) {
        if (test.absent) continue
        const share = sigmoid(person.ability * 1.1 + 0.6 + 0.4 * random.normal())
        const max = maxScore(test.code)
        const score = Math.round(max * share)
        const level = LEVELS[Math.min(LEVELS.length - 1, Math.floor((score / max) * 7))]
        results.push({ code: test.code, name: test.name, score, level })
        writers.registrationResults.add([
          id,
          test.code,
          score,
          level,
          source,
          staff.length ? random.pick(staff) : null,
          stamp(enteredMs),
          stamp(enteredMs),
        ])
      }
    }
    const published = session.status === 'results_published' && !cancelled
    if (published && results.length) {
      const attestationId = ctx.ids.attestation++
      const snapshot = {
        name: fullName(person),
        birthDate: person.birthDay,
        product: session.product.name,
        sessionNumber: session.number,
        sessionDate: session.localDay,
        centre: centre.name,
        tests: results.map((r) => ({
          code: r.code,
          name: r.name,
          score: r.score,
          max: maxScore(r.code),
          level: r.level,
        })),
      }
      writers.attestations.add([
        attestationId,
        id,
        centre.id,
        uniqueVerificationCode(attestationId, ctx.keys.attestation, random),
        'valid',
        JSON.stringify(snapshot),
        stamp(session.publishedMs!),
        addMonths(session.localDay, 24),
        stamp(session.publishedMs!),
        stamp(session.publishedMs!),
      ])
    }
    const endMs = cancelled
      ? entry.cancelledMs!
      : published
        ? session.publishedMs!
        : Number.POSITIVE_INFINITY
    person.events.push({
      createdMs: entry.createdMs,
      endMs,
      source: 'registration',
      sourceId: id,
      examType: session.product.name,
      status: cancelled ? 'cancelled' : published ? 'passed' : 'planned',
      validation: published ? 'validated' : null,
      score: published ? results.reduce((sum, r) => sum + r.score, 0) : null,
      examDay: session.localDay,
    })
    person.busy.push(entry.createdMs, endMs)
  }
}

interface Line {
  id: number
  order: Order
  type: CreditType
  product: CreditProductInfo
  quantity: number
  remaining: number
  deliveredMs: number
  expiresDay: string
  /** When orders:expire-credits takes what is left (the night after the expiry day). */
  expiryMs: number
}

interface Order {
  id: number
  orderedMs: number
  paidMs: number | null
  deliveredMs: number | null
  cancelledMs: number | null
  status: 'to_validate' | 'paid' | 'delivered' | 'consumed' | 'cancelled'
  lines: { product: CreditProductInfo; quantity: number; line: Line | null }[]
  changedMs: number
}

/**
 * The centre's credits, in the order they were given. Stock comes first: a
 * centre out of credits of a type orders more (delivered just before it
 * needs them). Each credit is taken from the line with the nearest expiry
 * still valid on the exam day, as takeCredit does; every change of a line's
 * stock is one ledger movement, so Σ movements of a line = its remaining.
 */
function credits(ctx: Context, centre: CentrePlan, people: Person[], firstId: number) {
  if (centre.credits === 0 || people.length === 0) return
  const { clock, writers } = ctx
  const random = new Random(ctx.seed, 'credits', centre.index)
  const staff = [centre.managerId, ...centre.staffIds].filter(Boolean)
  const from = Math.max(clock.startMs, centre.createdMs + 30 * DAY)
  const until = clock.nowMs - 2 * DAY
  const demands = Array.from({ length: centre.credits }, () => ({
    at: officeTime(random, from, until),
    type: random.weighted(CREDIT_MIX),
  })).sort((a, b) => a.at - b.at)
  const rate = centre.credits / Math.max(1, (until - from) / DAY)

  const orders: Order[] = []
  const lines = new Map<CreditType, Line[]>()
  const returns: { at: number; line: Line; assignmentId: number; userId: number | null }[] = []
  const movement = (
    line: Line,
    kind: 'delivered' | 'assigned' | 'returned' | 'expired',
    quantity: number,
    at: number,
    assignmentId: number | null = null,
    userId: number | null = null
  ) => {
    writers.movements.add([centre.id, line.id, assignmentId, kind, quantity, userId, stamp(at)])
    line.order.changedMs = Math.max(line.order.changedMs, at)
  }
  const placeOrder = (at: number, type: CreditType) => {
    const deliveredMs = at - Math.floor(random.between(2, 20) * HOUR)
    const paidMs = deliveredMs - Math.floor(random.between(1, 4) * DAY)
    const orderedMs = paidMs - Math.floor(random.between(1, 5) * DAY)
    const order: Order = {
      id: ctx.ids.order++,
      orderedMs,
      paidMs,
      deliveredMs,
      cancelledMs: null,
      status: 'delivered',
      lines: [],
      changedMs: deliveredMs,
    }
    const types = [type]
    if (random.chance(0.4)) {
      const other = random.weighted(CREDIT_MIX)
      if (other !== type) types.push(other)
    }
    for (const wanted of types) {
      const product = ctx.creditProducts.get(wanted)!
      const share = CREDIT_MIX.find(([t]) => t === wanted)![1] / 100
      const quantity = Math.min(
        300,
        Math.max(5, Math.round((rate * share * random.between(60, 150)) / 5) * 5)
      )
      const expiresDay = addMonths(isoDay(deliveredMs), product.validityMonths)
      const line: Line = {
        id: ctx.ids.orderLine++,
        order,
        type: wanted,
        product,
        quantity,
        remaining: quantity,
        deliveredMs,
        expiresDay,
        expiryMs: Date.parse(`${expiresDay}T00:00:00Z`) + DAY + 5 * 60_000,
      }
      order.lines.push({ product, quantity, line })
      lines.set(wanted, [...(lines.get(wanted) ?? []), line])
      movement(line, 'delivered', quantity, deliveredMs, null, centre.accountManagerId || null)
    }
    orders.push(order)
  }
  const findLine = (type: CreditType, at: number, validFrom: string) => {
    let best: Line | null = null
    for (const line of lines.get(type) ?? []) {
      if (line.remaining <= 0 || line.deliveredMs > at || line.expiresDay < validFrom) continue
      if (!best || line.expiresDay < best.expiresDay) best = line
    }
    return best
  }
  const applyReturns = (upTo: number) => {
    returns.sort((a, b) => a.at - b.at)
    while (returns.length && returns[0].at <= upTo) {
      const back = returns.shift()!
      back.line.remaining += 1
      movement(back.line, 'returned', 1, back.at, back.assignmentId, back.userId)
    }
  }
  const isFree = (person: Person, start: number, end: number) => {
    for (let i = 0; i < person.busy.length; i += 2)
      if (person.busy[i] < end && start < person.busy[i + 1]) return false
    return true
  }
  const partner = ctx.partnerSessions

  for (const demand of demands) {
    const at = demand.at
    applyReturns(at)
    let type = demand.type
    let partnerSession: PartnerSessionPlan | null = null
    if (type === 'official_partner') {
      partnerSession =
        partner.find(
          (s) =>
            s.open && s.startsMs >= at + 7 * DAY && s.startsMs <= at + 75 * DAY && s.used < s.seats
        ) ?? null
      if (!partnerSession) type = 'official_approved'
    }
    let examMs: number | null = null
    if (partnerSession) examMs = partnerSession.startsMs
    else if (needsExamDate(type))
      examMs = Math.floor(at / DAY) * DAY + random.int(3, 45) * DAY + 8 * HOUR
    const examDay = partnerSession ? partnerSession.day : examMs ? isoDay(examMs) : null
    const today = isoDay(at)
    const validFrom = examDay && examDay > today ? examDay : today
    let line = findLine(type, at, validFrom)
    if (!line) {
      placeOrder(at, type)
      line = findLine(type, at, validFrom)!
    }
    // What became of it.
    const sitMs = examMs ?? at + Math.floor(random.between(1, 40) * DAY)
    const roll = random.next()
    let status: 'planned' | 'passed' | 'returned' | 'expired'
    let endMs = Number.POSITIVE_INFINITY
    if (roll < 0.07) {
      status = 'returned'
      const latest = Math.min(sitMs, clock.nowMs, line.expiryMs)
      endMs = Math.floor(at + random.between(0.1, 0.9) * (latest - at))
    } else if (roll < 0.15 || sitMs > line.expiryMs || sitMs > clock.nowMs - DAY) {
      // Not taken (yet): pending until the credit expires.
      status = line.expiryMs <= clock.nowMs ? 'expired' : 'planned'
      if (status === 'expired') endMs = line.expiryMs
    } else {
      status = 'passed'
      endMs = Math.floor(Math.min(sitMs + random.between(0.5, 3) * DAY, clock.nowMs - HOUR))
    }
    // A candidate with nothing pending meanwhile (the app refuses a second pending exam).
    let holder = -1
    for (let attempt = 0; attempt < 30 && holder < 0; attempt++) {
      const candidate = random.int(0, people.length - 1)
      if (isFree(people[candidate], at, endMs)) holder = candidate
    }
    if (holder < 0) {
      const start = random.int(0, people.length - 1)
      for (let k = 0; k < people.length && holder < 0; k++) {
        const candidate = (start + k) % people.length
        if (isFree(people[candidate], at, endMs)) holder = candidate
      }
    }
    if (holder < 0) continue
    const person = people[holder]
    const assignmentId = ctx.ids.assignment++
    const userId = staff.length ? random.pick(staff) : null
    line.remaining -= 1
    if (partnerSession) partnerSession.used++
    movement(line, 'assigned', -1, at, assignmentId, userId)
    if (status === 'returned') returns.push({ at: endMs, line, assignmentId, userId })

    let passedOn: string | null = null
    let validation: 'validated' | 'pending' | 'invalidated' | null = null
    let score: number | null = null
    if (status === 'passed') {
      passedOn = isoDay(endMs)
      validation = random.weighted([
        ['validated', 94],
        ['pending', 4],
        ['invalidated', 2],
      ] as const)
      score = Math.round(1000 * sigmoid(person.ability * 1.1 + 0.3 + 0.4 * random.normal()))
      const resultId = ctx.ids.creditResult++
      writers.creditResults.add([
        resultId,
        `DEMO-BIG-${ctx.seed}-${resultId}`,
        centre.id,
        firstId + holder,
        assignmentId,
        type,
        score,
        passedOn,
        validation,
        threeYearsOn(passedOn),
        uniqueVerificationCode(resultId, ctx.keys.result, random),
        '[]',
        random.chance(0.8) ? 'api' : 'import',
        stamp(endMs),
        stamp(endMs),
      ])
    }
    writers.assignments.add([
      assignmentId,
      centre.id,
      firstId + holder,
      line.id,
      type,
      status,
      passedOn ?? examDay,
      hasActivationCode(type) ? uniqueAccessCode(assignmentId, ctx.keys.activation) : null,
      userId,
      stamp(at),
      status === 'returned' ? stamp(endMs) : null,
      status === 'returned' ? userId : null,
      stamp(at),
      stamp(Number.isFinite(endMs) ? endMs : at),
      partnerSession?.id ?? null,
    ])
    person.events.push({
      createdMs: at,
      endMs,
      source: 'credit',
      sourceId: assignmentId,
      examType: ctx.creditLabels[type],
      status: status === 'returned' ? 'cancelled' : status,
      validation,
      score,
      examDay: passedOn ?? examDay,
    })
    person.busy.push(at, endMs)
  }
  applyReturns(clock.nowMs)
  // orders:expire-credits has run every night: what a line held past its expiry left the stock.
  for (const typeLines of lines.values()) {
    for (const line of typeLines) {
      if (line.remaining > 0 && line.expiresDay < clock.today) {
        movement(line, 'expired', -line.remaining, line.expiryMs)
        line.remaining = 0
      }
    }
  }
  // Orders of the last days, not delivered yet, and a few cancelled ones.
  const recent = (status: 'to_validate' | 'paid' | 'cancelled') => {
    const orderedMs =
      status === 'cancelled'
        ? officeTime(random, from, until)
        : officeTime(random, clock.nowMs - 9 * DAY, clock.nowMs - 2 * HOUR)
    const order: Order = {
      id: ctx.ids.order++,
      orderedMs,
      paidMs: null,
      deliveredMs: null,
      cancelledMs: null,
      status,
      lines: [],
      changedMs: orderedMs,
    }
    if (status === 'paid') order.paidMs = orderedMs + Math.floor((clock.nowMs - orderedMs) / 2)
    if (status === 'cancelled')
      order.cancelledMs = orderedMs + Math.floor(random.between(1, 5) * DAY)
    order.changedMs = order.paidMs ?? order.cancelledMs ?? orderedMs
    const product = ctx.creditProducts.get(random.weighted(CREDIT_MIX))!
    order.lines.push({ product, quantity: random.int(1, 10) * 5, line: null })
    orders.push(order)
  }
  if (random.chance(0.25)) recent('to_validate')
  if (random.chance(0.15)) recent('paid')
  if (random.chance(0.1)) recent('cancelled')

  for (const order of orders) {
    if (order.status === 'delivered' && order.lines.every((l) => l.line!.remaining === 0))
      order.status = 'consumed'
    const priced = order.lines.map(({ product, quantity, line }) => {
      const ht = product.unitPriceCents * quantity
      const vat = vatOf(ht, product.vatRateBp)
      return { product, quantity, line, ht, vat }
    })
    const year = new Date(order.orderedMs).getUTCFullYear()
    writers.orders.add([
      order.id,
      `CMD-${year}-${String(order.id).padStart(5, '0')}`,
      centre.id,
      centre.managerId || null,
      order.status,
      'transfer',
      priced.reduce((s, l) => s + l.ht, 0),
      priced.reduce((s, l) => s + l.vat, 0),
      priced.reduce((s, l) => s + l.ht + l.vat, 0),
      stamp(order.orderedMs),
      order.paidMs ? stamp(order.paidMs) : null,
      order.paidMs ? centre.accountManagerId || null : null,
      order.deliveredMs ? stamp(order.deliveredMs) : null,
      order.deliveredMs ? centre.accountManagerId || null : null,
      order.cancelledMs ? stamp(order.cancelledMs) : null,
      order.cancelledMs ? centre.managerId || null : null,
      stamp(order.orderedMs),
      stamp(order.changedMs),
    ])
    for (const { product, quantity, line, ht, vat } of priced) {
      writers.orderLines.add([
        line?.id ?? ctx.ids.orderLine++,
        order.id,
        centre.id,
        product.id,
        product.name,
        product.type,
        product.reference,
        quantity,
        product.unitPriceCents,
        product.vatRateBp,
        ht,
        vat,
        ht + vat,
        product.validityMonths,
        line?.expiresDay ?? null,
        line?.remaining ?? 0,
      ])
    }
  }
}

/** The candidates' rows, and their exams in the order they were given (the latest one is the summary). */
function candidates(ctx: Context, centre: CentrePlan, people: Person[], firstId: number) {
  const { clock, writers } = ctx
  const random = new Random(ctx.seed, 'identities', centre.index)
  const exams: { person: number; event: ExamEvent }[] = []
  people.forEach((person, index) => {
    for (const event of person.events) exams.push({ person: index, event })
  })
  exams.sort((a, b) => a.event.createdMs - b.event.createdMs || a.event.sourceId - b.event.sourceId)
  for (const { person, event } of exams) {
    const id = ctx.ids.candidateExam++
    const changed = Number.isFinite(event.endMs) ? event.endMs : event.createdMs
    writers.candidateExams.add([
      id,
      firstId + person,
      event.source,
      event.sourceId,
      event.examType,
      event.status,
      event.validation,
      event.score,
      event.examDay,
      stamp(event.createdMs),
      stamp(changed),
    ])
  }
  people.forEach((person, index) => {
    const events = person.events.sort((a, b) => a.createdMs - b.createdMs)
    let latest: ExamEvent | null = null
    let lockedMs = Number.POSITIVE_INFINITY
    let activityMs = 0
    for (const event of events) {
      if (event.status !== 'cancelled') latest = event
      if (event.status === 'passed') lockedMs = Math.min(lockedMs, event.endMs)
      activityMs = Math.max(
        activityMs,
        Number.isFinite(event.endMs) ? event.endMs : event.createdMs
      )
    }
    const arrival =
      clock.startMs +
      ((index + random.next()) / Math.max(1, people.length)) * (clock.nowMs - clock.startMs)
    const createdMs = Math.floor(
      Math.max(
        centre.createdMs + DAY,
        Math.min(
          arrival,
          events.length ? events[0].createdMs - random.between(1, 30 * 24) * HOUR : arrival
        )
      )
    )
    if (!activityMs) activityMs = createdMs
    const birth = bornIn(random)
    const married = person.sex === 'F' && random.chance(0.1)
    const email = random.chance(0.8)
      ? `${ascii(person.firstName)}.${ascii(person.lastName)}${random.int(1, 99)}@example.test`
      : null
    writers.candidates.add([
      firstId + index,
      centre.id,
      random.chance(0.005) ? 'x' : person.sex === 'F' ? 'mme' : 'm',
      person.lastName,
      married ? personName(random, 'H').lastName : null,
      person.firstName,
      email,
      person.birthDay,
      birth[1] || null,
      birth[0],
      birth[2],
      birth[2] === 'FR' || random.chance(0.2) ? 'FR' : birth[2],
      TONGUES[birth[2]] ?? 'other',
      random.chance(0.5) ? idNumber(random) : null,
      random.weighted([
        ['employee', 40],
        ['student', 20],
        ['job_seeker', 15],
        ['self_employed', 8],
        ['civil_servant', 5],
        ['retired', 2],
        ['other', 10],
      ] as const),
      random.weighted([
        ['self', 55],
        ['cpf', 25],
        ['professionalisation', 10],
        ['other', 10],
      ] as const),
      random.chance(0.7) ? phone(random) : null,
      random.chance(0.6) ? `${random.int(1, 150)} rue ${random.pick(STREETS)}` : null,
      centre.city.postcode,
      centre.city.name,
      centre.city.country === 'RE' ? 'FR' : centre.city.country,
      random.chance(0.8)
        ? random.pick(['cap', 'bac', 'bac2', 'bac3', 'bac4', 'bac5', 'bac8', 'none'])
        : null,
      random.chance(0.7)
        ? random.pick([
            'farmer',
            'craftsman',
            'executive',
            'intermediate',
            'employee',
            'worker',
            'inactive',
          ])
        : null,
      latest ? latest.status : 'to_assign',
      latest?.validation ?? null,
      latest?.score ?? null,
      latest?.examType ?? null,
      latest?.examDay ?? null,
      Number.isFinite(lockedMs) ? stamp(lockedMs) : null,
      stamp(activityMs),
      stamp(createdMs),
      stamp(activityMs),
    ])
  })
}

const STREETS = ['de la Paix', 'des Lilas', 'Jean-Jaurès', 'Victor-Hugo', 'de Paris', 'du Moulin']
const TONGUES: Record<string, string> = {
  FR: 'fr',
  MA: 'ar',
  DZ: 'ar',
  TN: 'ar',
  LB: 'ar',
  SN: 'wo',
  CI: 'fr',
  CD: 'ln',
  PT: 'pt',
  CO: 'es',
  VN: 'vi',
  TR: 'tr',
  IR: 'fa',
  HT: 'ht',
}

function bornIn(random: Random) {
  return random.chance(0.45) ? TOWNS_OF_BIRTH[random.int(0, 2)] : random.pick(TOWNS_OF_BIRTH)
}

function birthDate(random: Random, nowMs: number) {
  const age = 17 + Math.abs(random.normal()) * 14 + random.between(0, 6)
  return isoDay(nowMs - Math.min(age, 70) * 365.25 * DAY)
}

function phone(random: Random) {
  const pair = () => String(random.int(0, 99)).padStart(2, '0')
  return `0${random.pick(['6', '7'])} ${pair()} ${pair()} ${pair()} ${pair()}`
}

function idNumber(random: Random) {
  const letters = 'ABCDEFGHJKLMNPRSTUVWXYZ'
  return `${random.int(10, 99)}${letters[random.int(0, 22)]}${letters[random.int(0, 22)]}${random.int(10000, 99999)}`
}

function ascii(text: string) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '')
}

/** The day `months` later, the 31st clamped to the month's end (as Luxon, hence deliverOrder, does). */
function addMonths(day: string, months: number) {
  const [year, month, date] = day.split('-').map(Number)
  const index = year * 12 + month - 1 + months
  const y = Math.floor(index / 12)
  const m = (index % 12) + 1
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return `${y}-${String(m).padStart(2, '0')}-${String(Math.min(date, last)).padStart(2, '0')}`
}

/** CreditResult.validUntil: three years from the day it was taken, that day excluded. */
function threeYearsOn(day: string) {
  return isoDay(Date.parse(`${addMonths(day, 36)}T00:00:00Z`) - DAY)
}
