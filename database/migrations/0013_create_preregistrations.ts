import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  /**
   * Online pre-registrations (seed 001 part 4): a person asks a centre for a
   * seat from its public page, without an account; the centre transfers the
   * request into a session (creating or matching the candidate) or declines it.
   */
  async up() {
    this.schema.createTable('preregistrations', (table) => {
      table.increments('id')
      table
        .integer('centre_id')
        .unsigned()
        .notNullable()
        .references('centres.id')
        .onDelete('CASCADE')
      table
        .integer('session_id')
        .unsigned()
        .nullable()
        .references('exam_sessions.id')
        .onDelete('SET NULL')
      table.string('civility', 4).notNullable()
      table.string('last_name', 100).notNullable()
      table.string('first_name', 100).notNullable()
      table.string('email', 254).notNullable()
      table.string('phone', 30).nullable()
      table.date('birth_date').notNullable()
      table.string('tests', 60).nullable() // "CE,CO"
      table.string('status', 12).notNullable() // pending | transferred | declined
      table.integer('registration_id').unsigned().nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['centre_id', 'status', 'created_at'])
    })
  }

  async down() {
    this.schema.dropTable('preregistrations')
  }
}
