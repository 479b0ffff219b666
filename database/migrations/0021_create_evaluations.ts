import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  /**
   * Evaluations (seed 002 §3.6): a teacher grades chosen learners on ordered
   * competences (6-level scale), with a comment per learner; every change of a
   * grade or comment is kept in a history.
   */
  async up() {
    this.schema.createTable('evaluations', (table) => {
      table.increments('id')
      table.integer('centre_id').unsigned().notNullable().references('centres.id')
      table.integer('author_id').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table
        .integer('scenario_id')
        .unsigned()
        .nullable()
        .references('scenarios.id')
        .onDelete('SET NULL')
      table.string('title', 200).notNullable()
      table.date('evaluated_on').notNullable()
      table.boolean('visible').notNullable().defaultTo(false)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['author_id', 'evaluated_on'])
      table.index(['centre_id'])
    })

    this.schema.createTable('evaluation_competences', (table) => {
      table.increments('id')
      table
        .integer('evaluation_id')
        .unsigned()
        .notNullable()
        .references('evaluations.id')
        .onDelete('CASCADE')
      table
        .integer('competence_id')
        .unsigned()
        .notNullable()
        .references('competences.id')
        .onDelete('CASCADE')
      table.integer('position').notNullable()
      table.text('complexities').notNullable() // JSON list
      table.text('hazards').notNullable()
      table.unique(['evaluation_id', 'competence_id'])
    })

    this.schema.createTable('evaluation_learners', (table) => {
      table.increments('id')
      table
        .integer('evaluation_id')
        .unsigned()
        .notNullable()
        .references('evaluations.id')
        .onDelete('CASCADE')
      table.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE')
      table.text('comment').nullable()
      table.unique(['evaluation_id', 'user_id'])
      table.index(['user_id'])
    })

    this.schema.createTable('evaluation_grades', (table) => {
      table.increments('id')
      table
        .integer('evaluation_id')
        .unsigned()
        .notNullable()
        .references('evaluations.id')
        .onDelete('CASCADE')
      table.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE')
      table
        .integer('competence_id')
        .unsigned()
        .notNullable()
        .references('competences.id')
        .onDelete('CASCADE')
      table.string('level', 16).notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['evaluation_id', 'user_id', 'competence_id'])
      table.index(['user_id', 'competence_id'])
    })

    this.schema.createTable('evaluation_changes', (table) => {
      table.increments('id')
      table
        .integer('evaluation_id')
        .unsigned()
        .notNullable()
        .references('evaluations.id')
        .onDelete('CASCADE')
      table.integer('learner_id').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table
        .integer('competence_id')
        .unsigned()
        .nullable()
        .references('competences.id')
        .onDelete('SET NULL')
      table.string('field', 16).notNullable() // grade | comment
      table.text('before').nullable()
      table.text('after').nullable()
      table.integer('changed_by').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('changed_at').notNullable()
      table.index(['evaluation_id', 'changed_at'])
    })
  }

  async down() {
    this.schema.dropTable('evaluation_changes')
    this.schema.dropTable('evaluation_grades')
    this.schema.dropTable('evaluation_learners')
    this.schema.dropTable('evaluation_competences')
    this.schema.dropTable('evaluations')
  }
}
