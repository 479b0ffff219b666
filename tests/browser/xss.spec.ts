import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { Browser, Page } from 'playwright'
import { Group } from '#centres'
import { startConversation } from '#messaging'
import { submitAccountRequest } from '#messaging/services/account_requests'
import MessageAttachment from '#messaging/models/message_attachment'
import Message from '#messaging/models/message'
import Competence from '#evaluations/models/competence'
import EvaluationLearner from '#evaluations/models/evaluation_learner'
import ScenarioAttachment from '#evaluations/models/scenario_attachment'
import { createScenario } from '#evaluations/services/scenarios'
import { createEvaluation } from '#evaluations/services/evaluations'
import { assignCredit } from '#orders/services/assignments'
import PartnerSession from '#orders/models/partner_session'
import Preregistration from '#sessions/models/preregistration'
import SessionDocument from '#sessions/models/session_document'
import { registerCandidates } from '#sessions/services/registrations'
import { submitRequest } from '#sessions/services/requests'
import { addAnomaly, submitAnomalySheet } from '#sessions/services/anomalies'
import {
  CentreFactory,
  TEST_PASSWORD,
  frameworkNodeId,
  makeCandidate,
  makeCreditProduct,
  makeCreditStock,
  makeDivision,
  makeFramework,
  makeHeldRegistration,
  makeRegistration,
  makeSession,
  makeUser,
} from '#database/factories/index'
import { logIn } from '#tests/browser/helpers'
import { PDF } from '#tests/helpers/files'
import type { ApiClient } from '@japa/api-client'
import ProfessionalSituation from '#passports/models/professional_situation'

/**
 * Each payload calls alert(n) if it ever runs: a dialog names the payload.
 * Tags (1, 2, 3, 7) need a raw `<`; attributes (2, 3, 5, 6) a raw quote;
 * Alpine directives (5, 6) run even under the CSP ('unsafe-eval'); Edge
 * mustaches must stay text, never be evaluated again.
 */
const XSS = {
  script: '<script>alert(1)</script>',
  img: '"><img src=x onerror=alert(2)>',
  svg: "'><svg onload=alert(3)>",
  edge: '{{ 7*7 }} @{{ x }}',
  alpine: '" x-init="alert(5)" @click="alert(6)" x="',
  textarea: '</textarea><script>alert(7)</script>',
  quote: "';alert(8);'",
}

/** Injected markup that the CSP would block but escaping must prevent anyway. */
const INJECTED = [
  'img[src="x"]',
  'svg[onload]',
  '[onerror]',
  '[onload]',
  '[x-init*="alert"]',
  '[\\@click*="alert"]',
].join(', ')

/** Everything the pages below show, each free-text field holding a payload. */
async function buildWorld() {
  const centre = await CentreFactory.merge({
    name: `Centre ${XSS.script}`,
    city: `Ville ${XSS.img}`,
    address: `Rue ${XSS.alpine}`,
    onlineVisibility: 'with_sessions',
  }).create()
  const admin = await makeUser('network_admin', [], {
    firstName: `Admin ${XSS.svg}`,
    lastName: `Réseau ${XSS.edge}`,
  })
  const accountManager = await makeUser('account_manager', [centre], {
    firstName: `Chargée ${XSS.quote}`,
    lastName: `Compte ${XSS.textarea}`,
  })
  const manager = await makeUser('centre_manager', [centre], {
    firstName: `Resp ${XSS.alpine}`,
    lastName: `Centre ${XSS.script}`,
  })
  const teacher = await makeUser('teacher', [centre], {
    firstName: `Prof ${XSS.img}`,
    lastName: `Formateur ${XSS.svg}`,
  })
  const learner = await makeUser('learner', [centre], {
    firstName: `Appr ${XSS.quote}`,
    lastName: `Élève ${XSS.alpine}`,
  })
  const division = await makeDivision(centre, `Classe ${XSS.img}`, [teacher, learner])
  const candidate = await makeCandidate(centre, {
    lastName: `Nom ${XSS.script}`,
    firstName: `Prénom ${XSS.alpine}`,
    birthName: `Naissance ${XSS.img}`,
    birthTown: `Ville ${XSS.svg}`,
    address: `Adresse ${XSS.textarea}`,
    town: `Commune ${XSS.edge}`,
    motherTongue: `Langue ${XSS.quote}`,
  })
  const group = await Group.create({
    centreId: centre.id,
    name: `Groupe ${XSS.svg}`,
    category: 'client',
    hidden: false,
  })
  const session = await makeSession(centre)
  session.merge({ place: `Salle ${XSS.textarea}`, visibility: 'with_sessions' })
  await session.save()
  await SessionDocument.create({
    sessionId: session.id,
    type: 'other',
    name: `Consignes ${XSS.svg}.pdf`,
    fileKey: 'xss/none.pdf',
    mime: 'application/pdf',
    size: 2048,
    uploadedBy: null,
  })
  const [registration] = await registerCandidates(null, session.id, [
    { candidate, input: { tests: ['CE', 'CO', 'EE', 'EO'], channel: 'on_site' } },
  ])
  const { conversation } = await startConversation({
    centreId: centre.id,
    title: `Sujet ${XSS.img}`,
    body: `Corps ${XSS.script}\n${XSS.alpine}\n${XSS.textarea}`,
    author: manager,
  })
  // A file's name is free text too.
  const [firstMessage] = await Message.query().where('conversation_id', conversation.id)
  await MessageAttachment.create({
    messageId: firstMessage.id,
    storageKey: 'xss/none.pdf',
    filename: `${XSS.img}.pdf`,
    mime: 'application/pdf',
    size: 2048,
  })
  await db.table('candidate_group').insert({
    candidate_id: candidate.id,
    group_id: group.id,
    created_at: new Date(),
  })
  const request = await submitRequest(
    manager,
    session.id,
    registration.id,
    {
      kind: 'accommodation',
      category: 'extra_time',
      description: `Demande ${XSS.textarea} ${XSS.alpine}`,
      attachments: [
        {
          storageKey: 'xss/none.pdf',
          filename: `${XSS.svg}.pdf`,
          mime: 'application/pdf',
          size: 2048,
        },
      ],
    },
    'Aménagement'
  )
  const preregistration = await Preregistration.create({
    centreId: centre.id,
    sessionId: session.id,
    civility: 'm',
    lastName: `Pré ${XSS.script}`,
    firstName: `Inscrit ${XSS.alpine}`,
    email: 'pre-xss@example.test',
    phone: null,
    birthDate: DateTime.utc(1990, 1, 1),
    tests: [],
    status: 'pending',
  })
  await submitAccountRequest(manager, {
    centreId: centre.id,
    firstName: `Demandé ${XSS.img}`,
    lastName: `Compte ${XSS.quote}`,
    email: 'asked-xss@example.test',
    role: 'centre_staff',
  })

  // Training: a scenario, an evaluation with a comment, visible to the learner.
  const version = await makeFramework([centre], admin)
  const competence = await Competence.findOrFail(
    await frameworkNodeId(version.id, 'competences', 'C11.1')
  )
  const scenario = await createScenario(teacher, centre.id, {
    title: `Scénario ${XSS.script}`,
    level: `Niveau ${XSS.svg}`,
    visibility: 'public',
    context: `Contexte ${XSS.textarea}\n${XSS.alpine}`,
    materials: `Matériel ${XSS.img}`,
    links: [`https://example.test/${XSS.alpine}`],
    resources: `Ressources ${XSS.edge}`,
    choices: [{ competenceId: competence.id, complexities: [], hazards: [] }],
  })
  await ScenarioAttachment.create({
    scenarioId: scenario.id,
    filename: `${XSS.alpine}.pdf`,
    storageKey: 'xss/none.pdf',
    mime: 'application/pdf',
    size: 2048,
  })
  const evaluation = await createEvaluation(
    teacher,
    centre.id,
    {
      title: `Évaluation ${XSS.img}`,
      evaluatedOn: DateTime.utc().minus({ days: 1 }).startOf('day'),
      choices: [{ competenceId: competence.id, complexities: [], hazards: [] }],
      learnerIds: [learner.id],
    },
    scenario.id
  )
  await evaluation.merge({ visible: true }).save()
  await EvaluationLearner.query()
    .where('evaluation_id', evaluation.id)
    .update({ comment: `Commentaire ${XSS.textarea} ${XSS.quote}` })

  // Orders: a product, an order, an exam booked in a partner centre (mailed to the candidate).
  const product = await makeCreditProduct({
    name: `Produit ${XSS.alpine}`,
    type: 'official_partner',
  })
  const { order } = await makeCreditStock(centre, 3, product, admin)
  const partner = await PartnerSession.create({
    centreName: `Partenaire ${XSS.script}`,
    address: `Quai ${XSS.img}`,
    postcode: '38000',
    city: `Grenoble ${XSS.alpine}`,
    startsAt: DateTime.utc().plus({ days: 40 }),
    seats: 5,
    status: 'open',
  })
  const booked = await makeCandidate(centre, {
    lastName: `Réservé ${XSS.img}`,
    firstName: `Crédit ${XSS.textarea}`,
  })
  await assignCredit(manager, booked.id, {
    type: 'official_partner',
    partnerSessionId: partner.id,
    notify: true,
  })

  // Exam passport: a session under way, its candidate seen by the examiner.
  const evaluator = await makeUser('evaluator', [centre], {
    firstName: `Examinateur ${XSS.textarea}`,
    lastName: `Jury ${XSS.img}`,
  })
  const held = await makeHeldRegistration(centre)
  await held.load('candidate')
  await held.candidate
    .merge({ lastName: `Passeport ${XSS.svg}`, firstName: `Oral ${XSS.alpine}`, idNumber: 'ID-1' })
    .save()
  await held.load('session')
  held.session.place = `Amphi ${XSS.script}`
  await held.session.save()

  // A session passed, with a line on its anomaly sheet.
  const passed = await makeRegistration(centre)
  await passed.load('candidate')
  await passed.candidate
    .merge({ lastName: `Anomalie ${XSS.quote}`, firstName: `Absent ${XSS.img}` })
    .save()
  await passed.load('session')
  await passed.session.merge({ status: 'passed' }).save()
  const anomaly = await addAnomaly(manager, passed.sessionId, {
    registrationId: passed.id,
    kind: 'other',
    description: `Incident ${XSS.textarea} ${XSS.alpine}`,
  })
  await submitAnomalySheet(manager, passed.sessionId, `Feuille ${XSS.img}`)

  return {
    version,
    evaluator,
    held,
    passed,
    anomaly,
    booked,
    request,
    preregistration,
    scenario,
    evaluation,
    product,
    order,
    partner,
    centre,
    admin,
    accountManager,
    manager,
    teacher,
    learner,
    division,
    candidate,
    group,
    session,
    registration,
    conversation,
  }
}

type World = Awaited<ReturnType<typeof buildWorld>>

/** The learner records a professional situation through its form, with a file. */
async function recordSituation(client: ApiClient, w: World) {
  const id = (table: 'situations' | 'competences', code: string) =>
    frameworkNodeId(w.version.id, table, code).then(String)
  const response = await client
    .post('/my/passport/situations')
    .loginAs(w.learner)
    .fields({
      'title': `Situation ${XSS.script}`,
      'situation_id': await id('situations', 'S112'),
      'description': `Description ${XSS.textarea} ${XSS.alpine}`,
      'partners': `Partenaires ${XSS.img}`,
      'location': 'organisation',
      'starts_on': '2026-10-05',
      'ends_on': '2026-10-09',
      'source': 'internship',
      'kind': 'lived',
      'tasks': `Tâches ${XSS.svg}`,
      'objectives': `Objectifs ${XSS.edge}`,
      'actors[0][name]': `Acteur ${XSS.alpine}`,
      'actors[0][role]': `Rôle ${XSS.quote}`,
      'qualitative_results': `Résultats ${XSS.script}`,
      'supports[0][designation]': `Support ${XSS.img}`,
      'supports[0][origin]': 'created',
      'supports[0][nature]': 'digital',
      'competence_id': await id('competences', 'C11.1'),
      'competence_description': `Compétence ${XSS.textarea}`,
    })
    .file('attachments[]', PDF, { filename: `${XSS.svg}.pdf`, contentType: 'application/pdf' })
    .withCsrfToken()
    .redirects(0)
  response.assertStatus(302)
  return ProfessionalSituation.query().where('user_id', w.learner.id).firstOrFail()
}
type Who = 'admin' | 'accountManager' | 'manager' | 'teacher' | 'learner' | 'evaluator'

interface Visit {
  as: Who
  path: string
  /** Texts visible on the page, literally. */
  shows?: string[]
  /** Values of form fields on the page (edit forms), literally. */
  values?: string[]
}

/**
 * The pages that show the payloads, as data: who visits, where, and which
 * texts must be visible there, literally (escaped, not interpreted).
 */
function pagesOf(w: World, situation: ProfessionalSituation): Visit[] {
  const c = w.candidate
  return [
    // Network side.
    { as: 'admin', path: '/', shows: [w.admin.firstName] },
    { as: 'admin', path: '/centres', shows: [w.centre.name] },
    { as: 'admin', path: `/centres/${w.centre.id}`, shows: [w.centre.name, w.centre.city!] },
    { as: 'admin', path: `/centres/${w.centre.id}/edit`, values: [w.centre.name, w.centre.city!] },
    { as: 'admin', path: '/users', shows: [w.manager.firstName] },
    { as: 'admin', path: `/users/${w.manager.id}`, shows: [w.manager.firstName] },
    { as: 'admin', path: `/users/${w.manager.id}/edit`, values: [w.manager.firstName] },
    { as: 'admin', path: '/admin/audit', shows: [w.scenario.title] },
    { as: 'admin', path: '/anomalies', shows: [w.passed.candidate.firstName] },
    { as: 'admin', path: '/sessions', shows: [w.centre.name] },
    { as: 'admin', path: `/sessions/${w.session.id}`, shows: [w.session.place, c.firstName] },
    { as: 'admin', path: '/requests/accommodations', shows: [c.firstName] },
    {
      as: 'admin',
      path: `/requests/${w.request.id}`,
      shows: [w.request.description, `${XSS.svg}.pdf`],
    },
    { as: 'admin', path: '/credit-products', shows: [w.product.name] },
    { as: 'admin', path: `/credit-products/${w.product.id}/edit`, values: [w.product.name] },
    { as: 'admin', path: '/orders', shows: [w.centre.name] },
    { as: 'admin', path: `/orders/${w.order.id}`, shows: [w.product.name] },
    { as: 'admin', path: '/partner-sessions', shows: [w.partner.centreName] },
    {
      as: 'admin',
      path: `/partner-sessions/${w.partner.id}/edit`,
      values: [w.partner.centreName, w.partner.address],
    },
    { as: 'admin', path: '/candidates', shows: [c.firstName] },
    { as: 'accountManager', path: '/', shows: [] },
    { as: 'accountManager', path: '/messages', shows: [w.conversation.title] },
    {
      as: 'accountManager',
      path: `/messages/${w.conversation.id}`,
      shows: [w.conversation.title, XSS.script, XSS.textarea, `${XSS.img}.pdf`],
    },
    {
      as: 'accountManager',
      path: `/messages/${w.request.conversationId}`,
      shows: [w.request.description, `${XSS.svg}.pdf`],
    },
    { as: 'accountManager', path: '/candidates', shows: [c.firstName] },
    { as: 'accountManager', path: `/candidates/${c.id}`, shows: [c.firstName] },
    // Centre side.
    { as: 'manager', path: '/', shows: [] },
    { as: 'manager', path: '/candidates', shows: [c.firstName, w.group.name] },
    {
      as: 'manager',
      path: `/candidates/${c.id}`,
      shows: [c.firstName, c.town!, c.address!, w.group.name],
    },
    { as: 'manager', path: `/candidates/${w.booked.id}`, shows: [w.booked.firstName] },
    { as: 'manager', path: `/candidates/${c.id}/edit/identity`, values: [c.lastName, c.firstName] },
    { as: 'manager', path: `/candidates/${c.id}/edit/contact`, values: [c.town!] },
    {
      as: 'manager',
      path: `/candidates/${w.booked.id}/credit`,
      shows: [w.booked.firstName, w.partner.centreName, w.partner.address],
    },
    { as: 'manager', path: '/groups', shows: [w.group.name] },
    { as: 'manager', path: `/groups/${w.group.id}/edit`, values: [w.group.name] },
    { as: 'manager', path: `/groups/${w.group.id}/candidates`, shows: [w.group.name, c.firstName] },
    {
      as: 'manager',
      path: `/groups/${w.group.id}/candidates/associate`,
      shows: [w.booked.firstName],
    },
    { as: 'manager', path: '/sessions', shows: [] },
    {
      as: 'manager',
      path: `/sessions/${w.session.id}`,
      shows: [w.session.place, c.firstName, `Consignes ${XSS.svg}.pdf`],
    },
    // The public pre-registration page of the centre.
    {
      as: 'manager',
      path: `/inscription/${w.centre.code}`,
      shows: [w.centre.name, w.centre.city!, w.session.place],
    },
    {
      as: 'manager',
      path: `/sessions/${w.session.id}/registrations/${w.registration.id}/edit`,
      shows: [c.firstName],
    },
    { as: 'manager', path: `/sessions/${w.session.id}/registrations/create`, shows: [] },
    { as: 'manager', path: '/preregistrations', shows: [w.preregistration.firstName] },
    { as: 'manager', path: '/orders', shows: [] },
    { as: 'manager', path: `/orders/${w.order.id}`, shows: [w.product.name] },
    { as: 'manager', path: '/orders/new', shows: [w.product.name] },
    { as: 'manager', path: '/credits/manage', shows: [] },
    { as: 'manager', path: '/credits/manage/remove', shows: [w.booked.firstName] },
    { as: 'manager', path: '/activation-codes', shows: [w.group.name] },
    { as: 'manager', path: '/my-centre', shows: [w.centre.name] },
    { as: 'manager', path: '/users', shows: [w.teacher.firstName] },
    { as: 'manager', path: '/classes', shows: [w.division.name] },
    { as: 'manager', path: '/messages', shows: [w.conversation.title] },
    { as: 'manager', path: `/messages/${w.conversation.id}`, shows: [XSS.script] },
    { as: 'manager', path: '/profile', values: [w.manager.firstName] },
    // Training side.
    { as: 'teacher', path: '/', shows: [] },
    { as: 'teacher', path: '/classes', shows: [w.division.name] },
    { as: 'teacher', path: '/scenarios', shows: [w.scenario.title] },
    {
      as: 'teacher',
      path: `/scenarios/${w.scenario.id}`,
      shows: [w.scenario.title, XSS.textarea, w.scenario.links[0], `${XSS.alpine}.pdf`],
    },
    { as: 'teacher', path: `/scenarios/${w.scenario.id}/edit`, values: [w.scenario.title] },
    { as: 'teacher', path: `/scenarios/${w.scenario.id}/duplicate`, shows: [w.scenario.title] },
    { as: 'teacher', path: '/evaluations', shows: [w.evaluation.title] },
    { as: 'teacher', path: `/evaluations/${w.evaluation.id}`, shows: [w.evaluation.title] },
    { as: 'teacher', path: `/evaluations/${w.evaluation.id}/edit`, values: [w.evaluation.title] },
    { as: 'teacher', path: `/evaluations/${w.evaluation.id}/history`, shows: [] },
    { as: 'teacher', path: '/pro-passports', shows: [w.learner.firstName] },
    {
      as: 'teacher',
      path: `/pro-passports/learners/${w.learner.id}`,
      shows: [w.learner.firstName, situation.title],
    },
    {
      as: 'teacher',
      path: `/pro-passports/situations/${situation.id}`,
      shows: [situation.title, situation.description, `${XSS.svg}.pdf`, `Acteur ${XSS.alpine}`],
    },
    {
      as: 'teacher',
      path: `/pro-passports/learners/${w.learner.id}/passport`,
      shows: [w.learner.firstName],
    },
    {
      as: 'teacher',
      path: `/pro-passports/learners/${w.learner.id}/dashboard`,
      shows: [w.learner.firstName],
    },
    {
      as: 'teacher',
      path: `/pro-passports/classes/${w.division.id}/heatmap`,
      shows: [w.division.name],
    },
    { as: 'learner', path: '/', shows: [w.learner.firstName] },
    { as: 'learner', path: '/my/evaluations', shows: [w.evaluation.title] },
    { as: 'learner', path: `/my/evaluations/${w.evaluation.id}`, shows: [w.evaluation.title] },
    { as: 'learner', path: '/my/passport', shows: [situation.title] },
    {
      as: 'learner',
      path: `/my/passport/situations/${situation.id}/edit`,
      values: [
        situation.title,
        situation.description,
        `Acteur ${XSS.alpine}`,
        `Support ${XSS.img}`,
      ],
    },
    { as: 'learner', path: '/my/passport/dashboard', shows: [] },
    { as: 'learner', path: '/my/passport/print', shows: [] },
    // Exam passport.
    { as: 'evaluator', path: '/passport', shows: [w.held.session.place] },
    {
      as: 'evaluator',
      path: `/passport/sessions/${w.held.sessionId}`,
      shows: [w.held.candidate.firstName],
    },
    {
      as: 'evaluator',
      path: `/passport/registrations/${w.held.id}`,
      shows: [w.held.candidate.firstName],
    },
    {
      as: 'evaluator',
      path: `/passport/registrations/${w.held.id}/capture`,
      shows: [w.held.candidate.firstName],
    },
    {
      as: 'evaluator',
      path: `/passport/registrations/${w.held.id}/candidate`,
      values: [w.held.candidate.lastName, w.held.candidate.firstName],
    },
    // The development mailbox shows the mail sent about them.
    {
      as: 'admin',
      path: '/dev/mailbox',
      shows: [`Bonjour ${w.accountManager.firstName}`, `Bonjour ${w.booked.firstName}`],
    },
    // Anomalies.
    {
      as: 'manager',
      path: `/sessions/${w.passed.sessionId}/anomalies`,
      shows: [w.anomaly.description, w.passed.candidate.firstName],
    },
  ]
}

/**
 * Filters read from the query string are written back into the form: a link
 * must not be able to inject anything either.
 */
function reflectedOf(w: World): Visit[] {
  const tables: [Who, string][] = [
    ['manager', '/candidates'],
    ['manager', '/groups'],
    ['manager', `/groups/${w.group.id}/candidates`],
    ['manager', `/groups/${w.group.id}/candidates/associate`],
    ['manager', '/sessions'],
    ['manager', `/sessions/${w.session.id}/registrations/create`],
    ['manager', '/preregistrations'],
    ['manager', '/orders'],
    ['manager', '/activation-codes'],
    ['manager', '/credits/manage/remove'],
    ['manager', '/users'],
    ['admin', '/centres'],
    ['admin', '/users'],
    ['admin', '/admin/audit'],
    ['admin', '/requests/accommodations'],
    ['admin', '/anomalies'],
    ['admin', '/partner-sessions'],
    ['teacher', '/evaluations'],
    ['teacher', '/scenarios'],
    ['teacher', '/pro-passports'],
    ['teacher', `/pro-passports/learners/${w.learner.id}`],
    ['learner', '/my/evaluations'],
    ['learner', '/my/passport'],
  ]
  const keys = [
    'q',
    'from',
    'to',
    'session',
    'competence',
    'date',
    'action',
    'entity_type',
    'actor',
  ]
  const query = keys.map((key) => `${key}=${encodeURIComponent(XSS.alpine + XSS.img)}`).join('&')
  return tables.map(([as, path]) => ({ as, path: `${path}?${query}` }))
}

/**
 * A person logged in, in a browser that ignores the CSP: the CSP would stop
 * an injected <script>, but escaping alone must already make it text.
 */
async function desk(browser: Browser, email: string, dialogs: string[]) {
  const context = await browser.newContext({
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    bypassCSP: true,
    baseURL: `http://${process.env.HOST}:${process.env.PORT}`,
  })
  const page = await context.newPage()
  page.on('dialog', (dialog) => {
    const url = new URL(page.url())
    dialogs.push(`${url.pathname}${url.search ? '?…' : ''}: alert(${dialog.message()})`)
    dialog.dismiss().catch(() => {})
  })
  await page.goto('/login')
  await logIn(page, email, TEST_PASSWORD)
  await page.getByTestId('current-user').waitFor()
  return page
}

/** What went wrong on a page: an error status, injected markup, a missing text. */
async function problemsOn(page: Page, visit: Visit) {
  const response = await page.goto(visit.path)
  const status = !response || response.status() >= 400 ? [`status ${response?.status()}`] : []
  return [...status, ...(await problemsHere(page, visit))].map(
    (problem) => `${visit.path.split('?')[0]}: ${problem}`
  )
}

/** Injected markup, missing texts and field values on the page as it is now. */
async function problemsHere(page: Page, { shows = [], values = [] }: Partial<Visit>) {
  const problems: string[] = []
  // Alpine starts after the deferred scripts; give it and images a moment.
  await page.waitForLoadState('load')
  await page.waitForTimeout(100)
  const injected = await page
    .locator(INJECTED)
    .evaluateAll((nodes) => nodes.map((node) => node.outerHTML.slice(0, 120)))
  if (injected.length) problems.push(`injected ${injected.join(' | ')}`)
  const scripts = await page
    .locator('script')
    .evaluateAll((nodes) => nodes.filter((node) => node.textContent?.includes('alert(')).length)
  if (scripts) problems.push(`${scripts} injected <script>`)
  const text = await page.locator('body').innerText()
  for (const expected of shows)
    if (!text.includes(expected)) problems.push(`missing text ${JSON.stringify(expected)}`)
  const fields = await page
    .locator('input, textarea')
    .evaluateAll((nodes) => nodes.map((node) => (node as unknown as { value: string }).value))
  for (const expected of values)
    if (!fields.includes(expected)) problems.push(`no field holds ${JSON.stringify(expected)}`)
  return problems
}

test.group('Browser | XSS stays inert', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.timeout(240_000)

  test('every page showing user text, as each role, fires no payload and shows it as text', async ({
    browser,
    client,
    assert,
  }) => {
    const world = await buildWorld()
    const situation = await recordSituation(client, world)
    const dialogs: string[] = []
    const problems: string[] = []
    const pages = [...pagesOf(world, situation), ...reflectedOf(world)]
    const people = new Map<Who, Page>()
    for (const visit of pages) {
      if (!people.has(visit.as))
        people.set(visit.as, await desk(browser, world[visit.as].email, dialogs))
      problems.push(...(await problemsOn(people.get(visit.as)!, visit)))
    }

    // What htmx swaps in as one types, and a flash message naming the group.
    const manager = people.get('manager')!
    await manager.goto('/candidates')
    await manager.getByLabel('Recherche').fill(XSS.img)
    await manager.waitForURL(/q=/)
    await manager.getByLabel('Recherche').fill('Réservé')
    await manager.locator('#candidates-table').getByText(world.booked.firstName).waitFor()
    problems.push(...(await problemsHere(manager, {})))
    await manager.goto(`/candidates/${world.booked.id}`)
    await manager.locator('#add-group').selectOption({ label: world.group.name })
    await manager.getByRole('button', { name: 'Ajouter au groupe' }).click()
    await manager.locator('.flash-success').getByText(world.group.name).waitFor()
    problems.push(...(await problemsHere(manager, { shows: [world.group.name] })))
    assert.deepEqual({ dialogs: [...new Set(dialogs)], problems }, { dialogs: [], problems: [] })
  })
})
