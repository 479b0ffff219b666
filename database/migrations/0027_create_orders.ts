import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  /**
   * Orders of exam credits (seed 004 §4, §6.5–6.7): the network's credit
   * products, a centre's orders and their lines, the credits assigned to
   * candidates, and the ledger of every stock movement. Amounts are whole
   * cents, VAT rates basis points (20 % = 2000).
   *
   * The stock of a delivered line is its `remaining` count; each change of it
   * writes one movement (delivered +q, assigned −1, returned +1, expired −r)
   * in the same transaction, so Σ movements of a line = its remaining ≥ 0.
   */
  async up() {
    this.schema.createTable('credit_products', (table) => {
      table.increments('id')
      table.string('name', 120).notNullable()
      table.string('type', 24).notNullable()
      table.string('reference', 40).notNullable().unique()
      table.integer('unit_price_cents').notNullable()
      table.integer('vat_rate_bp').notNullable()
      table.integer('validity_months').notNullable()
      table.string('status', 10).notNullable().defaultTo('active')
      // Every centre may buy it, or only those listed in credit_product_centres.
      table.boolean('all_centres').notNullable().defaultTo(true)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })

    this.schema.createTable('credit_product_centres', (table) => {
      table
        .integer('product_id')
        .unsigned()
        .notNullable()
        .references('credit_products.id')
        .onDelete('CASCADE')
      table
        .integer('centre_id')
        .unsigned()
        .notNullable()
        .references('centres.id')
        .onDelete('CASCADE')
      table.primary(['product_id', 'centre_id'])
      table.index(['centre_id'])
    })

    this.schema.createTable('credit_orders', (table) => {
      table.increments('id')
      table.string('number', 20).nullable().unique()
      table.integer('centre_id').unsigned().notNullable().references('centres.id')
      table.integer('ordered_by').unsigned().nullable().references('users.id').onDelete('SET NULL')
      // to_validate → paid → delivered → consumed; or cancelled before delivery.
      table.string('status', 12).notNullable()
      table.string('payment_method', 16).notNullable()
      table.integer('total_ht_cents').notNullable()
      table.integer('total_vat_cents').notNullable()
      table.integer('total_ttc_cents').notNullable()
      table.timestamp('ordered_at').notNullable()
      table.timestamp('paid_at').nullable()
      table.integer('paid_by').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('delivered_at').nullable()
      table
        .integer('delivered_by')
        .unsigned()
        .nullable()
        .references('users.id')
        .onDelete('SET NULL')
      table.timestamp('cancelled_at').nullable()
      table
        .integer('cancelled_by')
        .unsigned()
        .nullable()
        .references('users.id')
        .onDelete('SET NULL')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['centre_id', 'status', 'ordered_at'])
      table.index(['status', 'ordered_at'])
    })

    this.schema.createTable('credit_order_lines', (table) => {
      table.increments('id')
      table
        .integer('order_id')
        .unsigned()
        .notNullable()
        .references('credit_orders.id')
        .onDelete('CASCADE')
      // Denormalised from the order: the stock is read per centre and type.
      table.integer('centre_id').unsigned().notNullable().references('centres.id')
      table
        .integer('product_id')
        .unsigned()
        .nullable()
        .references('credit_products.id')
        .onDelete('SET NULL')
      // The product as it was ordered: a later price change does not rewrite it.
      table.string('name', 120).notNullable()
      table.string('type', 24).notNullable()
      table.string('reference', 40).notNullable()
      table.integer('quantity').notNullable()
      table.integer('unit_price_cents').notNullable()
      table.integer('vat_rate_bp').notNullable()
      table.integer('ht_cents').notNullable()
      table.integer('vat_cents').notNullable()
      table.integer('ttc_cents').notNullable()
      table.integer('validity_months').notNullable()
      table.date('expires_on').nullable()
      table.integer('remaining').notNullable().defaultTo(0)
      table.index(['order_id'])
      table.index(['centre_id', 'type', 'expires_on'])
    })

    this.schema.createTable('credit_assignments', (table) => {
      table.increments('id')
      table.integer('centre_id').unsigned().notNullable().references('centres.id')
      table
        .integer('candidate_id')
        .unsigned()
        .notNullable()
        .references('candidates.id')
        .onDelete('CASCADE')
      table.integer('order_line_id').unsigned().notNullable().references('credit_order_lines.id')
      table.string('type', 24).notNullable()
      // planned → passed; or returned (to stock), or expired (not taken in time).
      table.string('status', 10).notNullable()
      table.date('exam_date').nullable()
      table.string('activation_code', 11).nullable().unique()
      table.integer('assigned_by').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('assigned_at').notNullable()
      table.timestamp('ended_at').nullable()
      table.integer('ended_by').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['centre_id', 'status'])
      table.index(['candidate_id'])
      table.index(['order_line_id'])
    })
    // A candidate holds one pending credit at most, even under concurrent requests.
    this.schema.raw(
      "CREATE UNIQUE INDEX credit_assignments_one_planned ON credit_assignments (candidate_id) WHERE status = 'planned'"
    )

    this.schema.createTable('credit_movements', (table) => {
      table.increments('id')
      table.integer('centre_id').unsigned().notNullable().references('centres.id')
      table
        .integer('order_line_id')
        .unsigned()
        .notNullable()
        .references('credit_order_lines.id')
        .onDelete('CASCADE')
      table
        .integer('assignment_id')
        .unsigned()
        .nullable()
        .references('credit_assignments.id')
        .onDelete('SET NULL')
      table.string('kind', 10).notNullable() // delivered | assigned | returned | expired
      table.integer('quantity').notNullable() // signed: + into the stock, − out of it
      table.integer('user_id').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('created_at').notNullable()
      table.index(['order_line_id'])
      table.index(['centre_id', 'created_at'])
    })
  }

  async down() {
    this.schema.dropTable('credit_movements')
    this.schema.dropTable('credit_assignments')
    this.schema.dropTable('credit_order_lines')
    this.schema.dropTable('credit_orders')
    this.schema.dropTable('credit_product_centres')
    this.schema.dropTable('credit_products')
  }
}
