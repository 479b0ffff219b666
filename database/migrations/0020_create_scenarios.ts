import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  /**
   * Scenarios (seed 002 §3.5): a teacher's situation for evaluating chosen
   * competences (with complexities and hazards), private or public within its
   * centre, with attachments.
   */
  async up() {
    this.schema.createTable('scenarios', (table) => {
      table.increments('id')
      table.integer('centre_id').unsigned().notNullable().references('centres.id')
      table.integer('author_id').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.string('title', 200).notNullable()
      table.string('level', 60).nullable()
      table.string('visibility', 8).notNullable() // private | public
      table.text('context').nullable()
      table.text('materials').nullable()
      table.text('links').notNullable() // JSON list of URLs
      table.text('resources').nullable()
      table.integer('copied_from_id').unsigned().nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['centre_id', 'visibility'])
      table.index(['author_id'])
    })

    this.schema.createTable('scenario_competences', (table) => {
      table.increments('id')
      table
        .integer('scenario_id')
        .unsigned()
        .notNullable()
        .references('scenarios.id')
        .onDelete('CASCADE')
      table
        .integer('competence_id')
        .unsigned()
        .notNullable()
        .references('competences.id')
        .onDelete('CASCADE')
      table.integer('position').notNullable()
      table.text('complexities').notNullable() // JSON list, chosen among the competence's
      table.text('hazards').notNullable()
      table.unique(['scenario_id', 'competence_id'])
    })

    this.schema.createTable('scenario_attachments', (table) => {
      table.increments('id')
      table
        .integer('scenario_id')
        .unsigned()
        .notNullable()
        .references('scenarios.id')
        .onDelete('CASCADE')
      table.string('filename', 255).notNullable()
      table.string('storage_key', 200).notNullable()
      table.string('mime', 100).notNullable()
      table.integer('size').unsigned().notNullable()
      table.timestamp('created_at').notNullable()
    })
  }

  async down() {
    this.schema.dropTable('scenario_attachments')
    this.schema.dropTable('scenario_competences')
    this.schema.dropTable('scenarios')
  }
}
