import { TenantPolicy } from '#shared/policy'
import type { User } from '#accounts'
import type CreditOrder from '#orders/models/credit_order'

/** What the rules of an order read: its centre and status (a model or a table's plain row). */
type OrderFacts = Pick<CreditOrder, 'centreId' | 'status'>

/**
 * Orders (seed 004 §4): the centre's manager orders and may cancel an order
 * not yet delivered; its staff read them; the account manager validates
 * (payment received) and delivers those of its portfolio; the network admin
 * does everything.
 */
export default class CreditOrderPolicy extends TenantPolicy {
  viewList(actor: User) {
    return this.is(actor, 'network_admin', 'account_manager', 'centre_manager', 'centre_staff')
  }

  view(actor: User, order: OrderFacts) {
    return this.viewList(actor) && this.canSeeCentre(actor, order.centreId)
  }

  place(actor: User) {
    return this.is(actor, 'centre_manager')
  }

  /** "Poursuivre ma commande": the centre pays its own order. */
  pay(actor: User, order: OrderFacts) {
    return (
      this.is(actor, 'centre_manager') &&
      this.canSeeCentre(actor, order.centreId) &&
      order.status === 'to_validate'
    )
  }

  /** The centre withdraws an order not yet paid; once paid, only the network (a refund is its matter). */
  cancel(actor: User, order: OrderFacts) {
    if (this.is(actor, 'centre_manager'))
      return order.status === 'to_validate' && this.canSeeCentre(actor, order.centreId)
    return ['to_validate', 'paid'].includes(order.status) && this.validate(actor, order)
  }

  /** "Valider": payment received. */
  validate(actor: User, order: OrderFacts) {
    return (
      this.is(actor, 'network_admin', 'account_manager') && this.canSeeCentre(actor, order.centreId)
    )
  }

  deliver(actor: User, order: OrderFacts) {
    return this.validate(actor, order)
  }
}

const rules = new CreditOrderPolicy()

/**
 * The row buttons of the orders table, for each of its rows: the policy's
 * rules called directly (they read nothing but the actor and the row) rather
 * than three bouncer calls per row. Not a method of the policy, so that no
 * ability answers with an object.
 */
export function orderRowActions(actor: User, order: OrderFacts) {
  return {
    pay: rules.pay(actor, order),
    validate: order.status === 'to_validate' && rules.validate(actor, order),
    deliver: order.status === 'paid' && rules.deliver(actor, order),
  }
}
