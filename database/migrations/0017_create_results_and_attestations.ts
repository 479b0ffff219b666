import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  /**
   * Results per registration and test, the attestations issued from them
   * (with a public verification code, superseded when a score changes), and
   * background jobs (long PDF batches) with their progress.
   */
  async up() {
    this.schema.createTable('registration_results', (table) => {
      table.increments('id')
      table
        .integer('registration_id')
        .unsigned()
        .notNullable()
        .references('registrations.id')
        .onDelete('CASCADE')
      table.string('test_code', 8).notNullable()
      table.integer('score').notNullable()
      table.string('level', 4).notNullable()
      table.string('source', 12).notNullable() // manual | import | passport
      table.text('reason').nullable()
      table.integer('entered_by').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['registration_id', 'test_code'])
    })

    this.schema.createTable('attestations', (table) => {
      table.increments('id')
      table
        .integer('registration_id')
        .unsigned()
        .notNullable()
        .references('registrations.id')
        .onDelete('CASCADE')
      table.integer('centre_id').unsigned().notNullable().references('centres.id')
      table.string('code', 24).notNullable().unique()
      table.string('status', 12).notNullable() // valid | superseded | revoked
      table.text('snapshot').notNullable() // JSON: what the attestation states
      table.timestamp('issued_at').notNullable()
      table.date('valid_until').notNullable()
      table
        .integer('superseded_by_id')
        .unsigned()
        .nullable()
        .references('attestations.id')
        .onDelete('SET NULL')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['registration_id', 'status'])
    })

    this.schema.createTable('background_jobs', (table) => {
      table.increments('id')
      table.string('type', 40).notNullable()
      table.integer('user_id').unsigned().nullable().references('users.id').onDelete('CASCADE')
      table.integer('centre_id').unsigned().nullable().references('centres.id')
      table.string('subject_type', 40).nullable()
      table.integer('subject_id').unsigned().nullable()
      table.string('status', 12).notNullable() // queued | running | done | failed
      table.integer('total').notNullable().defaultTo(0)
      table.integer('done').notNullable().defaultTo(0)
      table.string('result_key', 200).nullable()
      table.string('result_name', 200).nullable()
      table.string('error', 200).nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })

    this.schema.alterTable('exam_sessions', (table) => {
      table.timestamp('results_release_at').nullable()
    })
  }

  async down() {
    this.schema.alterTable('exam_sessions', (table) => table.dropColumn('results_release_at'))
    this.schema.dropTable('background_jobs')
    this.schema.dropTable('attestations')
    this.schema.dropTable('registration_results')
  }
}
