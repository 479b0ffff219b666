import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  /**
   * Candidate groups of a centre (seed 004 §5). Hiding a group hides its
   * candidates from the candidate table; deleting it leaves them groupless.
   * The candidate side (membership) lands with the candidates module.
   */
  async up() {
    this.schema.createTable('groups', (table) => {
      table.increments('id')
      table
        .integer('centre_id')
        .unsigned()
        .notNullable()
        .references('centres.id')
        .onDelete('CASCADE')
      table.string('name', 120).notNullable()
      table.string('category', 16).notNullable() // client | class | exam_session | other
      table.boolean('hidden').notNullable().defaultTo(false)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['centre_id', 'name'])
      table.index(['centre_id', 'hidden', 'name'])
    })
  }

  async down() {
    this.schema.dropTable('groups')
  }
}
