import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  /** Groups of learners inside a class (seed 002: a class split into groups). */
  async up() {
    this.schema.createTable('learner_groups', (table) => {
      table.increments('id')
      table
        .integer('division_id')
        .unsigned()
        .notNullable()
        .references('divisions.id')
        .onDelete('CASCADE')
      table.string('name', 80).notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['division_id', 'name'])
    })
    this.schema.createTable('learner_group_members', (table) => {
      table
        .integer('learner_group_id')
        .unsigned()
        .notNullable()
        .references('learner_groups.id')
        .onDelete('CASCADE')
      table.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE')
      table.primary(['learner_group_id', 'user_id'])
      table.index(['user_id'])
    })
  }

  async down() {
    this.schema.dropTable('learner_group_members')
    this.schema.dropTable('learner_groups')
  }
}
