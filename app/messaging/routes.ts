import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'

const c = controllers.messaging
const id = router.matchers.number()

router
  .group(() => {
    router.get('/messages', [c.Conversations, 'index']).as('messages.index')
    router.get('/messages/new', [c.Conversations, 'create']).as('messages.create')
    router.post('/messages', [c.Conversations, 'store']).as('messages.store')
    router.get('/messages/:id', [c.Conversations, 'show']).as('messages.show').where('id', id)
    router.post('/messages/:id/replies', [c.Replies, 'store']).as('messages.reply').where('id', id)
    router
      .get('/messages/:id/attachments/:attachmentId', [c.Attachments, 'show'])
      .as('messages.attachment')
      .where('id', id)
      .where('attachmentId', id)
    router.post('/messages/:id/closure', [c.Closures, 'store']).as('messages.close').where('id', id)
    router
      .delete('/messages/:id/closure', [c.Closures, 'destroy'])
      .as('messages.reopen')
      .where('id', id)

    router.get('/account-requests/new', [c.AccountRequests, 'create']).as('account_requests.create')
    router.post('/account-requests', [c.AccountRequests, 'store']).as('account_requests.store')
    router
      .post('/account-requests/:id/acceptance', [c.AccountRequestDecisions, 'accept'])
      .as('account_requests.accept')
      .where('id', id)
    router
      .post('/account-requests/:id/refusal', [c.AccountRequestDecisions, 'refuse'])
      .as('account_requests.refuse')
      .where('id', id)
  })
  .use(middleware.auth())
