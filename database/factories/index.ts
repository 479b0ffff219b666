import factory from '@adonisjs/lucid/factories'
import { DateTime } from 'luxon'
import { Centre, Division } from '#centres'
import { User } from '#accounts'
import { Candidate, recordCandidateExam } from '#candidates'
import type { CandidateExamInput } from '#candidates'
import { ExamSession, ExamSubject, Product, registrationDeadline } from '#sessions'
import type { SessionStatus } from '#sessions'
import Preregistration from '#sessions/models/preregistration'
import { registerCandidates } from '#sessions/services/registrations'
import type { Role } from '#shared/roles'
import db from '@adonisjs/lucid/services/db'
import { applyFrameworkImport } from '#evaluations/services/framework_import'
import { DEMO_FRAMEWORKS } from '#database/demo_frameworks'
import { CreditProduct, deliverOrder, markOrderPaid, placeOrder } from '#orders'

/** The password of every factory user (≥ 10 characters, like real ones). */
export const TEST_PASSWORD = 'correct-horse-battery'

let sequence = 0
const next = () => ++sequence

export const CentreFactory = factory
  .define(Centre, () => {
    const n = next()
    return {
      code: `T-${String(n).padStart(4, '0')}`,
      name: `Centre d'essai ${n}`,
      kind: 'exam' as const,
      country: 'FR',
      timeZone: 'Europe/Paris',
      status: 'active' as const,
      onlineVisibility: 'hidden' as const,
    }
  })
  .build()

export const UserFactory = factory
  .define(User, () => {
    const n = next()
    return {
      firstName: 'Camille',
      lastName: `Test${n}`,
      email: `user${n}-${Date.now()}@example.test`,
      role: 'centre_staff' as Role,
      status: 'active' as const,
      locale: 'fr' as const,
      password: TEST_PASSWORD,
    }
  })
  .build()

/** An active user of a role, member of the given centres. */
export async function makeUser(role: Role, centres: Centre[] = [], attributes: Partial<User> = {}) {
  const user = await UserFactory.merge({ role, ...attributes }).create()
  await user.syncCentres(centres.map((c) => c.id))
  return user
}

/** A candidate file of a centre (identity + information filled). */
export const CandidateFactory = factory
  .define(Candidate, () => {
    const n = next()
    return {
      civility: 'mme' as const,
      lastName: `Candidate${n}`,
      firstName: 'Lina',
      email: `candidate${n}-${Date.now()}@example.test`,
      birthDate: DateTime.utc(1995, 4, 12),
      status: 'employee' as const,
      funding: 'cpf' as const,
      examStatus: 'to_assign' as const,
      lastActivityAt: DateTime.utc(),
    }
  })
  .build()

export async function makeCandidate(centre: Centre, attributes: Partial<Candidate> = {}) {
  return CandidateFactory.merge({ centreId: centre.id, ...attributes }).create()
}

let examSource = 0

/**
 * Gives a candidate an exam as a session registration would (issue 5 brings the
 * registrations themselves; they reach the file through this same public API).
 */
export async function giveExam(
  candidate: Candidate,
  exam: Partial<Omit<CandidateExamInput, 'candidateId'>> = {}
) {
  return recordCandidateExam({
    candidateId: candidate.id,
    source: 'registration',
    sourceId: 900000 + ++examSource,
    examType: 'Examen blanc',
    status: 'planned',
    examDate: DateTime.utc(2026, 12, 10),
    ...exam,
  })
}

let sessionNumber = 7900000

/**
 * A session of a centre, open for registrations by default, 20 days ahead.
 * The product is one of the real catalogue's (TEF Canada unless told).
 */
export async function makeSession(
  centre: Centre,
  attributes: Partial<{
    productCode: string
    startsAt: DateTime
    seats: number
    status: SessionStatus
  }> = {}
) {
  const product = await Product.query()
    .where('code', attributes.productCode ?? 'TEFCAN')
    .preload('tests')
    .firstOrFail()
  const startsAt =
    attributes.startsAt ?? DateTime.utc().plus({ days: 20 }).set({ hour: 8, minute: 0 })
  const session = await ExamSession.create({
    number: ++sessionNumber,
    centreId: centre.id,
    productId: product.id,
    startsAt,
    registrationDeadline: registrationDeadline(startsAt, centre.timeZone),
    place: 'Salle 1',
    seats: attributes.seats ?? 10,
    visibility: 'hidden',
    status: attributes.status ?? 'registrations_open',
    priceHt: product.modular ? null : 18000,
    vatRate: 2000,
  })
  await session.related('tests').createMany(
    product.tests.map((test) => ({
      testCode: test.code,
      priceHt: product.modular ? 5000 : null,
    }))
  )
  return session
}

/** A pending pre-registration of a centre, for a session or none. */
export async function makePreregistration(centre: Centre, session: ExamSession | null = null) {
  return Preregistration.create({
    centreId: centre.id,
    sessionId: session?.id ?? null,
    civility: 'm',
    lastName: 'Pré',
    firstName: 'Inscrit',
    email: 'pre@example.test',
    phone: null,
    birthDate: DateTime.utc(1990, 1, 1),
    tests: [],
    status: 'pending',
  })
}

/**
 * A demo framework (the BTS Communication by default, 1 for the small CQP)
 * imported (a new version each call) and assigned to the centres given;
 * returns its version.
 */
export async function makeFramework(centres: Centre[], by: User, which = 0) {
  const demo = DEMO_FRAMEWORKS[which]
  const count = (key: 'poleCode' | 'classCode' | 'situationCode' | 'competenceCode') =>
    new Set(demo.rows.map((row) => row[key])).size
  const { version } = await applyFrameworkImport(
    by,
    { code: demo.code, name: demo.name, sourceName: 'test' },
    {
      rows: demo.rows,
      errors: [],
      counts: {
        poles: count('poleCode'),
        classes: count('classCode'),
        situations: count('situationCode'),
        competences: count('competenceCode'),
      },
    }
  )
  const now = DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss')
  for (const centre of centres)
    await db.table('centre_frameworks').insert({
      centre_id: centre.id,
      framework_id: version.frameworkId,
      version_id: version.id,
      assigned_at: now,
    })
  return version
}

/** The id of a framework version's situation or competence, by its code. */
export async function frameworkNodeId(
  versionId: number,
  table: 'situations' | 'competences',
  code: string
) {
  const row = await db.from(table).where('version_id', versionId).where('code', code).firstOrFail()
  return Number(row.id)
}

/** One active subject per EO section of the TEF Canada (the capture screens need them). */
export async function makeEoSubjects(codeSuffix: string, title: (part: string) => string) {
  const tef = await Product.findByOrFail('code', 'TEFCAN')
  for (const part of ['EO-A', 'EO-B'])
    await ExamSubject.create({
      productId: tef.id,
      part,
      code: `${part.slice(-1)}${codeSuffix}`,
      title: title(part),
      instructions: null,
      active: true,
    })
  return tef
}

/** A class of a training centre with its members (teachers and learners). */
export async function makeDivision(centre: Centre, name: string, members: User[] = []) {
  const division = await Division.create({ centreId: centre.id, name })
  if (members.length) await division.related('members').attach(members.map((m) => m.id))
  return division
}

/** A candidate of the centre registered on site to a session (TEF Canada, all its tests). */
export async function makeRegistration(centre: Centre, session?: ExamSession) {
  const target = session ?? (await makeSession(centre))
  const candidate = await makeCandidate(centre)
  const [registration] = await registerCandidates(null, target.id, [
    { candidate, input: { tests: ['CE', 'CO', 'EE', 'EO'], channel: 'on_site' } },
  ])
  return registration
}

/** A registration to a session held now (registrations closed, started an hour ago): passports are captured. */
export async function makeHeldRegistration(centre: Centre) {
  const session = await makeSession(centre)
  const registration = await makeRegistration(centre, session)
  session.merge({ startsAt: DateTime.utc().minus({ hours: 1 }), status: 'registrations_closed' })
  await session.save()
  return registration
}

/**
 * A credit product offered to every centre (71,00 € HT, 20 % VAT, 12 months
 * unless told otherwise).
 */
export async function makeCreditProduct(attributes: Partial<CreditProduct> = {}) {
  const n = next()
  return CreditProduct.create({
    name: `Examen ${n}`,
    type: 'mock_remote',
    reference: `REF-${n}`,
    unitPriceCents: 7100,
    vatRateBp: 2000,
    validityMonths: 12,
    status: 'active',
    allCentres: true,
    ...attributes,
  })
}

/** A centre's stock: an order of `quantity` credits of a product, paid and delivered. */
export async function makeCreditStock(
  centre: Centre,
  quantity: number,
  product?: CreditProduct,
  by?: User
) {
  const chosen = product ?? (await makeCreditProduct())
  const admin = by ?? (await makeUser('network_admin'))
  const order = await placeOrder(admin, centre.id, new Map([[chosen.id, quantity]]))
  await markOrderPaid(admin, order.id)
  await deliverOrder(admin, order.id)
  return { product: chosen, order }
}
