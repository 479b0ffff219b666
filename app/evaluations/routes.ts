import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'

const c = controllers.evaluations
const id = router.matchers.number()

router
  .group(() => {
    router.get('/frameworks', [c.Frameworks, 'index']).as('frameworks.index')
    router.get('/frameworks/import', [c.Frameworks, 'create']).as('frameworks.create')
    router.post('/frameworks', [c.Frameworks, 'store']).as('frameworks.store')
    router.get('/frameworks/:id', [c.Frameworks, 'show']).as('frameworks.show').where('id', id)
    router
      .put('/frameworks/:id/assignments', [c.Frameworks, 'assign'])
      .as('frameworks.assign')
      .where('id', id)
    router
      .get('/classes/:id/frameworks', [c.ClassFrameworks, 'show'])
      .as('class_frameworks.show')
      .where('id', id)
    router
      .put('/classes/:id/frameworks', [c.ClassFrameworks, 'update'])
      .as('class_frameworks.update')
      .where('id', id)

    router.get('/scenarios', [c.Scenarios, 'index']).as('scenarios.index')
    router.get('/scenarios/create', [c.Scenarios, 'create']).as('scenarios.create')
    router.post('/scenarios', [c.Scenarios, 'store']).as('scenarios.store')
    router.get('/scenarios/:id', [c.Scenarios, 'show']).as('scenarios.show').where('id', id)
    router.get('/scenarios/:id/edit', [c.Scenarios, 'edit']).as('scenarios.edit').where('id', id)
    router.put('/scenarios/:id', [c.Scenarios, 'update']).as('scenarios.update').where('id', id)
    router
      .delete('/scenarios/:id', [c.Scenarios, 'destroy'])
      .as('scenarios.destroy')
      .where('id', id)
    router
      .get('/scenarios/:id/duplicate', [c.Scenarios, 'duplicateForm'])
      .as('scenarios.duplicate_form')
      .where('id', id)
    router
      .post('/scenarios/:id/duplicate', [c.Scenarios, 'duplicate'])
      .as('scenarios.duplicate')
      .where('id', id)
    router.get('/scenarios/:id/pdf', [c.Scenarios, 'pdf']).as('scenarios.pdf').where('id', id)
    router
      .delete('/scenarios/:id/attachments/:attachmentId', [c.Scenarios, 'destroyAttachment'])
      .as('scenarios.attachment.destroy')
      .where('id', id)
      .where('attachmentId', id)
    router
      .get('/scenarios/:id/attachments/:attachmentId', [c.Scenarios, 'attachment'])
      .as('scenarios.attachment')
      .where('id', id)
      .where('attachmentId', id)

    router.get('/evaluations', [c.Evaluations, 'index']).as('evaluations.index')
    router.get('/evaluations/create', [c.Evaluations, 'create']).as('evaluations.create')
    router.post('/evaluations', [c.Evaluations, 'store']).as('evaluations.store')
    router.get('/evaluations/:id', [c.Evaluations, 'show']).as('evaluations.show').where('id', id)
    router
      .get('/evaluations/:id/edit', [c.Evaluations, 'edit'])
      .as('evaluations.edit')
      .where('id', id)
    router
      .put('/evaluations/:id', [c.Evaluations, 'update'])
      .as('evaluations.update')
      .where('id', id)
    router
      .delete('/evaluations/:id', [c.Evaluations, 'destroy'])
      .as('evaluations.destroy')
      .where('id', id)
    router
      .post('/evaluations/:id/grades', [c.Evaluations, 'grade'])
      .as('evaluations.grade')
      .where('id', id)
    router
      .get('/evaluations/:id/sheet', [c.Evaluations, 'sheet'])
      .as('evaluations.sheet')
      .where('id', id)
    router
      .get('/evaluations/:id/history', [c.Evaluations, 'history'])
      .as('evaluations.history')
      .where('id', id)

    router.get('/my/evaluations', [c.MyEvaluations, 'index']).as('my_evaluations.index')
    router
      .get('/my/evaluations/:id', [c.MyEvaluations, 'show'])
      .as('my_evaluations.show')
      .where('id', id)
  })
  .use(middleware.auth())
