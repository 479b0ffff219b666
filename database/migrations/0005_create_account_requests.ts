import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  /**
   * A centre manager's request for a new staff or evaluator account; it lives as
   * a conversation with the network until accepted (the user is created) or refused.
   */
  async up() {
    this.schema.createTable('account_requests', (table) => {
      table.increments('id')
      table
        .integer('centre_id')
        .unsigned()
        .notNullable()
        .references('centres.id')
        .onDelete('CASCADE')
      table
        .integer('requested_by')
        .unsigned()
        .nullable()
        .references('users.id')
        .onDelete('SET NULL')
      table.string('first_name', 100).notNullable()
      table.string('last_name', 100).notNullable()
      table.string('email', 254).notNullable()
      table.string('gender', 1).nullable()
      table.string('phone', 32).nullable()
      table.string('role', 24).notNullable()
      table.string('status', 16).notNullable().defaultTo('submitted') // submitted | accepted | refused
      table.text('reason').nullable()
      table.integer('decided_by').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('decided_at').nullable()
      table.integer('user_id').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table
        .integer('conversation_id')
        .unsigned()
        .nullable()
        .references('conversations.id')
        .onDelete('SET NULL')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['centre_id', 'status'])
      table.index(['email'])
    })
  }

  async down() {
    this.schema.dropTable('account_requests')
  }
}
