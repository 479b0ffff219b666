import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The network's orders page: its "last order" line and the history sorted by
 * date read every order (3 ms each for 14,000 orders of demo:big, per view),
 * and its stock summed every line ever ordered to keep those with credits
 * left (8 ms for 19,000). Indexes on the order date, and on the lines that
 * still hold credits, by expiry.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('credit_orders', (table) => {
      table.index(['ordered_at'], 'credit_orders_ordered_at_index')
    })
    this.schema.raw(
      'create index credit_order_lines_in_stock on credit_order_lines (expires_on, type) where remaining > 0'
    )
  }

  async down() {
    this.schema.raw('drop index if exists credit_order_lines_in_stock')
    this.schema.alterTable('credit_orders', (table) => {
      table.dropIndex(['ordered_at'], 'credit_orders_ordered_at_index')
    })
  }
}
