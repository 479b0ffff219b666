import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'

const c = controllers.candidates
const id = router.matchers.number()
const step = /^(identity|account|information)$/
const section = /^(identity|information|contact|misc)$/
const format = /^(xlsx|csv)$/

router
  .group(() => {
    router.get('/candidates', [c.Candidates, 'index']).as('candidates.index')
    router
      .get('/candidates/export/:format', [c.Candidates, 'export'])
      .as('candidates.export')
      .where('format', format)
    router.get('/candidates/create', [c.CandidateWizard, 'start']).as('candidates.create')
    router
      .get('/candidates/create/:step', [c.CandidateWizard, 'show'])
      .as('candidates.wizard')
      .where('step', step)
    router
      .post('/candidates/create/identity', [c.CandidateWizard, 'identity'])
      .as('candidates.wizard.identity')
    router
      .post('/candidates/create/account', [c.CandidateWizard, 'account'])
      .as('candidates.wizard.account')
    router
      .post('/candidates/create/information', [c.CandidateWizard, 'information'])
      .as('candidates.wizard.information')
    router.get('/candidates/retention', [c.Retention, 'show']).as('candidates.retention')
    router.put('/candidates/retention', [c.Retention, 'update']).as('candidates.retention.update')

    router.get('/candidates/:id', [c.Candidates, 'show']).as('candidates.show').where('id', id)
    router
      .get('/candidates/:id/created', [c.Candidates, 'created'])
      .as('candidates.created')
      .where('id', id)
    router
      .get('/candidates/:id/edit/:section', [c.Candidates, 'edit'])
      .as('candidates.edit')
      .where('id', id)
      .where('section', section)
    router
      .put('/candidates/:id/:section', [c.Candidates, 'update'])
      .as('candidates.update')
      .where('id', id)
      .where('section', section)
    router
      .post('/candidates/:id/invitation', [c.Candidates, 'invite'])
      .as('candidates.invite')
      .where('id', id)
    router
      .delete('/candidates/:id', [c.Candidates, 'destroy'])
      .as('candidates.destroy')
      .where('id', id)
    router
      .get('/candidates/:id/:kind', [c.Candidates, 'media'])
      .as('candidates.media')
      .where('id', id)
      .where('kind', /^(photo|signature)$/)
    router
      .get('/candidates/:id/personal-data', [c.PersonalData, 'export'])
      .as('candidates.personal_data')
      .where('id', id)
    router
      .get('/candidates/:id/anonymise', [c.PersonalData, 'confirm'])
      .as('candidates.anonymise')
      .where('id', id)
    router
      .post('/candidates/:id/anonymise', [c.PersonalData, 'anonymise'])
      .as('candidates.anonymise.store')
      .where('id', id)

    router
      .post('/candidates/:id/groups', [c.GroupCandidates, 'addOne'])
      .as('candidates.groups.add')
      .where('id', id)
    router
      .delete('/candidates/:id/groups/:groupId', [c.GroupCandidates, 'removeOne'])
      .as('candidates.groups.remove')
      .where('id', id)
      .where('groupId', id)
    router
      .get('/groups/:id/candidates', [c.GroupCandidates, 'index'])
      .as('group_candidates.index')
      .where('id', id)
    router
      .get('/groups/:id/candidates/export/:format', [c.GroupCandidates, 'export'])
      .as('group_candidates.export')
      .where('id', id)
      .where('format', format)
    router
      .get('/groups/:id/candidates/associate', [c.GroupCandidates, 'picker'])
      .as('group_candidates.picker')
      .where('id', id)
    router
      .post('/groups/:id/candidates', [c.GroupCandidates, 'associate'])
      .as('group_candidates.associate')
      .where('id', id)
    router
      .delete('/groups/:id/candidates/:candidateId', [c.GroupCandidates, 'dissociate'])
      .as('group_candidates.dissociate')
      .where('id', id)
      .where('candidateId', id)
  })
  .use(middleware.auth())
