import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'

const c = controllers.accounts

router
  .group(() => {
    router.get('/login', [c.Session, 'create']).as('session.create')
    router.post('/login', [c.Session, 'store']).as('session.store')
    router.get('/forgot-password', [c.PasswordReset, 'create']).as('password_reset.create')
    router.post('/forgot-password', [c.PasswordReset, 'store']).as('password_reset.store')
  })
  .use(middleware.guest())

// Links from emails work whether someone is logged in on this browser or not.
router.get('/reset-password/:token', [c.PasswordReset, 'edit']).as('password_reset.edit')
router.post('/reset-password/:token', [c.PasswordReset, 'update']).as('password_reset.update')
router.get('/invitations/:token', [c.Invitations, 'show']).as('invitations.show')
router.post('/invitations/:token', [c.Invitations, 'update']).as('invitations.update')
router.post('/locale', [c.Locale, 'store']).as('locale.store')

router
  .group(() => {
    router.post('/logout', [c.Session, 'destroy']).as('session.destroy')
    router.get('/profile', [c.Profile, 'show']).as('profile.show')
    router.put('/profile', [c.Profile, 'update']).as('profile.update')
    router.put('/profile/password', [c.Password, 'update']).as('profile.password')

    router.get('/users', [c.Users, 'index']).as('users.index')
    router.get('/users/create', [c.Users, 'create']).as('users.create')
    router
      .get('/users/export/:format', [c.Users, 'export'])
      .as('users.export')
      .where('format', /^(xlsx|csv)$/)
    router.post('/users', [c.Users, 'store']).as('users.store')
    router
      .get('/users/:id', [c.Users, 'show'])
      .as('users.show')
      .where('id', router.matchers.number())
    router
      .get('/users/:id/edit', [c.Users, 'edit'])
      .as('users.edit')
      .where('id', router.matchers.number())
    router
      .put('/users/:id', [c.Users, 'update'])
      .as('users.update')
      .where('id', router.matchers.number())
    router.post('/users/:id/disablement', [c.UserDisablements, 'store']).as('users.disable')
    router.delete('/users/:id/disablement', [c.UserDisablements, 'destroy']).as('users.enable')
    router.post('/users/:id/links', [c.UserLinks, 'store']).as('users.links')

    router.get('/admin/audit', [c.AuditLogs, 'index']).as('audit.index')
  })
  .use(middleware.auth())
