import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  /**
   * The exam passport (seed 000): what the examiner captures for a
   * registration on the tablet — photo, accepted conditions and signature,
   * the subject and grid of each oral part, the audio clips — and the
   * resumable uploads that bring each item to the server.
   */
  async up() {
    this.schema.createTable('exam_passports', (table) => {
      table.increments('id')
      table
        .integer('registration_id')
        .unsigned()
        .notNullable()
        .unique()
        .references('registrations.id')
        .onDelete('CASCADE')
      table.integer('centre_id').unsigned().notNullable().references('centres.id')
      table.timestamp('conditions_accepted_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['centre_id'])
    })

    this.schema.createTable('passport_parts', (table) => {
      table.increments('id')
      table
        .integer('passport_id')
        .unsigned()
        .notNullable()
        .references('exam_passports.id')
        .onDelete('CASCADE')
      table.string('part', 8).notNullable() // EO-A | EO-B | IO
      table
        .integer('subject_id')
        .unsigned()
        .nullable()
        .references('exam_subjects.id')
        .onDelete('SET NULL')
      table.text('grid').notNullable() // JSON: criterion id → level
      table.timestamp('graded_at').nullable()
      table.integer('graded_by').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.unique(['passport_id', 'part'])
    })

    this.schema.createTable('passport_media', (table) => {
      table.increments('id')
      table
        .integer('passport_id')
        .unsigned()
        .notNullable()
        .references('exam_passports.id')
        .onDelete('CASCADE')
      table.string('kind', 10).notNullable() // photo | signature | clip
      table.string('part', 8).nullable() // the oral part of a clip
      table.string('client_id', 64).notNullable() // the capture's id in the browser
      table.string('storage_key', 200).nullable() // null once purged
      table.string('mime', 100).notNullable()
      table.bigInteger('size').unsigned().notNullable()
      table.string('sha256', 64).notNullable()
      table.integer('duration_ms').unsigned().nullable()
      table.timestamp('captured_at').notNullable()
      table.integer('captured_by').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('uploaded_at').notNullable()
      table.timestamp('purged_at').nullable()
      table.unique(['passport_id', 'client_id'])
      table.index(['passport_id', 'kind'])
    })

    this.schema.createTable('passport_uploads', (table) => {
      table.string('id', 36).primary() // uuid
      table
        .integer('passport_id')
        .unsigned()
        .notNullable()
        .references('exam_passports.id')
        .onDelete('CASCADE')
      table.string('client_id', 64).notNullable()
      table.string('kind', 10).notNullable()
      table.string('part', 8).nullable()
      table.bigInteger('size').unsigned().notNullable()
      table.string('sha256', 64).notNullable()
      table.bigInteger('received').unsigned().notNullable().defaultTo(0)
      table.text('chunks').notNullable() // JSON: offsets of the chunks stored, in order
      table.string('mime', 100).nullable() // decided from the first chunk's bytes
      table.string('extension', 8).nullable()
      table.timestamp('finalising_at').nullable() // a request is joining the chunks
      table.integer('duration_ms').unsigned().nullable()
      table.timestamp('captured_at').notNullable()
      table.timestamp('accepted_at').nullable() // a signature: when the conditions were accepted
      table.integer('created_by').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table
        .integer('media_id')
        .unsigned()
        .nullable()
        .references('passport_media.id')
        .onDelete('SET NULL')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['passport_id', 'client_id'])
    })
  }

  async down() {
    this.schema.dropTable('passport_uploads')
    this.schema.dropTable('passport_media')
    this.schema.dropTable('passport_parts')
    this.schema.dropTable('exam_passports')
  }
}
