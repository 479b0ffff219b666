import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import ExcelJS from 'exceljs'
import { DateTime } from 'luxon'
import type { ApiClient } from '@japa/api-client'
import type { Centre } from '#centres'
import type { User } from '#accounts'
import type { Role } from '#shared/roles'
import { settleJobs } from '#shared/jobs/jobs'
import type { SessionStatus } from '#sessions'
import Attestation from '#sessions/models/attestation'
import ExamSubject from '#sessions/models/exam_subject'
import GridCriterion from '#sessions/models/grid_criterion'
import Preregistration from '#sessions/models/preregistration'
import Product from '#sessions/models/product'
import ProductTest from '#sessions/models/product_test'
import RegistrationRequest from '#sessions/models/registration_request'
import RegistrationResult from '#sessions/models/registration_result'
import SessionAnomaly from '#sessions/models/session_anomaly'
import SessionDocument from '#sessions/models/session_document'
import { registerCandidates } from '#sessions/services/registrations'
import { publishResults } from '#sessions/services/results'
import { CentreFactory, makeCandidate, makeSession, makeUser } from '#database/factories/index'
import {
  type LeakPage,
  assertNoLeak,
  authorisationTests,
  userOf,
  usersOf,
  CENTRE_TEAM,
} from '#tests/helpers/authorization'
import { ANOMALY_READERS, READERS, ROUTES, type World } from './sessions_authorization.table.js'

/*
 * The sessions module's authorisation table (sessions_authorization.table.ts),
 * run as every role of the centre and as the users of another centre, then
 * what another centre never sees in the lists, exports and pickers.
 */

/** A one-page "PDF" is enough for a stored document: it is streamed as it is. */
const PDF = Buffer.from('%PDF-1.4\n%Vermillon\n%%EOF\n')

/** A registration file for a session of TEF Canada: one clean row (CE only). */
async function importFile(sessionId: number) {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Candidats')
  sheet.addRow([
    'Nom',
    'Prénom',
    'Date de naissance',
    'Genre F (femme) H (homme) N (non binaire)',
    'Langue maternelle',
    'email',
    'Nationalité',
    'Motivation',
    "numéro Pièce d'identité",
    'CE Inscription O (oui) N (non)',
    'CO Inscription O (oui) N (non)',
    'EE Inscription O (oui) N (non)',
    'EO Inscription O (oui) N (non)',
  ])
  sheet.addRow([
    'Vermillonimport',
    'Léa',
    '12/12/2001',
    'F',
    'ARA_arabe',
    'lea.vermillonimport@example.test',
    'DZ_Algérie',
    'CAN_Immigration au Canada',
    '123456',
    'O',
    'N',
    'N',
    'N',
  ])
  const key = `imports/sessions/${sessionId}/authorisation-${Date.now()}.xlsx`
  await drive.use().put(key, Buffer.from(await workbook.xlsx.writeBuffer()))
  return key
}

/** Registers new candidates of the centre (these last names) to a session, CE only. */
async function register(centre: Centre, sessionId: number, ...lastNames: string[]) {
  const candidates = []
  for (const lastName of lastNames) candidates.push(await makeCandidate(centre, { lastName }))
  return registerCandidates(
    null,
    sessionId,
    candidates.map((candidate) => ({ candidate, input: { tests: ['CE'], channel: 'on_site' } }))
  )
}

/** Starts the attestations job of a session as this user (through the route) and waits for it. */
async function startJob(client: ApiClient, user: User, sessionId: number) {
  const started = await client
    .post(`/sessions/${sessionId}/attestations/batch`)
    .withCsrfToken()
    .loginAs(user)
    .redirects(0)
  const id = Number(/\/attestations\/jobs\/(\d+)$/.exec(started.header('location') ?? '')?.[1])
  if (!id) throw new Error(`no job started: ${started.status()} ${started.text().slice(0, 200)}`)
  await settleJobs()
  const job = await db.from('background_jobs').where('id', id).firstOrFail()
  if (job.status !== 'done') throw new Error(`job ${id}: ${job.status} ${job.error}`)
  return id
}

/**
 * A centre named Vermillon with a session in every state the routes need (one
 * record per mutation), requests, anomaly sheets, published results and their
 * attestation (of a learner), a finished attestations job (of a staff member),
 * a product of the catalogue, pre-registrations and a previewed import. With a
 * role, `user` is a user of the centre with that role, and the job is its own
 * when its role may start one, the attestation its own when it is a learner.
 */
async function makeWorld(client: ApiClient, role?: Role) {
  const centre = await CentreFactory.merge({ name: 'Centre Vermillon' }).create()
  const user = role ? await userOf(role, [centre]) : null
  const admin = await makeUser('network_admin')
  const tef = await Product.findByOrFail('code', 'TEFCAN')
  const sessions = {
    open: await makeSession(centre, { seats: 30 }),
    toClose: await makeSession(centre),
    closed: await makeSession(centre),
    passed: await makeSession(centre),
    sheetSent: await makeSession(centre),
    correcting: await makeSession(centre),
    published: await makeSession(centre),
    target: await makeSession(centre),
  }
  const [edited, requested, shownRequest, toReview, toAccept, toRefuse, toReRegister] =
    await register(
      centre,
      sessions.open.id,
      'Vermillonmodifie',
      'Vermillondemandeur',
      'Vermillondemande',
      'Vermillonprisencharge',
      'Vermillonaccepte',
      'Vermillonrefuse',
      'Vermillonreporte'
    )
  const [absent] = await register(centre, sessions.closed.id, 'Vermillonabsent')
  const [passedOne] = await register(centre, sessions.passed.id, 'Vermillonpasse')
  const [sent] = await register(centre, sessions.sheetSent.id, 'Vermillonanomalie')
  const [marked] = await register(centre, sessions.correcting.id, 'Vermillonnote')
  const [published] = await register(centre, sessions.published.id, 'Vermillonlaureat')
  // Registered while open; then the sessions take place (two days ago) and move on.
  const past = DateTime.utc().minus({ days: 2 })
  const moved: [keyof typeof sessions, SessionStatus][] = [
    ['closed', 'registrations_closed'],
    ['passed', 'passed'],
    ['sheetSent', 'passed'],
    ['correcting', 'in_correction'],
    ['published', 'in_correction'],
  ]
  for (const [which, status] of moved)
    await sessions[which].merge({ status, startsAt: past }).save()
  sessions.open.place = 'Salle Vermillon'
  await sessions.open.save()
  for (const registration of [marked, published])
    await RegistrationResult.create({
      registrationId: registration.id,
      testCode: 'CE',
      score: 240,
      level: 'B1',
      source: 'manual',
    })
  await publishResults(admin, sessions.published.id, null)
  const attestation = await Attestation.findByOrFail('registration_id', published.id)
  const learner = user?.role === 'learner' ? user : await makeUser('learner', [centre])
  await db.from('candidates').where('id', published.candidateId).update({ user_id: learner.id })

  const document = async (name: string) => {
    const fileKey = `sessions/${sessions.open.id}/documents/${name}.pdf`
    await drive.use().put(fileKey, PDF)
    const row = await SessionDocument.create({
      sessionId: sessions.open.id,
      type: 'other',
      name: `${name}.pdf`,
      fileKey,
      mime: 'application/pdf',
      size: PDF.length,
      uploadedBy: admin.id,
    })
    return row.id
  }

  const anomaly = (
    of: keyof typeof sessions,
    registrationId: number,
    status: 'draft' | 'submitted',
    description: string
  ) =>
    SessionAnomaly.create({
      sessionId: sessions[of].id,
      centreId: centre.id,
      registrationId,
      kind: 'identity',
      description,
      status,
      createdBy: admin.id,
      submittedAt: status === 'submitted' ? DateTime.utc() : null,
    })
  await anomaly('passed', passedOne.id, 'draft', 'Pièce d’identité Vermillon à revoir.')
  const toRemove = await anomaly('passed', passedOne.id, 'draft', 'Ligne saisie par erreur.')
  const toProcess = await anomaly('sheetSent', sent.id, 'submitted', 'Nom Vermillon mal écrit.')
  await anomaly('sheetSent', sent.id, 'submitted', 'Date de naissance Vermillon inversée.')
  sessions.sheetSent.anomaliesSubmittedAt = DateTime.utc()
  await sessions.sheetSent.save()

  const request = async (
    of: typeof edited,
    kind: 'postponement' | 'accommodation',
    status: 'submitted' | 'accepted'
  ) => {
    const row = await RegistrationRequest.create({
      kind,
      centreId: centre.id,
      sessionId: sessions.open.id,
      registrationId: of.id,
      candidateId: of.candidateId,
      status,
      category: kind === 'accommodation' ? 'extra_time' : null,
      description: 'Demande Vermillon pour ce candidat.',
    })
    return row.id
  }

  const product = await Product.create({
    number: 97001,
    range: 'TEF',
    code: 'VERMAUTH',
    name: 'Produit Carmin',
    modular: true,
    kind: 'standard',
    status: 'active',
    documentKey: 'products/authorisation-vermillon.pdf',
  })
  await drive.use().put(product.documentKey!, PDF)
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
  const criterion = await GridCriterion.create({
    productId: product.id,
    part: 'EO-A',
    label: 'Cohérence',
    levels: ['A1', 'A2', 'B1'],
    position: 1,
    active: true,
  })
  const subject = await ExamSubject.create({
    productId: product.id,
    part: 'EO-A',
    code: 'VA1',
    title: 'Présenter sa ville',
    instructions: null,
    active: true,
  })

  const preregistration = async (lastName: string) => {
    const row = await Preregistration.create({
      centreId: centre.id,
      sessionId: sessions.open.id,
      civility: 'm',
      lastName,
      firstName: 'Noé',
      email: `${lastName.toLowerCase()}@example.test`,
      phone: null,
      birthDate: DateTime.utc(1990, 1, 1),
      tests: ['CE'],
      status: 'pending',
    })
    return row.id
  }

  const jobOwner =
    user && READERS.includes(user.role) ? user : await makeUser('centre_staff', [centre])
  const world: World = {
    centre,
    tef,
    sessions,
    registrations: { edited, requested, absent, marked, published },
    free: await makeCandidate(centre, { lastName: 'Vermillonlibre' }),
    documents: { shown: await document('consignes-vermillon'), toDelete: await document('ancien') },
    anomalies: { toRemove: toRemove.id, toProcess: toProcess.id },
    requests: {
      shown: await request(shownRequest, 'postponement', 'submitted'),
      toReview: await request(toReview, 'postponement', 'submitted'),
      toAccept: await request(toAccept, 'accommodation', 'submitted'),
      toRefuse: await request(toRefuse, 'accommodation', 'submitted'),
      toReRegister: await request(toReRegister, 'postponement', 'accepted'),
    },
    attestationId: attestation.id,
    jobId: await startJob(client, jobOwner, sessions.published.id),
    product,
    criterionId: criterion.id,
    subjectId: subject.id,
    preregistrations: {
      toTransfer: await preregistration('Vermillonpreinscrit'),
      toDecline: await preregistration('Vermillondecline'),
    },
    importKey: await importFile(sessions.open.id),
  }
  return { world, user, jobOwner, learner }
}

/** What the routes could change: a refused call must leave all of it as it was. */
async function snapshot(centreId: number) {
  const of = (table: string, columns: string[]) =>
    db.from(table).where('centre_id', centreId).orderBy('id').select(columns)
  const sessionIds = db.from('exam_sessions').where('centre_id', centreId).select('id')
  const registrationIds = db.from('registrations').whereIn('session_id', sessionIds).select('id')
  const all = (table: string, columns: string[]) => db.from(table).orderBy('id').select(columns)
  return {
    sessions: await of('exam_sessions', [
      'id',
      'status',
      'anomalies_submitted_at',
      'results_published_at',
    ]),
    registrations: await db
      .from('registrations')
      .whereIn('session_id', sessionIds)
      .orderBy('id')
      .select('id', 'candidate_id', 'status', 'motivation', 'id_number', 'postponed_to_id'),
    tests: await db
      .from('registration_tests')
      .whereIn('registration_id', registrationIds)
      .orderBy(['registration_id', 'test_code'])
      .select('registration_id', 'test_code', 'absent', 'exempt'),
    results: await db
      .from('registration_results')
      .whereIn('registration_id', registrationIds)
      .orderBy('id')
      .select('id', 'score', 'level'),
    attestations: await of('attestations', ['id', 'status']),
    requests: await of('registration_requests', ['id', 'status', 'new_registration_id']),
    anomalies: await of('session_anomalies', ['id', 'status', 'note']),
    documents: await db
      .from('session_documents')
      .whereIn('session_id', sessionIds)
      .orderBy('id')
      .select('id'),
    purchaseOrders: await db
      .from('purchase_orders')
      .whereIn('session_id', sessionIds)
      .orderBy('id')
      .select('id'),
    preregistrations: await of('preregistrations', ['id', 'status']),
    tariffs: await db
      .from('tariffs')
      .where('centre_id', centreId)
      .orderBy(['product_id', 'test_code'])
      .select('product_id', 'test_code', 'price_ht'),
    candidates: await of('candidates', ['id', 'last_name']),
    jobs: await of('background_jobs', ['id', 'status']),
    conversations: await of('conversations', ['id', 'status']),
    products: await all('products', ['id', 'code', 'name', 'status']),
    productTests: await all('product_tests', ['id', 'code', 'name']),
    criteria: await all('grid_criteria', ['id', 'label', 'active']),
    subjects: await all('exam_subjects', ['id', 'code', 'active']),
    settings: await db.from('network_settings').orderBy('key').select('key', 'value'),
    audit: await all('audit_logs', ['id', 'action']),
  }
}

test.group('Sessions · authorisation, route by route', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.timeout(180_000)

  authorisationTests({
    routes: ROUTES,
    // The job and the attestation of the world are the user's when its role may have them.
    makeWorld: async (client, role) => {
      const { world, user } = await makeWorld(client, role)
      return { ...world, player: user }
    },
    player: (world) => world.player!,
    snapshot: (world) => snapshot(world.centre.id),
    settle: settleJobs,
    outsidersTitle: 'another centre, another portfolio: records are not found, nothing changes',
    otherCentre: async () => {
      const other = await CentreFactory.create()
      await makeSession(other)
      return other
    },
  })

  test('an attestations job is reached only by the user who started it', async ({
    client,
    assert,
  }) => {
    const { world, jobOwner } = await makeWorld(client)
    const base = `/sessions/${world.sessions.published.id}/attestations/jobs/${world.jobId}`
    const download = await client.get(`${base}/download`).loginAs(jobOwner)
    assert.equal(download.status(), 200)
    assert.equal(download.header('content-type'), 'application/pdf')
    for (const role of READERS) {
      const colleague = await userOf(role, [world.centre])
      for (const path of [base, `${base}/download`]) {
        const seen = await client.get(path).loginAs(colleague)
        assert.equal(seen.status(), 404, `${role} ${path}`)
      }
    }
  })

  test("a learner's attestation is downloaded by that learner only", async ({ client, assert }) => {
    const { world, learner } = await makeWorld(client)
    const path = `/my/results/${world.attestationId}/attestation`
    const own = await client.get(path).loginAs(learner)
    assert.equal(own.status(), 200)
    assert.equal(own.header('content-type'), 'application/pdf')
    const classmate = await makeUser('learner', [world.centre])
    assert.equal((await client.get(path).loginAs(classmate)).status(), 404)
    const list = await client.get('/my/results').loginAs(classmate)
    assert.equal(list.status(), 200)
    assert.notInclude(list.text(), `${world.attestationId}/attestation`)
  })
})

test.group('Sessions · what another centre never sees', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.timeout(120_000)

  test('lists, exports, filters and pickers leave the other centre out', async ({
    client,
    assert,
  }) => {
    const { world } = await makeWorld(client)
    const other = await CentreFactory.merge({ name: 'Centre Outremer' }).create()
    await register(other, (await makeSession(other)).id, 'Outremer')
    // Two centres each: the pickers then offer a choice of centre.
    const second = await CentreFactory.merge({ name: 'Centre Azur' }).create()
    const secondOther = await CentreFactory.merge({ name: 'Centre Corail' }).create()
    const roles: Role[] = ['account_manager', 'centre_manager', 'centre_staff']
    const insiders = await usersOf(roles, [world.centre, second])
    const outsiders = await usersOf(roles, [other, secondOther])
    const centre = world.centre.id
    const pages: LeakPage[] = [
      { path: '/sessions', secret: 'Centre Vermillon', roles: READERS },
      { path: `/sessions?centre=${centre}`, secret: 'Centre Vermillon', roles: READERS },
      { path: '/sessions/export/csv', secret: 'Salle Vermillon', roles: READERS },
      { path: '/sessions/create/product', secret: 'Centre Vermillon', roles: CENTRE_TEAM },
      { path: '/anomalies', secret: 'Vermillonanomalie', roles: ANOMALY_READERS },
      { path: '/anomalies?q=Vermillon', secret: 'Vermillonanomalie', roles: ANOMALY_READERS },
      { path: `/anomalies?centre=${centre}`, secret: 'Vermillonanomalie', roles: ANOMALY_READERS },
      { path: '/anomalies/export/csv', secret: 'Vermillonanomalie', roles: ANOMALY_READERS },
      { path: '/requests/postponements', secret: 'Vermillondemande', roles: READERS },
      {
        path: `/requests/postponements?centre=${centre}`,
        secret: 'Vermillondemande',
        roles: READERS,
      },
      { path: '/requests/postponements/export/csv', secret: 'Vermillondemande', roles: READERS },
      { path: '/preregistrations', secret: 'Vermillonpreinscrit', roles: READERS },
      { path: '/preregistrations?q=Vermillon', secret: 'Vermillonpreinscrit', roles: READERS },
      { path: '/tariffs', secret: 'Centre Vermillon', roles: CENTRE_TEAM },
      { path: `/tariffs?centre=${centre}`, secret: 'Centre Vermillon', roles: CENTRE_TEAM },
    ]
    // Nothing of the centre at all on the other centre's pages (a search echoes its own words).
    await assertNoLeak({ client, assert }, pages, insiders, outsiders, { nothingOf: 'Vermillon' })
  })
})
