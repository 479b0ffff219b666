import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  /**
   * The anomaly sheet (feuille d'anomalies, seed 001 part 5): lines the centre
   * declares when it puts a session into correction; the session moves to
   * in_correction once the account manager has processed every line.
   */
  async up() {
    this.schema.createTable('session_anomalies', (table) => {
      table.increments('id')
      table
        .integer('session_id')
        .unsigned()
        .notNullable()
        .references('exam_sessions.id')
        .onDelete('CASCADE')
      table.integer('centre_id').unsigned().notNullable().references('centres.id')
      table
        .integer('registration_id')
        .unsigned()
        .nullable()
        .references('registrations.id')
        .onDelete('SET NULL')
      table.string('kind', 24).notNullable() // virtual_candidate | identity | absence | technical | timing | other
      table.text('description').notNullable()
      table.string('status', 12).notNullable() // draft | submitted | processed
      table.text('note').nullable()
      table.integer('created_by').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table
        .integer('processed_by')
        .unsigned()
        .nullable()
        .references('users.id')
        .onDelete('SET NULL')
      table.timestamp('submitted_at').nullable()
      table.timestamp('processed_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['session_id', 'status'])
      table.index(['centre_id', 'created_at'])
    })

    this.schema.alterTable('exam_sessions', (table) => {
      table.timestamp('anomalies_submitted_at').nullable()
      table
        .integer('anomalies_conversation_id')
        .unsigned()
        .nullable()
        .references('conversations.id')
        .onDelete('SET NULL')
    })
  }

  async down() {
    this.schema.alterTable('exam_sessions', (table) => {
      table.dropColumn('anomalies_conversation_id')
      table.dropColumn('anomalies_submitted_at')
    })
    this.schema.dropTable('session_anomalies')
  }
}
