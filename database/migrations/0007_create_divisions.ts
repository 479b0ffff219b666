import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  /** Classes (divisions) of a training centre and their learners (seed 002 §3.1–3.3). */
  async up() {
    this.schema.createTable('divisions', (table) => {
      table.increments('id')
      table
        .integer('centre_id')
        .unsigned()
        .notNullable()
        .references('centres.id')
        .onDelete('CASCADE')
      table.string('name', 80).notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['centre_id', 'name'])
    })
    this.schema.createTable('division_members', (table) => {
      table
        .integer('division_id')
        .unsigned()
        .notNullable()
        .references('divisions.id')
        .onDelete('CASCADE')
      table.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE')
      table.primary(['division_id', 'user_id'])
      table.index(['user_id'])
    })
  }

  async down() {
    this.schema.dropTable('division_members')
    this.schema.dropTable('divisions')
  }
}
