import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  /**
   * Candidates of a centre (SPEC §2 candidates; seed 004 §6). The exam summary
   * columns (exam_*) are a projection of candidate_exams, which the sessions and
   * orders modules feed through the candidates module's public API: the table
   * sorts, filters and pages on them in SQL.
   */
  async up() {
    this.schema.createTable('candidates', (table) => {
      table.increments('id')
      table
        .integer('centre_id')
        .unsigned()
        .notNullable()
        .references('centres.id')
        .onDelete('CASCADE')
      table.integer('user_id').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.string('civility', 4).notNullable() // mme | m
      table.string('last_name', 100).notNullable()
      table.string('birth_name', 100).nullable()
      table.string('first_name', 100).notNullable()
      table.string('email', 254).nullable()
      table.date('birth_date').notNullable()
      table.string('birth_postcode', 12).nullable()
      table.string('birth_town', 100).nullable()
      table.string('birth_country', 2).nullable()
      table.string('nationality', 2).nullable()
      table.string('mother_tongue', 40).nullable()
      table.string('id_number', 40).nullable()
      table.string('status', 20).notNullable()
      table.string('funding', 20).notNullable()
      table.string('phone', 30).nullable()
      table.string('address', 200).nullable()
      table.string('postcode', 12).nullable()
      table.string('town', 100).nullable()
      table.string('residence_country', 2).nullable()
      table.string('education_level', 20).nullable()
      table.string('socio_category', 30).nullable()
      table.string('photo_key', 200).nullable()
      table.string('signature_key', 200).nullable()
      // Projection of the latest exam (candidate_exams).
      table.string('exam_status', 12).notNullable().defaultTo('to_assign')
      table.string('exam_validation', 12).nullable()
      table.integer('exam_score').nullable()
      table.string('exam_type', 120).nullable()
      table.date('exam_date').nullable()
      table.timestamp('locked_at').nullable()
      table.timestamp('anonymised_at').nullable()
      table.timestamp('last_activity_at').notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['centre_id', 'last_name', 'first_name', 'id'])
      table.index(['centre_id', 'birth_date'])
      table.index(['centre_id', 'exam_status'])
      table.index(['centre_id', 'exam_date'])
      table.index(['last_activity_at'])
      table.index(['user_id'])
    })

    this.schema.createTable('candidate_group', (table) => {
      table
        .integer('candidate_id')
        .unsigned()
        .notNullable()
        .references('candidates.id')
        .onDelete('CASCADE')
      table.integer('group_id').unsigned().notNullable().references('groups.id').onDelete('CASCADE')
      table.timestamp('created_at').notNullable()
      table.primary(['candidate_id', 'group_id'])
      table.index(['group_id'])
    })

    // One row per exam a candidate was given (a registration or an assigned credit).
    this.schema.createTable('candidate_exams', (table) => {
      table.increments('id')
      table
        .integer('candidate_id')
        .unsigned()
        .notNullable()
        .references('candidates.id')
        .onDelete('RESTRICT')
      table.string('source', 20).notNullable() // registration | credit
      table.integer('source_id').unsigned().notNullable()
      table.string('exam_type', 120).notNullable()
      table.string('status', 12).notNullable() // planned | expired | passed | cancelled
      table.string('validation', 12).nullable() // validated | pending | invalidated
      table.integer('score').nullable()
      table.date('exam_date').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['source', 'source_id'])
      table.index(['candidate_id'])
    })

    // Settings of the network (one deployment = one network), e.g. retention.
    this.schema.createTable('network_settings', (table) => {
      table.string('key', 60).primary()
      table.text('value').notNullable()
      table.timestamp('updated_at').notNullable()
    })
  }

  async down() {
    this.schema.dropTable('network_settings')
    this.schema.dropTable('candidate_exams')
    this.schema.dropTable('candidate_group')
    this.schema.dropTable('candidates')
  }
}
