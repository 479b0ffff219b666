import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'

const c = controllers.centres
const id = router.matchers.number()

router
  .group(() => {
    router.get('/centres', [c.Centres, 'index']).as('centres.index')
    router.get('/centres/choices', [c.CentreChoices, 'index']).as('centres.choices')
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

    router.get('/groups', [c.Groups, 'index']).as('groups.index')
    router.get('/groups/create', [c.Groups, 'create']).as('groups.create')
    router
      .get('/groups/export/:format', [c.Groups, 'export'])
      .as('groups.export')
      .where('format', /^(xlsx|csv)$/)
    router.post('/groups', [c.Groups, 'store']).as('groups.store')
    router.get('/groups/:id/edit', [c.Groups, 'edit']).as('groups.edit').where('id', id)
    router.put('/groups/:id', [c.Groups, 'update']).as('groups.update').where('id', id)
    router.delete('/groups/:id', [c.Groups, 'destroy']).as('groups.destroy').where('id', id)
    router.post('/groups/:id/hiding', [c.GroupHidings, 'store']).as('groups.hide').where('id', id)
    router
      .delete('/groups/:id/hiding', [c.GroupHidings, 'destroy'])
      .as('groups.show')
      .where('id', id)

    router.get('/classes', [c.Divisions, 'index']).as('divisions.index')
    router.post('/classes', [c.Divisions, 'store']).as('divisions.store')
    router
      .get('/classes/:id/export/:format', [c.Divisions, 'export'])
      .as('divisions.export')
      .where('id', id)
      .where('format', /^(xlsx|csv)$/)
    router
      .post('/classes/:id/reset-links', [c.Divisions, 'sendLinks'])
      .as('divisions.reset_links')
      .where('id', id)

    router.get('/imports/users', [c.UserImports, 'show']).as('user_imports.show')
    router.get('/imports/users/template', [c.UserImports, 'template']).as('user_imports.template')
    router.post('/imports/users/preview', [c.UserImports, 'preview']).as('user_imports.preview')
    router.post('/imports/users/apply', [c.UserImports, 'apply']).as('user_imports.apply')

    router.get('/centres/:id/logo', [c.Logos, 'show']).as('centres.logo').where('id', id)

    router.get('/my-centre', [c.CentreProfiles, 'show']).as('centre_profile.show')
    router
      .put('/my-centre/:id', [c.CentreProfiles, 'update'])
      .as('centre_profile.update')
      .where('id', router.matchers.number())
  })
  .use(middleware.auth())
