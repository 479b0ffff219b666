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
  })
  .use(middleware.auth())
