import '#sessions/wiring'
import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'

const c = controllers.sessions
const id = router.matchers.number()
const step = /^(product|schedule|tests|tariff|visibility|summary)$/
const action = /^(open|close|pass|correct|unpublish|cancel)$/
const kind = /^(accommodation|exemption|postponement|fraud|appeal)$/
const slug = /^(accommodations|exemptions|postponements|frauds|appeals)$/

router
  .group(() => {
    router.get('/sessions', [c.Sessions, 'index']).as('sessions.index')
    router
      .get('/sessions/export/:format', [c.Sessions, 'export'])
      .as('sessions.export')
      .where('format', /^(xlsx|csv)$/)
    router.get('/sessions/create', [c.SessionWizard, 'start']).as('sessions.create')
    router
      .get('/sessions/create/:step', [c.SessionWizard, 'show'])
      .as('sessions.wizard')
      .where('step', step)
    router
      .post('/sessions/create/:step', [c.SessionWizard, 'store'])
      .as('sessions.wizard.store')
      .where('step', step)
    router.get('/sessions/:id', [c.Sessions, 'show']).as('sessions.show').where('id', id)
    router
      .post('/sessions/:id/transitions/:action', [c.Sessions, 'transition'])
      .as('sessions.transition')
      .where('id', id)
      .where('action', action)
    router
      .get('/sessions/:id/registrations/export/:format', [c.Sessions, 'exportRegistrations'])
      .as('sessions.registrations.export')
      .where('id', id)
      .where('format', /^(xlsx|csv)$/)
    router
      .get('/sessions/:id/access-codes', [c.Sessions, 'accessCodes'])
      .as('sessions.access_codes')
      .where('id', id)
    router
      .get('/sessions/:id/registrations/:registrationId/edit', [c.RegistrationEdits, 'edit'])
      .as('registrations.edit')
      .where('id', id)
      .where('registrationId', id)
    router
      .put('/sessions/:id/registrations/:registrationId', [c.RegistrationEdits, 'update'])
      .as('registrations.update')
      .where('id', id)
      .where('registrationId', id)
    router
      .get('/sessions/:id/registrations/:registrationId/absence', [c.Absences, 'edit'])
      .as('absences.edit')
      .where('id', id)
      .where('registrationId', id)
    router
      .put('/sessions/:id/registrations/:registrationId/absence', [c.Absences, 'update'])
      .as('absences.update')
      .where('id', id)
      .where('registrationId', id)
    router
      .get('/sessions/:id/purchase-order', [c.PurchaseOrders, 'pdf'])
      .as('purchase_orders.pdf')
      .where('id', id)
    router
      .get('/sessions/:id/purchase-order/sign', [c.PurchaseOrders, 'signForm'])
      .as('purchase_orders.sign_form')
      .where('id', id)
    router
      .post('/sessions/:id/purchase-order/sign', [c.PurchaseOrders, 'sign'])
      .as('purchase_orders.sign')
      .where('id', id)
    router
      .post('/sessions/:id/documents', [c.SessionDocuments, 'store'])
      .as('session_documents.store')
      .where('id', id)
    router
      .get('/sessions/:id/documents/:documentId', [c.SessionDocuments, 'show'])
      .as('session_documents.show')
      .where('id', id)
      .where('documentId', id)
    router
      .delete('/sessions/:id/documents/:documentId', [c.SessionDocuments, 'destroy'])
      .as('session_documents.destroy')
      .where('id', id)
      .where('documentId', id)
    router
      .get('/sessions/:id/import', [c.RegistrationImports, 'show'])
      .as('registration_imports.show')
      .where('id', id)
    router
      .get('/sessions/:id/import/template', [c.RegistrationImports, 'template'])
      .as('registration_imports.template')
      .where('id', id)
    router
      .post('/sessions/:id/import/preview', [c.RegistrationImports, 'preview'])
      .as('registration_imports.preview')
      .where('id', id)
    router
      .post('/sessions/:id/import/apply', [c.RegistrationImports, 'apply'])
      .as('registration_imports.apply')
      .where('id', id)
    router
      .get('/sessions/:id/registrations/create', [c.Registrations, 'create'])
      .as('registrations.create')
      .where('id', id)
    router
      .post('/sessions/:id/registrations', [c.Registrations, 'store'])
      .as('registrations.store')
      .where('id', id)

    router
      .get('/sessions/:id/registrations/:registrationId/requests/:kind/create', [
        c.RegistrationRequests,
        'create',
      ])
      .as('registration_requests.create')
      .where('id', id)
      .where('registrationId', id)
      .where('kind', kind)
    router
      .post('/sessions/:id/registrations/:registrationId/requests/:kind', [
        c.RegistrationRequests,
        'store',
      ])
      .as('registration_requests.store')
      .where('id', id)
      .where('registrationId', id)
      .where('kind', kind)
    router
      .get('/sessions/:id/anomalies', [c.Anomalies, 'show'])
      .as('anomalies.show')
      .where('id', id)
    router
      .post('/sessions/:id/anomalies', [c.Anomalies, 'store'])
      .as('anomalies.store')
      .where('id', id)
    router
      .post('/sessions/:id/anomalies/submission', [c.Anomalies, 'submit'])
      .as('anomalies.submit')
      .where('id', id)
    router
      .delete('/sessions/:id/anomalies/:anomalyId', [c.Anomalies, 'destroy'])
      .as('anomalies.destroy')
      .where('id', id)
      .where('anomalyId', id)
    router
      .post('/sessions/:id/anomalies/:anomalyId/processing', [c.Anomalies, 'process'])
      .as('anomalies.process')
      .where('id', id)
      .where('anomalyId', id)
    router.get('/anomalies', [c.Anomalies, 'index']).as('anomalies.index')
    router
      .get('/anomalies/export/:format', [c.Anomalies, 'export'])
      .as('anomalies.export')
      .where('format', /^(xlsx|csv)$/)
    router.get('/sessions/:id/results', [c.Results, 'show']).as('results.show').where('id', id)
    router.post('/sessions/:id/results', [c.Results, 'save']).as('results.save').where('id', id)
    router
      .get('/sessions/:id/results/template', [c.Results, 'template'])
      .as('results.template')
      .where('id', id)
    router
      .post('/sessions/:id/results/import', [c.Results, 'import'])
      .as('results.import')
      .where('id', id)
    router
      .get('/sessions/:id/results/export/:format', [c.Results, 'export'])
      .as('results.export')
      .where('id', id)
      .where('format', /^(xlsx|csv)$/)
    router
      .post('/sessions/:id/results/publication', [c.Results, 'publish'])
      .as('results.publish')
      .where('id', id)
    router
      .get('/sessions/:id/registrations/:registrationId/attestation', [c.Attestations, 'show'])
      .as('attestations.show')
      .where('id', id)
      .where('registrationId', id)
    router
      .post('/sessions/:id/attestations/batch', [c.Attestations, 'batch'])
      .as('attestations.batch')
      .where('id', id)
    router
      .get('/sessions/:id/attestations/jobs/:jobId', [c.Attestations, 'job'])
      .as('attestations.job')
      .where('id', id)
      .where('jobId', id)
    router
      .get('/sessions/:id/attestations/jobs/:jobId/download', [c.Attestations, 'download'])
      .as('attestations.download')
      .where('id', id)
      .where('jobId', id)
    router.get('/results/settings', [c.ResultSettings, 'show']).as('result_settings.show')
    router.put('/results/settings', [c.ResultSettings, 'update']).as('result_settings.update')
    router.get('/my/results', [c.MyResults, 'index']).as('my_results.index')
    router
      .get('/my/results/:id/attestation', [c.MyResults, 'show'])
      .as('my_results.show')
      .where('id', id)
    router.get('/requests/:id', [c.Requests, 'show']).as('requests.show').where('id', id)
    router.get('/requests/:kind', [c.Requests, 'index']).as('requests.index').where('kind', slug)
    router
      .get('/requests/:kind/export/:format', [c.Requests, 'export'])
      .as('requests.export')
      .where('kind', slug)
      .where('format', /^(xlsx|csv)$/)
    router
      .post('/requests/:id/review', [c.RequestDecisions, 'review'])
      .as('requests.review')
      .where('id', id)
    router
      .post('/requests/:id/acceptance', [c.RequestDecisions, 'accept'])
      .as('requests.accept')
      .where('id', id)
    router
      .post('/requests/:id/refusal', [c.RequestDecisions, 'refuse'])
      .as('requests.refuse')
      .where('id', id)
    router
      .post('/requests/:id/reregistration', [c.RequestDecisions, 'reRegister'])
      .as('requests.reregister')
      .where('id', id)

    router.get('/products', [c.Products, 'index']).as('products.index')
    router.get('/products/create', [c.Products, 'create']).as('products.create')
    router.post('/products', [c.Products, 'store']).as('products.store')
    router.get('/products/:id/edit', [c.Products, 'edit']).as('products.edit').where('id', id)
    router.put('/products/:id', [c.Products, 'update']).as('products.update').where('id', id)
    router
      .get('/products/:id/document', [c.Products, 'document'])
      .as('products.document')
      .where('id', id)

    router.get('/products/:id/oral', [c.OralGrids, 'show']).as('oral.show').where('id', id)
    router
      .post('/products/:id/oral/criteria', [c.OralGrids, 'addCriterion'])
      .as('oral.criteria.store')
      .where('id', id)
    router
      .post('/products/:id/oral/criteria/:criterionId/toggle', [c.OralGrids, 'toggleCriterion'])
      .as('oral.criteria.toggle')
      .where('id', id)
      .where('criterionId', id)
    router
      .post('/products/:id/oral/subjects', [c.OralGrids, 'addSubject'])
      .as('oral.subjects.store')
      .where('id', id)
    router
      .post('/products/:id/oral/subjects/:subjectId/toggle', [c.OralGrids, 'toggleSubject'])
      .as('oral.subjects.toggle')
      .where('id', id)
      .where('subjectId', id)

    router.get('/preregistrations', [c.Preregistrations, 'index']).as('preregistrations.index')
    router
      .get('/preregistrations/:id/transfer', [c.Preregistrations, 'transferForm'])
      .as('preregistrations.transfer_form')
      .where('id', id)
    router
      .post('/preregistrations/:id/transfer', [c.Preregistrations, 'transfer'])
      .as('preregistrations.transfer')
      .where('id', id)
    router
      .post('/preregistrations/:id/decline', [c.Preregistrations, 'decline'])
      .as('preregistrations.decline')
      .where('id', id)

    router.get('/tariffs', [c.Tariffs, 'index']).as('tariffs.index')
    router.put('/tariffs', [c.Tariffs, 'update']).as('tariffs.update')
  })
  .use(middleware.auth())

/** The pre-registration site: public pages of the centres that are listed. */
const code = /^[A-Za-z0-9-]{2,32}$/
router
  .get('/inscription/:code', [c.PublicPreregistrations, 'show'])
  .as('public.preregistration')
  .where('code', code)
router
  .post('/inscription/:code', [c.PublicPreregistrations, 'store'])
  .as('public.preregistration.store')
  .where('code', code)
router
  .post('/inscription/:code/contact', [c.PublicPreregistrations, 'contact'])
  .as('public.contact')
  .where('code', code)

/** Public verification of attestations (a code typed, or the QR code's link). */
const verification = /^[A-Za-z0-9-]{4,40}$/
router.get('/verify', [c.Verifications, 'form']).as('verify.form')
router.post('/verify', [c.Verifications, 'lookup']).as('verify.lookup')
router.get('/verify/:code', [c.Verifications, 'show']).as('verify.show').where('code', verification)
