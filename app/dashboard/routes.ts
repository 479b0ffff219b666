import app from '@adonisjs/core/services/app'
import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'
import env from '#start/env'

const c = controllers.dashboard

router
  .group(() => {
    router.get('/', [c.Dashboard, 'show']).as('dashboard')
    router.get('/soon/:feature', [c.ComingSoon, 'show']).as('coming_soon')
  })
  .use(middleware.auth())

// Public: load balancers' health check and the benchmarks' baseline.
router.get('/health', [c.Health, 'show']).as('health')

/*
 * Development helper: read the mail the app "sent" (invitation and reset
 * links). Only in development and tests, with the mailbox transport: a server
 * run any other way (production, or a staging box) never exposes those links.
 */
if ((app.inDev || app.inTest) && env.get('MAIL_MAILER') === 'mailbox') {
  router.get('/dev/mailbox', [c.DevMailbox, 'index']).as('dev.mailbox')
}
