import app from '@adonisjs/core/services/app'
import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'

const c = controllers.dashboard

router
  .group(() => {
    router.get('/', [c.Dashboard, 'show']).as('dashboard')
    router.get('/soon/:feature', [c.ComingSoon, 'show']).as('coming_soon')
  })
  .use(middleware.auth())

// Development helper: read the mail the app "sent" (never in production).
if (!app.inProduction) {
  router.get('/dev/mailbox', [c.DevMailbox, 'index']).as('dev.mailbox')
}
