import '#orders/wiring'
import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'

const c = controllers.orders
const id = router.matchers.number()
const format = /^(xlsx|csv)$/

router
  .group(() => {
    // The credit catalogue (network admin).
    router.get('/credit-products', [c.CreditProducts, 'index']).as('credit_products.index')
    router.get('/credit-products/create', [c.CreditProducts, 'create']).as('credit_products.create')
    router.post('/credit-products', [c.CreditProducts, 'store']).as('credit_products.store')
    router
      .get('/credit-products/:id/edit', [c.CreditProducts, 'edit'])
      .as('credit_products.edit')
      .where('id', id)
    router
      .put('/credit-products/:id', [c.CreditProducts, 'update'])
      .as('credit_products.update')
      .where('id', id)

    // Orders: "Mes commandes", the cart, validation and delivery.
    router.get('/orders', [c.CreditOrders, 'index']).as('credit_orders.index')
    router
      .get('/orders/export/:format', [c.CreditOrders, 'export'])
      .as('credit_orders.export')
      .where('format', format)
    router.get('/orders/new', [c.CreditOrders, 'create']).as('credit_orders.create')
    router.post('/orders', [c.CreditOrders, 'store']).as('credit_orders.store')
    router.get('/orders/:id', [c.CreditOrders, 'show']).as('credit_orders.show').where('id', id)
    router
      .delete('/orders/:id', [c.CreditOrders, 'destroy'])
      .as('credit_orders.destroy')
      .where('id', id)
    router
      .get('/orders/:id/payment', [c.OrderPayments, 'show'])
      .as('order_payments.show')
      .where('id', id)
    router
      .post('/orders/:id/payment', [c.OrderPayments, 'store'])
      .as('order_payments.store')
      .where('id', id)
    router
      .post('/orders/:id/delivery', [c.OrderDeliveries, 'store'])
      .as('order_deliveries.store')
      .where('id', id)
  })
  .use(middleware.auth())

router
  .group(() => {
    // A candidate's certification (seed 004 §6.5–6.6).
    router
      .get('/candidates/:id/credit', [c.CreditAssignments, 'show'])
      .as('credit_assignments.show')
      .where('id', id)
    router
      .post('/candidates/:id/credit', [c.CreditAssignments, 'store'])
      .as('credit_assignments.store')
      .where('id', id)
    router
      .put('/candidates/:id/credit', [c.CreditAssignments, 'update'])
      .as('credit_assignments.update')
      .where('id', id)
    router
      .delete('/candidates/:id/credit', [c.CreditAssignments, 'destroy'])
      .as('credit_assignments.destroy')
      .where('id', id)
  })
  .use(middleware.auth())

router
  .group(() => {
    // "Gérer les certifications" (seed 004 §6.6).
    router.get('/credits/manage', [c.BulkCredits, 'show']).as('bulk_credits.show')
    router.get('/credits/manage/assign', [c.BulkCredits, 'choose']).as('bulk_credits.choose')
    router
      .get('/credits/manage/assign/:type', [c.BulkCredits, 'assignPicker'])
      .as('bulk_credits.assign_picker')
      .where('type', /^[a-z_]{2,24}$/)
    router
      .get('/credits/manage/remove', [c.BulkCredits, 'removePicker'])
      .as('bulk_credits.remove_picker')
    router.post('/credits/assignments', [c.BulkCredits, 'assign']).as('bulk_credits.assign')
    router.post('/credits/removals', [c.BulkCredits, 'remove']).as('bulk_credits.remove')

    // Activation codes (seed 004 §6.7).
    router
      .get('/candidates/:id/code', [c.ActivationCodes, 'one'])
      .as('activation_codes.one')
      .where('id', id)
    router.get('/activation-codes', [c.ActivationCodes, 'picker']).as('activation_codes.picker')
    router
      .get('/activation-codes/selection', [c.ActivationCodes, 'selection'])
      .as('activation_codes.selection')
    router
      .get('/activation-codes/export/:format', [c.ActivationCodes, 'export'])
      .as('activation_codes.export')
      .where('format', format)
  })
  .use(middleware.auth())

router
  .group(() => {
    // Results of certifications (seed 004 §6.9) and the exam platform's tokens.
    router.get('/credit-results', [c.CreditResults, 'index']).as('credit_results.index')
    router.post('/credit-results/import', [c.CreditResults, 'import']).as('credit_results.import')
    router.get('/api-tokens', [c.ApiTokens, 'index']).as('api_tokens.index')
    router.post('/api-tokens', [c.ApiTokens, 'store']).as('api_tokens.store')
    router
      .delete('/api-tokens/:id', [c.ApiTokens, 'destroy'])
      .as('api_tokens.destroy')
      .where('id', id)
  })
  .use(middleware.auth())

/** The exam delivery platform (a bearer token, no session): see docs/orders.md. */
router.post('/api/v1/results', [c.ResultsApi, 'store']).as('results_api.store')

router
  .group(() => {
    // Documents (seed 004 §6.10–6.12): one candidate's, or many as one PDF.
    router
      .get('/candidates/:id/documents/:kind', [c.CreditDocuments, 'show'])
      .as('credit_documents.show')
      .where('id', id)
      .where('kind', /^(report|registration|attendance)$/)
    router.get('/documents', [c.CreditDocuments, 'create']).as('credit_documents.create')
    router.get('/documents/choose', [c.CreditDocuments, 'choose']).as('credit_documents.choose')
    router
      .get('/documents/for/:kinds', [c.CreditDocuments, 'picker'])
      .as('credit_documents.picker')
      .where('kinds', /^[a-z,]{4,40}$/)
    router.post('/documents/jobs', [c.CreditDocuments, 'store']).as('credit_documents.store')
    router
      .get('/documents/jobs/:id', [c.CreditDocuments, 'job'])
      .as('credit_documents.job')
      .where('id', id)
    router
      .get('/documents/jobs/:id/download', [c.CreditDocuments, 'download'])
      .as('credit_documents.download')
      .where('id', id)
  })
  .use(middleware.auth())

router
  .group(() => {
    // Sessions of partner exam centres (network admin).
    router.get('/partner-sessions', [c.PartnerSessions, 'index']).as('partner_sessions.index')
    router
      .get('/partner-sessions/create', [c.PartnerSessions, 'create'])
      .as('partner_sessions.create')
    router.post('/partner-sessions', [c.PartnerSessions, 'store']).as('partner_sessions.store')
    router
      .get('/partner-sessions/:id/edit', [c.PartnerSessions, 'edit'])
      .as('partner_sessions.edit')
      .where('id', id)
    router
      .put('/partner-sessions/:id', [c.PartnerSessions, 'update'])
      .as('partner_sessions.update')
      .where('id', id)
    router
      .delete('/partner-sessions/:id', [c.PartnerSessions, 'destroy'])
      .as('partner_sessions.destroy')
      .where('id', id)
  })
  .use(middleware.auth())
