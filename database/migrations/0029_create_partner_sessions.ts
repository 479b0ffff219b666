import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  /**
   * Sessions of partner exam centres (seed 004 §6.5: "Sélection d'une session
   * de passage dans un centre La Poste"): the network publishes them; an
   * official exam in a partner centre is assigned on one, within its seats.
   */
  async up() {
    this.schema.createTable('partner_sessions', (table) => {
      table.increments('id')
      table.string('centre_name', 120).notNullable()
      table.string('address', 200).notNullable()
      table.string('postcode', 10).notNullable()
      table.string('city', 80).notNullable()
      table.timestamp('starts_at').notNullable()
      table.integer('seats').notNullable()
      table.string('status', 10).notNullable().defaultTo('open') // open | cancelled
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['status', 'starts_at'])
    })
    this.schema.alterTable('credit_assignments', (table) => {
      table
        .integer('partner_session_id')
        .unsigned()
        .nullable()
        .references('partner_sessions.id')
        .onDelete('SET NULL')
      table.index(['partner_session_id', 'status'])
    })
  }

  async down() {
    this.schema.alterTable('credit_assignments', (table) => {
      table.dropIndex(['partner_session_id', 'status'])
      table.dropForeign(['partner_session_id'])
      table.dropColumn('partner_session_id')
    })
    this.schema.dropTable('partner_sessions')
  }
}
