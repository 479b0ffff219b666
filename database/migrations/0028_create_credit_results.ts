import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  /**
   * Results of exams taken with a credit (seed 004 §6.9), sent by the exam
   * delivery platform (JSON endpoint, one token per network) or imported from
   * a spreadsheet. `result_ref` is the platform's own id of the result: a
   * result sent twice updates the same row (the endpoint is idempotent).
   */
  async up() {
    this.schema.createTable('credit_results', (table) => {
      table.increments('id')
      table.string('result_ref', 64).notNullable().unique()
      table.integer('centre_id').unsigned().notNullable().references('centres.id')
      table
        .integer('candidate_id')
        .unsigned()
        .notNullable()
        .references('candidates.id')
        .onDelete('CASCADE')
      table
        .integer('assignment_id')
        .unsigned()
        .notNullable()
        .unique()
        .references('credit_assignments.id')
      table.string('type', 24).notNullable()
      table.integer('score').notNullable() // out of 1000
      table.date('passed_on').notNullable()
      table.string('validation', 12).notNullable() // validated | pending | invalidated
      table.date('valid_until').notNullable() // passed_on + 3 years
      table.string('public_code', 19).notNullable().unique()
      table.text('sections').nullable() // JSON: [{ name, score, max }] of the detailed report
      table.string('source', 8).notNullable() // api | import
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['candidate_id', 'passed_on'])
      table.index(['centre_id', 'passed_on'])
    })

    /** Tokens of the platforms that send results (shown once, kept hashed). */
    this.schema.createTable('api_tokens', (table) => {
      table.increments('id')
      table.string('name', 80).notNullable()
      table.string('token_hash', 64).notNullable().unique()
      table.string('hint', 8).notNullable() // the last characters, to tell tokens apart
      table.integer('created_by').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('last_used_at').nullable()
      table.timestamp('revoked_at').nullable()
      table.timestamp('created_at').notNullable()
    })
  }

  async down() {
    this.schema.dropTable('api_tokens')
    this.schema.dropTable('credit_results')
  }
}
