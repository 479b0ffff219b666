import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  /**
   * Oral exam grids and subject banks (issue 7, used by the exam passport):
   * per product and oral part (EO section A or B of the TEF, IO activity of the
   * DFP), the criteria with their levels, and the subjects examiners choose from.
   */
  async up() {
    this.schema.createTable('grid_criteria', (table) => {
      table.increments('id')
      table
        .integer('product_id')
        .unsigned()
        .notNullable()
        .references('products.id')
        .onDelete('CASCADE')
      table.string('part', 12).notNullable() // EO-A, EO-B, IO
      table.string('label', 160).notNullable()
      table.text('levels').notNullable() // JSON list, lowest first
      table.integer('position').notNullable()
      table.boolean('active').notNullable().defaultTo(true)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['product_id', 'part'])
    })

    this.schema.createTable('exam_subjects', (table) => {
      table.increments('id')
      table
        .integer('product_id')
        .unsigned()
        .notNullable()
        .references('products.id')
        .onDelete('CASCADE')
      table.string('part', 12).notNullable()
      table.string('code', 16).notNullable()
      table.string('title', 200).notNullable()
      table.text('instructions').nullable()
      table.boolean('active').notNullable().defaultTo(true)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['product_id', 'code'])
    })
  }

  async down() {
    this.schema.dropTable('exam_subjects')
    this.schema.dropTable('grid_criteria')
  }
}
