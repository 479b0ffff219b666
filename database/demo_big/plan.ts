import { DateTime } from 'luxon'
import { registrationDeadline } from '#sessions'
import type { SessionStatus } from '#sessions'
import { Random, apportion } from '#database/demo_big/random'
import {
  CITIES,
  ROOMS,
  centreName,
  personName,
  slug,
  streetAddress,
} from '#database/demo_big/names'
import type { City, Sex } from '#database/demo_big/names'

export const DAY = 86_400_000
export const HOUR = 3_600_000

/** What `--scale 1` creates. */
export const FULL_SCALE = {
  centres: 1_000,
  accountManagers: 60,
  users: 5_000,
  candidates: 300_000,
  sessions: 20_000,
  registrations: 1_000_000,
  credits: 200_000,
  grades: 50_000,
  partnerSessions: 1_200,
}
export type Targets = typeof FULL_SCALE

export function targetsFor(scale: number): Targets {
  const entries = Object.entries(FULL_SCALE).map(([key, value]) => [
    key,
    Math.max(1, Math.round(value * scale)),
  ])
  return Object.fromEntries(entries) as Targets
}

const days = new Map<number, string>()
const two = (n: number) => (n < 10 ? `0${n}` : `${n}`)

/** 'YYYY-MM-DD HH:mm:ss' in UTC, the format the app writes timestamps in (millions of calls). */
export function stamp(ms: number) {
  const day = Math.floor(ms / DAY)
  let date = days.get(day)
  if (!date) {
    date = new Date(day * DAY).toISOString().slice(0, 10)
    days.set(day, date)
  }
  const seconds = Math.floor((ms - day * DAY) / 1000)
  return `${date} ${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`
}

export function isoDay(ms: number) {
  return new Date(ms).toISOString().slice(0, 10)
}

/** A time in office hours (07:00–16:00 UTC, so its UTC day is its Paris day) within [from, to]. */
export function officeTime(random: Random, from: number, to: number) {
  if (to <= from) return from
  const at = random.between(from, to)
  const day = Math.floor(at / DAY) * DAY
  const inHours = day + random.between(7, 16) * HOUR
  return inHours >= from && inHours <= to ? Math.floor(inHours) : Math.floor(at)
}

export interface ProductInfo {
  id: number
  code: string
  name: string
  modular: boolean
  tests: { code: string; name: string }[]
}

export interface CentrePlan {
  index: number
  id: number
  code: string
  name: string
  kind: 'exam' | 'training' | 'both'
  city: City
  address: string
  status: 'active' | 'inactive'
  visibility: 'hidden' | 'with_sessions' | 'without_sessions'
  createdMs: number
  candidates: number
  registrations: number
  credits: number
  sessions: SessionPlan[]
  /** Users, filled by planUsers. */
  accountManagerId: number
  managerId: number
  staffIds: number[]
  teacherIds: number[]
  learnerIds: number[]
}

export interface SessionPlan {
  id: number
  number: number
  centre: CentrePlan
  product: ProductInfo
  startsMs: number
  deadlineMs: number
  /** The session's day where its centre is. */
  localDay: string
  createdMs: number
  updatedMs: number
  status: SessionStatus
  publishedMs: number | null
  /** In correction: whether every result has been entered yet. */
  resultsEntered: boolean
  seats: number
  registrations: number
  place: string
  priceHt: number | null
}

export interface UserPlan {
  id: number
  firstName: string
  lastName: string
  email: string
  sex: Sex
  role:
    | 'network_admin'
    | 'account_manager'
    | 'centre_manager'
    | 'centre_staff'
    | 'evaluator'
    | 'teacher'
    | 'learner'
  status: 'active' | 'invited'
  centreIds: number[]
  createdMs: number
}

export interface Clock {
  nowMs: number
  today: string
  /** Three years of history, six months of sessions ahead. */
  startMs: number
  horizonMs: number
}

export function clockFor(today: string): Clock {
  const nowMs = Date.parse(`${today}T10:00:00Z`)
  return { nowMs, today, startMs: nowMs - 3 * 365 * DAY, horizonMs: nowMs + 182 * DAY }
}

/** The products a centre's sessions are of, by country (Canada sells TEF Canada...). */
const PRODUCT_MIX: Record<'FR' | 'CA' | 'other', [string, number][]> = {
  FR: [
    ['TEFIRN', 40],
    ['TEF', 18],
    ['TEFCAN', 15],
    ['TEFAQ', 5],
    ['DFPA1', 2],
    ['DFPA2', 3],
    ['DFPB1', 8],
    ['DFPB2', 7],
    ['DFPC1', 2],
  ],
  CA: [
    ['TEFCAN', 55],
    ['TEFAQ', 30],
    ['TEF', 15],
  ],
  other: [
    ['TEF', 35],
    ['TEFCAN', 30],
    ['TEFAQ', 15],
    ['DFPB1', 10],
    ['DFPB2', 10],
  ],
}

/** Most registrations in one session (but the showcase one). */
const SESSION_CAP = 250
/** One session of the biggest centre holds exactly this many: its page is the heavy one. */
export const SHOWCASE_SESSION_SIZE = 200

/**
 * The centres, their sizes and their sessions. Sizes follow a power law over
 * a random order (a few centres with thousands of candidates, a long tail of
 * small ones); training centres, inactive ones and a few new ones have none.
 */
export function planCentres(
  seed: number,
  targets: Targets,
  clock: Clock,
  products: ProductInfo[],
  base: { centre: number; session: number; sessionNumber: number }
) {
  const random = new Random(seed, 'centres')
  const centres: CentrePlan[] = []
  for (let index = 0; index < targets.centres; index++) {
    const city = random.weighted(CITIES.map((c) => [c, c.weight] as const))
    const kind = random.weighted([
      ['exam', 78],
      ['training', 10],
      ['both', 12],
    ] as const)
    const status = random.chance(0.03) ? 'inactive' : 'active'
    const prefix = city.name
      .normalize('NFD')
      .replace(/[^A-Za-z]/g, '')
      .slice(0, 3)
      .toUpperCase()
    centres.push({
      index,
      id: base.centre + index + 1,
      code: `${city.country}-${prefix}-${String(index + 1).padStart(4, '0')}`,
      name: centreName(random, kind, city.name),
      kind,
      city,
      address: streetAddress(random),
      status,
      visibility:
        status === 'inactive'
          ? 'hidden'
          : random.weighted([
              ['with_sessions', 70],
              ['without_sessions', 15],
              ['hidden', 15],
            ] as const),
      createdMs: clock.startMs - random.between(30, 6 * 365) * DAY,
      candidates: 0,
      registrations: 0,
      credits: 0,
      sessions: [],
      accountManagerId: 0,
      managerId: 0,
      staffIds: [],
      teacherIds: [],
      learnerIds: [],
    })
  }
  // Tiny networks still get an exam centre and a training one.
  if (!centres.some((c) => c.kind !== 'training' && c.status === 'active')) {
    centres[0].kind = 'exam'
    centres[0].status = 'active'
  }
  if (!centres.some((c) => c.kind !== 'exam')) centres[centres.length - 1].kind = 'both'

  const examCentres = centres.filter(
    (c) => c.kind !== 'training' && c.status === 'active' && (c.index === 0 || !random.chance(0.02))
  )
  const ranks = random.shuffle(examCentres.map((_, i) => i))
  const weights = new Map(examCentres.map((c, i) => [c, 1 / Math.pow(ranks[i] + 1, 0.8)]))
  const sizes = apportion(
    targets.candidates,
    centres.map((c) => weights.get(c) ?? 0)
  )
  centres.forEach((c, i) => (c.candidates = sizes[i]))

  // Sessions: one at least per centre with candidates, then more for the bigger ones.
  const withCandidates = centres.filter((c) => c.candidates > 0)
  const sessionCounts = centres.map(() => 0)
  let sessionsLeft = targets.sessions
  if (sessionsLeft >= withCandidates.length) {
    for (const c of withCandidates) sessionCounts[c.index] = 1
    sessionsLeft -= withCandidates.length
  }
  apportion(
    sessionsLeft,
    centres.map((c) => (c.candidates > 0 ? Math.pow(c.candidates, 0.8) : 0))
  ).forEach((n, i) => (sessionCounts[i] += n))

  const sessions: SessionPlan[] = []
  const byCode = new Map(products.map((p) => [p.code, p]))
  for (const centre of centres) {
    const r = new Random(seed, 'sessions', centre.index)
    const mix = PRODUCT_MIX[
      centre.city.country === 'FR' || centre.city.country === 'RE'
        ? 'FR'
        : centre.city.country === 'CA'
          ? 'CA'
          : 'other'
    ].filter(([code]) => byCode.has(code))
    for (let k = 0; k < sessionCounts[centre.index]; k++) {
      const product = mix.length
        ? byCode.get(r.weighted(mix.map(([code, w]) => [code, w] as const)))!
        : products[0]
      sessions.push(planSession(r, centre, product, clock))
    }
  }

  // Registrations: in proportion to candidates, within what the sessions can hold.
  const registrable = (s: SessionPlan) => s.status !== 'planned' && s.status !== 'cancelled'
  const caps = centres.map((c) =>
    c.sessions.filter(registrable).reduce((sum) => sum + Math.min(SESSION_CAP, c.candidates), 0)
  )
  const perCentre = apportion(
    targets.registrations,
    centres.map((c) => c.candidates),
    caps
  )
  const biggest = centres.reduce((a, b) => (perCentre[b.index] > perCentre[a.index] ? b : a))
  for (const centre of centres) {
    centre.registrations = perCentre[centre.index]
    if (centre.registrations === 0) continue
    const r = new Random(seed, 'session-sizes', centre.index)
    const open = centre.sessions.filter(registrable)
    const sessionWeights = open.map(
      (s) => Math.exp(0.6 * r.normal()) * (s.startsMs > clock.nowMs ? 0.6 : 1)
    )
    const sessionCaps = open.map(() => Math.min(SESSION_CAP, centre.candidates))
    if (centre === biggest) {
      const showcase = open.findLastIndex((s) => s.status === 'results_published')
      if (showcase >= 0) {
        sessionWeights[showcase] = 1e9
        sessionCaps[showcase] = Math.min(SHOWCASE_SESSION_SIZE, centre.candidates)
      }
    }
    apportion(centre.registrations, sessionWeights, sessionCaps).forEach(
      (n, i) => (open[i].registrations = n)
    )
  }
  for (const centre of centres) {
    const r = new Random(seed, 'seats', centre.index)
    for (const session of centre.sessions) {
      const n = session.registrations
      const room = session.startsMs > clock.nowMs ? r.between(1.3, 2) : r.between(1, 1.3)
      session.seats = Math.max(10, n, Math.ceil((n * room) / 10) * 10)
    }
  }

  // Ids and numbers in the order the sessions were created, as the app numbers them.
  sessions.sort((a, b) => a.createdMs - b.createdMs || a.startsMs - b.startsMs)
  sessions.forEach((s, i) => {
    s.id = base.session + i + 1
    s.number = base.sessionNumber + i + 1
  })
  for (const centre of centres) centre.sessions.sort((a, b) => a.startsMs - b.startsMs)
  return { centres, sessions }
}

function planSession(r: Random, centre: CentrePlan, product: ProductInfo, clock: Clock) {
  const day = r.between(clock.startMs, clock.horizonMs)
  const date = DateTime.fromMillis(day, { zone: centre.city.zone })
  let local = date.set({
    hour: r.chance(0.7) ? 9 : 13,
    minute: r.chance(0.7) ? 0 : 30,
    second: 0,
    millisecond: 0,
  })
  if (local.weekday === 7) local = local.plus({ days: 1 })
  const startsAt = local.toUTC()
  const startsMs = startsAt.toMillis()
  const deadlineMs = registrationDeadline(startsAt, centre.city.zone).toMillis()
  let createdMs = startsMs - r.between(25, 120) * DAY
  if (createdMs > clock.nowMs - DAY) createdMs = clock.nowMs - r.between(1, 20) * DAY
  createdMs = Math.floor(Math.max(createdMs, centre.createdMs + DAY))

  let status: SessionStatus
  let updatedMs = createdMs
  let publishedMs: number | null = null
  let resultsEntered = false
  const age = clock.nowMs - startsMs
  if (r.chance(0.02)) {
    status = 'cancelled'
    updatedMs = Math.floor(r.between(createdMs, Math.min(startsMs, clock.nowMs)))
  } else if (age < 0) {
    if (deadlineMs > clock.nowMs) {
      status = startsMs > clock.nowMs + 75 * DAY && r.chance(0.6) ? 'planned' : 'registrations_open'
    } else {
      status = 'registrations_closed'
      updatedMs = deadlineMs
    }
  } else if (age < 2 * DAY) {
    status = r.chance(0.5) ? 'registrations_closed' : 'passed'
    updatedMs = status === 'passed' ? startsMs + 4 * HOUR : deadlineMs
  } else if (age < 15 * DAY) {
    status = r.chance(0.4) ? 'passed' : 'in_correction'
    updatedMs = startsMs + (status === 'passed' ? 4 * HOUR : DAY)
    resultsEntered = status === 'in_correction' && r.chance(0.6)
  } else if (age < 40 * DAY && r.chance(0.25)) {
    status = 'in_correction'
    updatedMs = startsMs + DAY
    resultsEntered = r.chance(0.6)
  } else {
    status = 'results_published'
    publishedMs = Math.floor(
      Math.min(startsMs + r.between(10, 30) * DAY, clock.nowMs - r.between(2, 48) * HOUR)
    )
    updatedMs = publishedMs
    resultsEntered = true
  }
  const session: SessionPlan = {
    id: 0,
    number: 0,
    centre,
    product,
    startsMs,
    deadlineMs,
    localDay: startsAt.setZone(centre.city.zone).toISODate()!,
    createdMs,
    updatedMs,
    status,
    publishedMs,
    resultsEntered,
    seats: 0,
    registrations: 0,
    place: `${r.pick(ROOMS)} — ${centre.address}, ${centre.city.name}`,
    priceHt: product.modular ? null : product.code === 'TEFIRN' ? 18_000 : 15_000,
  }
  centre.sessions.push(session)
  return session
}

/**
 * The people who log in: network admins, account managers (each centre in
 * one portfolio), a manager per centre, staff and evaluators in proportion
 * to a centre's size, teachers and learners in the training centres.
 */
export function planUsers(
  seed: number,
  targets: Targets,
  clock: Clock,
  centres: CentrePlan[],
  baseId: number
) {
  const random = new Random(seed, 'users')
  const users: UserPlan[] = []
  const add = (role: UserPlan['role'], centreIds: number[], email?: string) => {
    const sex: Sex = random.chance(0.55) ? 'F' : 'H'
    const { firstName, lastName } = personName(random, sex)
    const id = baseId + users.length + 1
    const user: UserPlan = {
      id,
      firstName,
      lastName,
      sex,
      email: email ?? `${slug(firstName)}.${slug(lastName)}.${users.length + 1}@demo-big.test`,
      role,
      status: role === 'learner' && random.chance(0.04) ? 'invited' : 'active',
      centreIds,
      createdMs: Math.floor(clock.startMs - random.between(0, 2 * 365) * DAY),
    }
    users.push(user)
    return user
  }
  const training = centres.filter((c) => c.kind !== 'exam')
  const learnersWanted = training.length ? Math.round(targets.users * 0.3) : 0
  const budget = () => targets.users - learnersWanted - users.length

  const admins = Math.max(1, Math.round(targets.accountManagers / 20))
  for (let i = 0; i < admins && budget() > 0; i++)
    add('network_admin', [], i === 0 ? 'admin@demo-big.test' : `admin${i + 1}@demo-big.test`)
  const portfolios: number[][] = Array.from({ length: targets.accountManagers }, () => [])
  random.shuffle(centres.slice()).forEach((c, i) => portfolios[i % portfolios.length].push(c.id))
  const byId = new Map(centres.map((c) => [c.id, c]))
  portfolios.forEach((portfolio, i) => {
    if (budget() <= 0) return
    const manager = add(
      'account_manager',
      portfolio.sort((a, b) => a - b),
      i === 0 ? 'gestionnaire@demo-big.test' : undefined
    )
    for (const id of portfolio) byId.get(id)!.accountManagerId = manager.id
  })
  for (const centre of centres) {
    if (budget() <= 0) break
    centre.managerId = add('centre_manager', [centre.id]).id
  }
  for (const centre of training) {
    if (budget() <= 0) break
    centre.teacherIds.push(add('teacher', [centre.id]).id)
  }
  const bySize = centres.slice().sort((a, b) => b.candidates - a.candidates || a.index - b.index)
  for (const centre of bySize) {
    if (centre.candidates === 0) continue
    const staff = Math.min(4, 1 + Math.floor(Math.log10(centre.candidates)))
    for (let i = 0; i < staff && budget() > 0; i++)
      centre.staffIds.push(add('centre_staff', [centre.id]).id)
    if (centre.candidates > 100 && budget() > 0) add('evaluator', [centre.id])
  }
  for (const centre of training) {
    const more = random.int(0, 3)
    for (let i = 0; i < more && budget() > 0; i++)
      centre.teacherIds.push(add('teacher', [centre.id]).id)
  }
  const learners = apportion(
    targets.users - users.length,
    training.map(() => random.between(0.5, 1.5))
  )
  training.forEach((centre, i) => {
    for (let k = 0; k < learners[i]; k++) centre.learnerIds.push(add('learner', [centre.id]).id)
  })
  // Centres left without a manager (tiny networks) are run by their account manager.
  for (const centre of centres) if (!centre.managerId) centre.managerId = centre.accountManagerId
  return users
}
