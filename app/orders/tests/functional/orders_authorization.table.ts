import { DateTime } from 'luxon'
import { type Centre } from '#centres'
import { type Candidate } from '#candidates'
import type { User } from '#accounts'
import { type CreditProduct } from '#orders'
import type { Role } from '#shared/roles'
import type PartnerSession from '#orders/models/partner_session'
import {
  ADMIN,
  CENTRE_READERS,
  CENTRE_TEAM,
  MANAGER,
  type Route,
  NETWORK,
} from '#tests/helpers/authorization'

/*
 * Every route of the orders module, role by role: who passes, who is refused
 * (403), and what a user of another centre (or an account manager of another
 * portfolio) gets. The table below is the specification; the spec next to it
 * runs it, and a route of the router in no table fails the route matrix
 * (tests/functional/route_matrix.spec.ts).
 */

/** Who may act, among the users of the centre (or whose portfolio holds it). */
export const VALIDATORS = NETWORK
export const CANCELLERS: readonly Role[] = ['network_admin', 'account_manager', 'centre_manager']
export const READERS = CENTRE_READERS
const NOBODY: readonly Role[] = []

/** The records of one centre that the routes act on, one per mutation so that none spoils another. */
export interface World {
  centre: Centre
  admin: User
  product: CreditProduct
  orders: Record<'open' | 'toCancel' | 'paid', { id: number; number: string }>
  candidates: Record<
    'free' | 'toChange' | 'toRemove' | 'coded' | 'bulkFree' | 'bulkAssigned',
    Candidate
  >
  /** The activation code of `candidates.coded` (a supervised exam). */
  code: string
  apiTokenId: number
  partnerSession: PartnerSession
  /** A finished document job (its PDF made), started by `jobOwner`. */
  jobId: number
  jobOwner: User
}

export const inDays = (days: number) =>
  DateTime.now().setZone('Europe/Paris').plus({ days }).toISODate()!

const productForm = (reference: string) => ({
  name: 'Examen blanc à distance',
  type: 'mock_remote',
  reference,
  unit_price: '71,00',
  vat_rate: '20',
  validity_months: '12',
  status: 'active',
  all_centres: '1',
})

const partnerForm = () => ({
  centre_name: 'Centre La Poste - Grenoble',
  address: '11, boulevard Maréchal Lyautey',
  postcode: '38000',
  city: 'Grenoble',
  date: inDays(30),
  time: '09:00',
  seats: '4',
})

export const ROUTES: Route<World>[] = [
  // The credit catalogue (network admin).
  { method: 'get', pattern: '/credit-products', allowed: ADMIN, elsewhere: 'network' },
  { method: 'get', pattern: '/credit-products/create', allowed: ADMIN, elsewhere: 'network' },
  {
    method: 'post',
    pattern: '/credit-products',
    form: () => productForm('AUTH-NEW'),
    allowed: ADMIN,
    elsewhere: 'network',
  },
  {
    method: 'get',
    pattern: '/credit-products/:id/edit',
    path: (w) => `/credit-products/${w.product.id}/edit`,
    allowed: ADMIN,
    elsewhere: 'network',
  },
  {
    method: 'put',
    pattern: '/credit-products/:id',
    path: (w) => `/credit-products/${w.product.id}`,
    form: (w) => productForm(w.product.reference),
    allowed: ADMIN,
    elsewhere: 'network',
  },

  // Orders: "Mes commandes", the cart, validation and delivery.
  { method: 'get', pattern: '/orders', allowed: READERS, elsewhere: 'scoped' },
  {
    method: 'get',
    pattern: '/orders/export/:format',
    path: () => '/orders/export/csv',
    allowed: READERS,
    elsewhere: 'scoped',
  },
  { method: 'get', pattern: '/orders/new', allowed: MANAGER, elsewhere: 'scoped' },
  {
    method: 'post',
    pattern: '/orders',
    form: (w) => ({ centre_id: w.centre.id, quantities: { [`p${w.product.id}`]: '2' } }),
    allowed: MANAGER,
    elsewhere: 422,
  },
  {
    method: 'get',
    pattern: '/orders/:id',
    path: (w) => `/orders/${w.orders.open.id}`,
    allowed: READERS,
    elsewhere: 404,
  },
  {
    method: 'delete',
    pattern: '/orders/:id',
    path: (w) => `/orders/${w.orders.toCancel.id}`,
    allowed: CANCELLERS,
    elsewhere: 404,
  },
  {
    method: 'get',
    pattern: '/orders/:id/payment',
    path: (w) => `/orders/${w.orders.open.id}/payment`,
    allowed: MANAGER,
    elsewhere: 404,
  },
  {
    method: 'post',
    pattern: '/orders/:id/payment',
    path: (w) => `/orders/${w.orders.open.id}/payment`,
    allowed: VALIDATORS,
    elsewhere: 404,
  },
  {
    method: 'post',
    pattern: '/orders/:id/delivery',
    path: (w) => `/orders/${w.orders.paid.id}/delivery`,
    allowed: VALIDATORS,
    elsewhere: 404,
  },

  // A candidate's certification.
  {
    method: 'get',
    pattern: '/candidates/:id/credit',
    path: (w) => `/candidates/${w.candidates.free.id}/credit`,
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },
  {
    method: 'post',
    pattern: '/candidates/:id/credit',
    path: (w) => `/candidates/${w.candidates.free.id}/credit`,
    form: () => ({ type: 'mock_remote' }),
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },
  {
    method: 'put',
    pattern: '/candidates/:id/credit',
    path: (w) => `/candidates/${w.candidates.toChange.id}/credit`,
    form: () => ({ type: 'mock_remote' }),
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },
  {
    method: 'delete',
    pattern: '/candidates/:id/credit',
    path: (w) => `/candidates/${w.candidates.toRemove.id}/credit`,
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },

  // "Gérer les certifications".
  { method: 'get', pattern: '/credits/manage', allowed: CENTRE_TEAM, elsewhere: 'scoped' },
  {
    method: 'get',
    pattern: '/credits/manage/assign',
    path: () => '/credits/manage/assign?type=mock_remote',
    allowed: CENTRE_TEAM,
    elsewhere: 'scoped',
  },
  {
    method: 'get',
    pattern: '/credits/manage/assign/:type',
    path: () => '/credits/manage/assign/mock_remote',
    allowed: CENTRE_TEAM,
    elsewhere: 'scoped',
  },
  { method: 'get', pattern: '/credits/manage/remove', allowed: CENTRE_TEAM, elsewhere: 'scoped' },
  {
    method: 'post',
    pattern: '/credits/assignments',
    form: (w) => ({ type: 'mock_remote', candidate_ids: [w.candidates.bulkFree.id] }),
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },
  {
    method: 'post',
    pattern: '/credits/removals',
    form: (w) => ({ candidate_ids: [w.candidates.bulkAssigned.id] }),
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },

  // Activation codes.
  {
    method: 'get',
    pattern: '/candidates/:id/code',
    path: (w) => `/candidates/${w.candidates.coded.id}/code`,
    allowed: CENTRE_TEAM,
    elsewhere: 404,
  },
  { method: 'get', pattern: '/activation-codes', allowed: CENTRE_TEAM, elsewhere: 'scoped' },
  {
    method: 'get',
    pattern: '/activation-codes/selection',
    path: (w) => `/activation-codes/selection?candidate_ids[]=${w.candidates.coded.id}`,
    allowed: CENTRE_TEAM,
    elsewhere: 'scoped',
  },
  {
    method: 'get',
    pattern: '/activation-codes/export/:format',
    path: (w) => `/activation-codes/export/csv?candidate_ids[]=${w.candidates.coded.id}`,
    allowed: CENTRE_TEAM,
    elsewhere: 'scoped',
  },

  // Results and the exam platform's tokens (network admin).
  { method: 'get', pattern: '/credit-results', allowed: ADMIN, elsewhere: 'network' },
  // No file: the admin is sent back to the form with the reason (a redirect, not a refusal).
  { method: 'post', pattern: '/credit-results/import', allowed: ADMIN, elsewhere: 'network' },
  { method: 'get', pattern: '/api-tokens', allowed: ADMIN, elsewhere: 'network' },
  {
    method: 'post',
    pattern: '/api-tokens',
    form: () => ({ name: 'Plateforme de test' }),
    allowed: ADMIN,
    elsewhere: 'network',
  },
  {
    method: 'delete',
    pattern: '/api-tokens/:id',
    path: (w) => `/api-tokens/${w.apiTokenId}`,
    allowed: ADMIN,
    elsewhere: 'network',
  },
  // A session is no token: 401 for every user (see the token test for a real one).
  {
    method: 'post',
    pattern: '/api/v1/results',
    allowed: NOBODY,
    elsewhere: 'network',
    token: true,
  },

  // Documents: one candidate's, or many as one PDF made in the background.
  {
    method: 'get',
    pattern: '/candidates/:id/documents/:kind',
    path: (w) => `/candidates/${w.candidates.coded.id}/documents/registration`,
    allowed: READERS,
    elsewhere: 404,
  },
  { method: 'get', pattern: '/documents', allowed: READERS, elsewhere: 'scoped' },
  {
    method: 'get',
    pattern: '/documents/choose',
    path: () => '/documents/choose?kinds=registration',
    allowed: READERS,
    elsewhere: 'scoped',
  },
  {
    method: 'get',
    pattern: '/documents/for/:kinds',
    path: () => '/documents/for/registration',
    allowed: READERS,
    elsewhere: 'scoped',
  },
  {
    method: 'post',
    pattern: '/documents/jobs',
    form: (w) => ({ kinds: 'registration', candidate_ids: [w.candidates.coded.id] }),
    allowed: READERS,
    elsewhere: 404,
  },
  // `allowed`: the roles that may start a job, and so read their own.
  {
    method: 'get',
    pattern: '/documents/jobs/:id',
    path: (w) => `/documents/jobs/${w.jobId}`,
    allowed: READERS,
    elsewhere: 404,
    ownerOnly: true,
  },
  {
    method: 'get',
    pattern: '/documents/jobs/:id/download',
    path: (w) => `/documents/jobs/${w.jobId}/download`,
    allowed: READERS,
    elsewhere: 404,
    ownerOnly: true,
  },

  // Sessions of partner exam centres (network admin).
  { method: 'get', pattern: '/partner-sessions', allowed: ADMIN, elsewhere: 'network' },
  { method: 'get', pattern: '/partner-sessions/create', allowed: ADMIN, elsewhere: 'network' },
  {
    method: 'post',
    pattern: '/partner-sessions',
    form: partnerForm,
    allowed: ADMIN,
    elsewhere: 'network',
  },
  {
    method: 'get',
    pattern: '/partner-sessions/:id/edit',
    path: (w) => `/partner-sessions/${w.partnerSession.id}/edit`,
    allowed: ADMIN,
    elsewhere: 'network',
  },
  {
    method: 'put',
    pattern: '/partner-sessions/:id',
    path: (w) => `/partner-sessions/${w.partnerSession.id}`,
    form: partnerForm,
    allowed: ADMIN,
    elsewhere: 'network',
  },
  {
    method: 'delete',
    pattern: '/partner-sessions/:id',
    path: (w) => `/partner-sessions/${w.partnerSession.id}`,
    allowed: ADMIN,
    elsewhere: 'network',
  },
]
