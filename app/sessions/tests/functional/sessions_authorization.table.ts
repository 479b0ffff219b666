import type { Centre } from '#centres'
import type { Candidate } from '#candidates'
import type { Role } from '#shared/roles'
import {
  ADMIN,
  CENTRE_TEAM,
  LEARNER,
  MANAGER,
  NETWORK,
  type Route,
  CENTRE_READERS,
} from '#tests/helpers/authorization'
import type ExamSession from '#sessions/models/exam_session'
import type Product from '#sessions/models/product'
import type Registration from '#sessions/models/registration'

/*
 * Every route of the sessions module behind a login (sessions and their
 * wizard, registrations, absences, purchase orders, documents, imports,
 * requests and their decisions, anomaly sheets, results, attestations and
 * their jobs, "Mes résultats", the catalogue and its oral grids,
 * pre-registrations, tariffs), role by role. Run by
 * sessions_authorization.spec.ts; the route matrix imports it. The
 * pre-registration site and the verification of attestations are public
 * (PUBLIC_ROUTES).
 */

/** Both sides read sessions, requests, results and the catalogue. */
export const READERS = CENTRE_READERS
/** Candidats › Anomalies: the network and the centre manager. */
export const ANOMALY_READERS: readonly Role[] = [...NETWORK, 'centre_manager']
/** Who closes registrations (lifecycle: the centre and the network admin). */
const CLOSERS: readonly Role[] = ['network_admin', ...CENTRE_TEAM]

/** A centre with a session in each state the routes need, one record per mutation. */
export interface World {
  centre: Centre
  /** TEF Canada, the product of every session of the world. */
  tef: Product
  sessions: {
    /** Registrations open: registrations, requests, documents, imports, the purchase order. */
    open: ExamSession
    /** Registrations open, to close. */
    toClose: ExamSession
    /** Registrations closed, started: absences. */
    closed: ExamSession
    /** Passed, its anomaly sheet being filled. */
    passed: ExamSession
    /** Passed, its anomaly sheet sent to the account manager. */
    sheetSent: ExamSession
    /** In correction, every result entered: results are saved and published. */
    correcting: ExamSession
    /** Results published, attestations issued. */
    published: ExamSession
    /** Registrations open, same product: where a postponed candidate is registered again. */
    target: ExamSession
  }
  registrations: {
    /** In `open`: edited, and one without a request. */
    edited: Registration
    requested: Registration
    /** In `closed`. */
    absent: Registration
    /** In `correcting`, its CE marked. */
    marked: Registration
    /** In `published`, its candidate is the world's learner. */
    published: Registration
  }
  /** A candidate of the centre registered by the route. */
  free: Candidate
  documents: { shown: number; toDelete: number }
  anomalies: { toRemove: number; toProcess: number }
  requests: {
    shown: number
    toReview: number
    toAccept: number
    toRefuse: number
    toReRegister: number
  }
  /** The attestation of `registrations.published` (the learner's). */
  attestationId: number
  /** A finished job of all the attestations of `published`, started by `jobOwner`. */
  jobId: number
  /** A product of the catalogue with an oral EO (A, B), a document, a criterion and a subject. */
  product: Product
  criterionId: number
  subjectId: number
  preregistrations: { toTransfer: number; toDecline: number }
  /** A clean registration file previewed for `open` (stored, named in the session). */
  importKey: string
}

const session = (w: World, which: keyof World['sessions']) => `/sessions/${w.sessions[which].id}`
const registration = (w: World, which: 'edited' | 'requested' | 'absent') => {
  const of = which === 'absent' ? 'closed' : 'open'
  return `${session(w, of)}/registrations/${w.registrations[which].id}`
}

/** A drawn signature as the browser sends it (a small real PNG). */
const SIGNATURE =
  'data:image/png;base64,' +
  'iVBORw0KGgoAAAANSUhEUgAAAEAAAAAYCAYAAABKtPtEAAAAtklEQVR4nOWWSxKAIAxDOYRrD+H971bX4gcoaVKHRZYmL2EGKdt+lJUlB1BLDqAWO9AqLTNAXTzLEJahvGoEYwzQKqkawRgDjBRjDnDhylCeOcKNK0t5xgiPXJFB7PFcvgUchoCPGOHVDwWN9KF6/fLUkB6osKjLK/w+QYTRb27kd7Nhkn83kmsmjPmE7c0aZmqZpHy/Iw+kJ+xLrPJhXDNh7PI9XMN+nkBV8dYILi91EbnkAGqdpmMXbteV/FcAAAAASUVORK5CYII='

const productForm = (code: string, number: number) => ({
  number,
  range: 'TEF',
  code,
  name: 'Produit Carmin',
  status: 'active',
  modular: '1',
  tests: 'CE | Compréhension écrite\nEO | Expression orale | A,B',
})

export const ROUTES: Route<World>[] = [
  // The list of sessions and the creation wizard (seed 001 part 3).
  { method: 'get', pattern: '/sessions', allowed: READERS, elsewhere: 'scoped' },
  {
    method: 'get',
    pattern: '/sessions/export/:format',
    path: () => '/sessions/export/csv',
    allowed: READERS,
    elsewhere: 'scoped',
  },
  { method: 'get', pattern: '/sessions/create', allowed: CENTRE_TEAM, elsewhere: 'scoped' },
  {
    method: 'get',
    pattern: '/sessions/create/:step',
    path: () => '/sessions/create/product',
    allowed: CENTRE_TEAM,
    elsewhere: 'scoped',
  },
  // The first step names the centre: only one of the user's own.
  {
    method: 'post',
    pattern: '/sessions/create/:step',
    path: () => '/sessions/create/product',
    form: (w) => ({ centre_id: w.centre.id, product_id: w.tef.id }),
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },

  // A session's page, its exports and its lifecycle.
  {
    method: 'get',
    pattern: '/sessions/:id',
    path: (w) => session(w, 'open'),
    allowed: READERS,
    elsewhere: 404,
  },
  {
    method: 'post',
    pattern: '/sessions/:id/transitions/:action',
    path: (w) => `${session(w, 'toClose')}/transitions/close`,
    allowed: CLOSERS,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/sessions/:id/registrations/export/:format',
    path: (w) => `${session(w, 'open')}/registrations/export/csv`,
    allowed: READERS,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/sessions/:id/access-codes',
    path: (w) => `${session(w, 'open')}/access-codes`,
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },

  // A registration: its information, its absences.
  {
    method: 'get',
    pattern: '/sessions/:id/registrations/:registrationId/edit',
    path: (w) => `${registration(w, 'edited')}/edit`,
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },
  {
    method: 'put',
    pattern: '/sessions/:id/registrations/:registrationId',
    path: (w) => registration(w, 'edited'),
    form: () => ({ motivation: 'work', id_number: 'VERM-42' }),
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/sessions/:id/registrations/:registrationId/absence',
    path: (w) => `${registration(w, 'absent')}/absence`,
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },
  {
    method: 'put',
    pattern: '/sessions/:id/registrations/:registrationId/absence',
    path: (w) => `${registration(w, 'absent')}/absence`,
    form: () => ({ absent: 'CE' }),
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },

  // The purchase order: read by both sides, signed by the centre manager.
  {
    method: 'get',
    pattern: '/sessions/:id/purchase-order',
    path: (w) => `${session(w, 'open')}/purchase-order`,
    allowed: READERS,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/sessions/:id/purchase-order/sign',
    path: (w) => `${session(w, 'open')}/purchase-order/sign`,
    allowed: MANAGER,
    elsewhere: 404,
  },
  {
    method: 'post',
    pattern: '/sessions/:id/purchase-order/sign',
    path: (w) => `${session(w, 'open')}/purchase-order/sign`,
    form: () => ({ name: 'Sophie Vermillon', signature: SIGNATURE, consent: '1' }),
    allowed: MANAGER,
    elsewhere: 404,
  },

  // Documents (an upload without a file is sent back to the form: a redirect, not a refusal).
  {
    method: 'post',
    pattern: '/sessions/:id/documents',
    path: (w) => `${session(w, 'open')}/documents`,
    form: () => ({ type: 'other' }),
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/sessions/:id/documents/:documentId',
    path: (w) => `${session(w, 'open')}/documents/${w.documents.shown}`,
    allowed: READERS,
    elsewhere: 404,
  },
  {
    method: 'delete',
    pattern: '/sessions/:id/documents/:documentId',
    path: (w) => `${session(w, 'open')}/documents/${w.documents.toDelete}`,
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },

  // Registration by spreadsheet, then on site.
  {
    method: 'get',
    pattern: '/sessions/:id/import',
    path: (w) => `${session(w, 'open')}/import`,
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/sessions/:id/import/template',
    path: (w) => `${session(w, 'open')}/import/template`,
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },
  {
    method: 'post',
    pattern: '/sessions/:id/import/preview',
    path: (w) => `${session(w, 'open')}/import/preview`,
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },
  // The previewed file is in the session: applying it registers its candidate.
  {
    method: 'post',
    pattern: '/sessions/:id/import/apply',
    path: (w) => `${session(w, 'open')}/import/apply`,
    session: (w) => ({
      registration_import: { key: w.importKey, sessionId: w.sessions.open.id },
    }),
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/sessions/:id/registrations/create',
    path: (w) => `${session(w, 'open')}/registrations/create`,
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },
  {
    method: 'post',
    pattern: '/sessions/:id/registrations',
    path: (w) => `${session(w, 'open')}/registrations`,
    form: (w) => ({ 'candidate_id': w.free.id, 'tests[]': 'CE', 'motivation': 'studies' }),
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },

  // A request about a registration, made by the centre.
  {
    method: 'get',
    pattern: '/sessions/:id/registrations/:registrationId/requests/:kind/create',
    path: (w) => `${registration(w, 'requested')}/requests/postponement/create`,
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },
  {
    method: 'post',
    pattern: '/sessions/:id/registrations/:registrationId/requests/:kind',
    path: (w) => `${registration(w, 'requested')}/requests/postponement`,
    form: () => ({ description: 'Le candidat est hospitalisé le jour de la session.' }),
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },

  // The anomaly sheet: the centre manager fills and sends it, the network processes its lines.
  {
    method: 'get',
    pattern: '/sessions/:id/anomalies',
    path: (w) => `${session(w, 'passed')}/anomalies`,
    allowed: READERS,
    elsewhere: 404,
  },
  {
    method: 'post',
    pattern: '/sessions/:id/anomalies',
    path: (w) => `${session(w, 'passed')}/anomalies`,
    form: () => ({ kind: 'technical', description: 'Coupure de courant de dix minutes en CO.' }),
    allowed: MANAGER,
    elsewhere: 404,
  },
  {
    method: 'delete',
    pattern: '/sessions/:id/anomalies/:anomalyId',
    path: (w) => `${session(w, 'passed')}/anomalies/${w.anomalies.toRemove}`,
    allowed: MANAGER,
    elsewhere: 404,
  },
  {
    method: 'post',
    pattern: '/sessions/:id/anomalies/submission',
    path: (w) => `${session(w, 'passed')}/anomalies/submission`,
    allowed: MANAGER,
    elsewhere: 404,
  },
  {
    method: 'post',
    pattern: '/sessions/:id/anomalies/:anomalyId/processing',
    path: (w) => `${session(w, 'sheetSent')}/anomalies/${w.anomalies.toProcess}/processing`,
    form: () => ({ note: 'Traité avec le centre.' }),
    allowed: NETWORK,
    elsewhere: 404,
  },
  { method: 'get', pattern: '/anomalies', allowed: ANOMALY_READERS, elsewhere: 'scoped' },
  {
    method: 'get',
    pattern: '/anomalies/export/:format',
    path: () => '/anomalies/export/csv',
    allowed: ANOMALY_READERS,
    elsewhere: 'scoped',
  },

  // Results: read by both sides, entered by the network, published by the network admin.
  {
    method: 'get',
    pattern: '/sessions/:id/results',
    path: (w) => `${session(w, 'correcting')}/results`,
    allowed: READERS,
    elsewhere: 404,
  },
  {
    method: 'post',
    pattern: '/sessions/:id/results',
    path: (w) => `${session(w, 'correcting')}/results`,
    form: (w) => ({
      [`results[r${w.registrations.marked.id}][CE][score]`]: '250',
      [`results[r${w.registrations.marked.id}][CE][level]`]: 'B2',
    }),
    allowed: NETWORK,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/sessions/:id/results/template',
    path: (w) => `${session(w, 'correcting')}/results/template`,
    allowed: NETWORK,
    elsewhere: 404,
  },
  // No file: back to the page with the reason (a redirect, not a refusal).
  {
    method: 'post',
    pattern: '/sessions/:id/results/import',
    path: (w) => `${session(w, 'correcting')}/results/import`,
    allowed: NETWORK,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/sessions/:id/results/export/:format',
    path: (w) => `${session(w, 'correcting')}/results/export/csv`,
    allowed: READERS,
    elsewhere: 404,
  },
  {
    method: 'post',
    pattern: '/sessions/:id/results/publication',
    path: (w) => `${session(w, 'correcting')}/results/publication`,
    allowed: ADMIN,
    elsewhere: 404,
  },

  // Attestations of a published session: one, or all of them in a background job.
  {
    method: 'get',
    pattern: '/sessions/:id/registrations/:registrationId/attestation',
    path: (w) =>
      `${session(w, 'published')}/registrations/${w.registrations.published.id}/attestation`,
    allowed: READERS,
    elsewhere: 404,
  },
  {
    method: 'post',
    pattern: '/sessions/:id/attestations/batch',
    path: (w) => `${session(w, 'published')}/attestations/batch`,
    allowed: READERS,
    elsewhere: 404,
  },
  // The user's own job (the spec makes the world's job the user's when its role may start one).
  {
    method: 'get',
    pattern: '/sessions/:id/attestations/jobs/:jobId',
    path: (w) => `${session(w, 'published')}/attestations/jobs/${w.jobId}`,
    allowed: READERS,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/sessions/:id/attestations/jobs/:jobId/download',
    path: (w) => `${session(w, 'published')}/attestations/jobs/${w.jobId}/download`,
    allowed: READERS,
    elsewhere: 404,
  },

  // Réseau › Résultats: the appeal delay and the validity of attestations.
  { method: 'get', pattern: '/results/settings', allowed: ADMIN, elsewhere: 'network' },
  {
    method: 'put',
    pattern: '/results/settings',
    form: () => ({ appeal_delay_days: 21, validity_months: 18 }),
    allowed: ADMIN,
    elsewhere: 'network',
  },

  // "Mes résultats": the learner's own attestations (the world's is the learner's).
  { method: 'get', pattern: '/my/results', allowed: LEARNER, elsewhere: 'network' },
  {
    method: 'get',
    pattern: '/my/results/:id/attestation',
    path: (w) => `/my/results/${w.attestationId}/attestation`,
    allowed: LEARNER,
    elsewhere: 404,
  },

  // Requests: the lists per kind and a request's page; the network decides them.
  {
    method: 'get',
    pattern: '/requests/:id',
    path: (w) => `/requests/${w.requests.shown}`,
    allowed: READERS,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/requests/:kind',
    path: () => '/requests/postponements',
    allowed: READERS,
    elsewhere: 'scoped',
  },
  {
    method: 'get',
    pattern: '/requests/:kind/export/:format',
    path: () => '/requests/postponements/export/csv',
    allowed: READERS,
    elsewhere: 'scoped',
  },
  {
    method: 'post',
    pattern: '/requests/:id/review',
    path: (w) => `/requests/${w.requests.toReview}/review`,
    allowed: NETWORK,
    elsewhere: 404,
  },
  {
    method: 'post',
    pattern: '/requests/:id/acceptance',
    path: (w) => `/requests/${w.requests.toAccept}/acceptance`,
    allowed: NETWORK,
    elsewhere: 404,
  },
  {
    method: 'post',
    pattern: '/requests/:id/refusal',
    path: (w) => `/requests/${w.requests.toRefuse}/refusal`,
    form: () => ({ reason: 'Justificatif illisible.' }),
    allowed: NETWORK,
    elsewhere: 404,
  },
  // "Réinscrire le candidat": the network or the centre, into a session of the same centre.
  {
    method: 'post',
    pattern: '/requests/:id/reregistration',
    path: (w) => `/requests/${w.requests.toReRegister}/reregistration`,
    form: (w) => ({ session_id: w.sessions.target.id }),
    allowed: READERS,
    elsewhere: 404,
  },

  // The catalogue: the network's; its document for every reader.
  { method: 'get', pattern: '/products', allowed: READERS, elsewhere: 'network' },
  { method: 'get', pattern: '/products/create', allowed: ADMIN, elsewhere: 'network' },
  {
    method: 'post',
    pattern: '/products',
    form: () => productForm('VERMNEUF', 97002),
    allowed: ADMIN,
    elsewhere: 'network',
  },
  {
    method: 'get',
    pattern: '/products/:id/edit',
    path: (w) => `/products/${w.product.id}/edit`,
    allowed: ADMIN,
    elsewhere: 'network',
  },
  {
    method: 'put',
    pattern: '/products/:id',
    path: (w) => `/products/${w.product.id}`,
    form: (w) => productForm(w.product.code, w.product.number),
    allowed: ADMIN,
    elsewhere: 'network',
  },
  {
    method: 'get',
    pattern: '/products/:id/document',
    path: (w) => `/products/${w.product.id}/document`,
    allowed: READERS,
    elsewhere: 'network',
  },

  // Produits › Grilles et sujets (network admin).
  {
    method: 'get',
    pattern: '/products/:id/oral',
    path: (w) => `/products/${w.product.id}/oral`,
    allowed: ADMIN,
    elsewhere: 'network',
  },
  {
    method: 'post',
    pattern: '/products/:id/oral/criteria',
    path: (w) => `/products/${w.product.id}/oral/criteria`,
    form: () => ({ part: 'EO-A', label: 'Lexique', levels: 'A1; A2; B1; B2' }),
    allowed: ADMIN,
    elsewhere: 'network',
  },
  {
    method: 'post',
    pattern: '/products/:id/oral/criteria/:criterionId/toggle',
    path: (w) => `/products/${w.product.id}/oral/criteria/${w.criterionId}/toggle`,
    allowed: ADMIN,
    elsewhere: 'network',
  },
  {
    method: 'post',
    pattern: '/products/:id/oral/subjects',
    path: (w) => `/products/${w.product.id}/oral/subjects`,
    form: () => ({ part: 'EO-B', code: 'VB2', title: 'Faut-il interdire la voiture en ville ?' }),
    allowed: ADMIN,
    elsewhere: 'network',
  },
  {
    method: 'post',
    pattern: '/products/:id/oral/subjects/:subjectId/toggle',
    path: (w) => `/products/${w.product.id}/oral/subjects/${w.subjectId}/toggle`,
    allowed: ADMIN,
    elsewhere: 'network',
  },

  // Pre-registrations from the public site: read by both sides, handled by the centre.
  { method: 'get', pattern: '/preregistrations', allowed: READERS, elsewhere: 'scoped' },
  {
    method: 'get',
    pattern: '/preregistrations/:id/transfer',
    path: (w) => `/preregistrations/${w.preregistrations.toTransfer}/transfer`,
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },
  {
    method: 'post',
    pattern: '/preregistrations/:id/transfer',
    path: (w) => `/preregistrations/${w.preregistrations.toTransfer}/transfer`,
    form: (w) => ({ 'session_id': w.sessions.open.id, 'tests[]': 'CE' }),
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },
  {
    method: 'post',
    pattern: '/preregistrations/:id/decline',
    path: (w) => `/preregistrations/${w.preregistrations.toDecline}/decline`,
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },

  // "Mon centre › Tarifs": of the user's own centres; the body names the centre.
  { method: 'get', pattern: '/tariffs', allowed: CENTRE_TEAM, elsewhere: 'scoped' },
  {
    method: 'put',
    pattern: '/tariffs',
    form: (w) => ({
      'centre_id': w.centre.id,
      'product_id': w.tef.id,
      'prices[CE]': '45,00',
      'vat_rate': '20',
    }),
    allowed: MANAGER,
    elsewhere: 404,
  },
]
