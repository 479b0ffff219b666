import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  /**
   * The professional passport (seeds 002 §3.7–3.9, 003): each learner's
   * professional situations in four tabs (description, characterisation,
   * supports, competence), their attachments, the teachers' evaluation of
   * each, the competences a teacher locked for a learner, and teachers'
   * saved competence filters.
   */
  async up() {
    this.schema.createTable('professional_situations', (table) => {
      table.increments('id')
      table.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE')
      table.integer('centre_id').unsigned().notNullable().references('centres.id')
      table
        .integer('situation_id')
        .unsigned()
        .notNullable()
        .references('situations.id')
        .onDelete('CASCADE')
      table
        .integer('competence_id')
        .unsigned()
        .notNullable()
        .references('competences.id')
        .onDelete('CASCADE')
      // Description
      table.string('title', 120).notNullable()
      table.boolean('project').notNullable().defaultTo(false)
      table.string('description', 255).notNullable()
      table.string('partners', 255).nullable()
      table.string('location', 16).notNullable() // organisation | training | mixed
      table.date('starts_on').notNullable()
      table.date('ends_on').notNullable()
      table.string('source', 16).notNullable() // internship | one_off | testimony | workshop | course | mixed
      table.string('kind', 16).notNullable() // lived | observed | simulated | mixed
      // Caractérisation (may stay incomplete)
      table.string('tasks', 255).nullable()
      table.string('objectives', 255).nullable()
      table.text('actors').notNullable() // JSON list of { name, role }
      table.text('means').nullable()
      table.text('quantitative_results').nullable()
      table.string('qualitative_results', 255).nullable()
      // Compétence
      table.text('competence_description').nullable()
      table.text('complexities').notNullable() // JSON list, among the competence's
      table.text('hazards').notNullable()
      // The teacher's evaluation (4-level scale) and appreciation
      table.string('result', 16).nullable() // total | partial | acquiring | errors
      table.text('appreciation').nullable()
      table
        .integer('evaluated_by')
        .unsigned()
        .nullable()
        .references('users.id')
        .onDelete('SET NULL')
      table.timestamp('evaluated_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['user_id', 'created_at'])
      table.index(['competence_id'])
      table.index(['centre_id'])
    })

    this.schema.createTable('situation_supports', (table) => {
      table.increments('id')
      table
        .integer('professional_situation_id')
        .unsigned()
        .notNullable()
        .references('professional_situations.id')
        .onDelete('CASCADE')
      table.string('designation', 128).notNullable()
      table.string('origin', 16).notNullable() // available | created | adapted
      table.string('nature', 16).notNullable() // digital | printed | video | audio
      table.integer('position').notNullable()
    })

    this.schema.createTable('situation_attachments', (table) => {
      table.increments('id')
      table
        .integer('professional_situation_id')
        .unsigned()
        .notNullable()
        .references('professional_situations.id')
        .onDelete('CASCADE')
      table.string('name', 200).notNullable()
      table.string('storage_key', 255).notNullable()
      table.string('mime', 80).notNullable()
      table.integer('size').notNullable()
      table.timestamp('created_at').notNullable()
    })

    this.schema.createTable('competence_locks', (table) => {
      table.increments('id')
      table.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE')
      table
        .integer('competence_id')
        .unsigned()
        .notNullable()
        .references('competences.id')
        .onDelete('CASCADE')
      table.integer('locked_by').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('created_at').notNullable()
      table.unique(['user_id', 'competence_id'])
    })

    // A teacher's saved competence filters for the mastery dashboard (seed 002 §3.9).
    this.schema.createTable('competence_filters', (table) => {
      table.increments('id')
      table.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE')
      table.string('name', 80).notNullable()
      table.text('competence_ids').notNullable() // JSON list
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['user_id', 'name'])
    })
  }

  async down() {
    this.schema.dropTable('competence_filters')
    this.schema.dropTable('competence_locks')
    this.schema.dropTable('situation_attachments')
    this.schema.dropTable('situation_supports')
    this.schema.dropTable('professional_situations')
  }
}
