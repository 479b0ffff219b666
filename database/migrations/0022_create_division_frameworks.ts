import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  /**
   * The frameworks a class works with, among its centre's (a centre may run a
   * BTS and another diploma). A class with none uses all of its centre's.
   */
  async up() {
    this.schema.createTable('division_frameworks', (table) => {
      table
        .integer('division_id')
        .unsigned()
        .notNullable()
        .references('divisions.id')
        .onDelete('CASCADE')
      table
        .integer('framework_id')
        .unsigned()
        .notNullable()
        .references('frameworks.id')
        .onDelete('CASCADE')
      table.primary(['division_id', 'framework_id'])
      table.index(['framework_id'])
    })
  }

  async down() {
    this.schema.dropTable('division_frameworks')
  }
}
