import '#orders/wiring'
import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'

const c = controllers.orders
const id = router.matchers.number()
const format = /^(xlsx|csv)$/

router
  .group(() => {
    // The credit catalogue (network admin).
    router.get('/credit-products', [c.CreditProducts, 'index']).as('credit_products.index')
    router.get('/credit-products/create', [c.CreditProducts, 'create']).as('credit_products.create')
    router.post('/credit-products', [c.CreditProducts, 'store']).as('credit_products.store')
    router
      .get('/credit-products/:id/edit', [c.CreditProducts, 'edit'])
      .as('credit_products.edit')
      .where('id', id)
    router
      .put('/credit-products/:id', [c.CreditProducts, 'update'])
      .as('credit_products.update')
      .where('id', id)

    // Orders: "Mes commandes", the cart, validation and delivery.
    router.get('/orders', [c.CreditOrders, 'index']).as('credit_orders.index')
    router
      .get('/orders/export/:format', [c.CreditOrders, 'export'])
      .as('credit_orders.export')
      .where('format', format)
    router.get('/orders/new', [c.CreditOrders, 'create']).as('credit_orders.create')
    router.post('/orders', [c.CreditOrders, 'store']).as('credit_orders.store')
    router.get('/orders/:id', [c.CreditOrders, 'show']).as('credit_orders.show').where('id', id)
    router
      .delete('/orders/:id', [c.CreditOrders, 'destroy'])
      .as('credit_orders.destroy')
      .where('id', id)
    router
      .get('/orders/:id/payment', [c.OrderPayments, 'show'])
      .as('order_payments.show')
      .where('id', id)
    router
      .post('/orders/:id/payment', [c.OrderPayments, 'store'])
      .as('order_payments.store')
      .where('id', id)
    router
      .post('/orders/:id/delivery', [c.OrderDeliveries, 'store'])
      .as('order_deliveries.store')
      .where('id', id)
  })
  .use(middleware.auth())
