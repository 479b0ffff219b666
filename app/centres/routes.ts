import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'

const c = controllers.centres

router
  .group(() => {
    router.get('/centres', [c.Centres, 'index']).as('centres.index')
    router.get('/centres/create', [c.Centres, 'create']).as('centres.create')
    router
      .get('/centres/export/:format', [c.Centres, 'export'])
      .as('centres.export')
      .where('format', /^(xlsx|csv)$/)
    router.post('/centres', [c.Centres, 'store']).as('centres.store')
    router
      .get('/centres/:id', [c.Centres, 'show'])
      .as('centres.show')
      .where('id', router.matchers.number())
    router
      .get('/centres/:id/edit', [c.Centres, 'edit'])
      .as('centres.edit')
      .where('id', router.matchers.number())
    router
      .put('/centres/:id', [c.Centres, 'update'])
      .as('centres.update')
      .where('id', router.matchers.number())

    router.get('/my-centre', [c.CentreProfiles, 'show']).as('centre_profile.show')
    router
      .put('/my-centre/:id', [c.CentreProfiles, 'update'])
      .as('centre_profile.update')
      .where('id', router.matchers.number())
  })
  .use(middleware.auth())
