/**
 * Public API of the orders module. Other modules import from '#orders' only.
 *
 * - CreditProduct, CREDIT_TYPES: what centres may order.
 * - placeOrder / markOrderPaid / deliverOrder / cancelOrder: an order's life.
 * - assignCredit(s) / changeAssignment / removeAssignment(s): credits given to
 *   candidates from the stock (stockOf), never below zero, never twice.
 * - expireCredits: the scheduled expiry (orders:expire-credits).
 * - ordersDashboard: the home boxes (credits left, candidates, groups).
 */
export { default as CreditProduct } from '#orders/models/credit_product'
export { CREDIT_TYPES } from '#orders/models/credit_type'
export type { CreditType } from '#orders/models/credit_type'
export {
  placeOrder,
  markOrderPaid,
  deliverOrder,
  cancelOrder,
  priceCart,
} from '#orders/services/orders'
export { stockOf, expireCredits } from '#orders/services/stock'
export {
  assignCredit,
  assignCredits,
  changeAssignment,
  removeAssignment,
  removeAssignments,
  expireAssignments,
} from '#orders/services/assignments'
export { ordersDashboard } from '#orders/services/dashboard'
