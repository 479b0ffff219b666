import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  /**
   * Requests about registrations (seed 001 part 5): aménagement, dispense,
   * report, fraude/incident and recours share one workflow
   * submitted → in_review → accepted | refused, each with its conversation.
   */
  async up() {
    this.schema.createTable('registration_requests', (table) => {
      table.increments('id')
      table.string('kind', 16).notNullable() // accommodation | exemption | postponement | fraud | appeal
      table.integer('centre_id').unsigned().notNullable().references('centres.id')
      table
        .integer('session_id')
        .unsigned()
        .notNullable()
        .references('exam_sessions.id')
        .onDelete('CASCADE')
      table
        .integer('registration_id')
        .unsigned()
        .notNullable()
        .references('registrations.id')
        .onDelete('CASCADE')
      table.integer('candidate_id').unsigned().notNullable().references('candidates.id')
      table.string('status', 12).notNullable() // submitted | in_review | accepted | refused
      table.string('category', 32).nullable()
      table.string('test_code', 8).nullable()
      table.text('description').notNullable()
      table.text('refusal_reason').nullable()
      table
        .integer('conversation_id')
        .unsigned()
        .nullable()
        .references('conversations.id')
        .onDelete('SET NULL')
      table
        .integer('new_registration_id')
        .unsigned()
        .nullable()
        .references('registrations.id')
        .onDelete('SET NULL')
      table
        .integer('requested_by')
        .unsigned()
        .nullable()
        .references('users.id')
        .onDelete('SET NULL')
      table.integer('reviewed_by').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('reviewed_at').nullable()
      table.integer('decided_by').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('decided_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['kind', 'centre_id', 'created_at'])
      table.index(['registration_id', 'kind', 'status'])
      table.index(['centre_id', 'decided_at'])
    })

    this.schema.alterTable('registrations', (table) => {
      table
        .integer('postponed_to_id')
        .unsigned()
        .nullable()
        .references('registrations.id')
        .onDelete('SET NULL')
    })

    this.schema.alterTable('registration_tests', (table) => {
      table.boolean('exempt').notNullable().defaultTo(false)
    })

    this.schema.alterTable('exam_sessions', (table) => {
      table.timestamp('results_published_at').nullable()
    })
  }

  async down() {
    this.schema.alterTable('exam_sessions', (table) => table.dropColumn('results_published_at'))
    this.schema.alterTable('registration_tests', (table) => table.dropColumn('exempt'))
    this.schema.alterTable('registrations', (table) => table.dropColumn('postponed_to_id'))
    this.schema.dropTable('registration_requests')
  }
}
