import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  /**
   * Session documents (seed 001 part 5): EO subjects and other files uploaded
   * by the centre, and the purchase order (bon de commande) signed online.
   */
  async up() {
    this.schema.createTable('session_documents', (table) => {
      table.increments('id')
      table
        .integer('session_id')
        .unsigned()
        .notNullable()
        .references('exam_sessions.id')
        .onDelete('CASCADE')
      table.string('type', 20).notNullable() // eo_subject | other
      table.string('name', 200).notNullable()
      table.string('file_key', 200).notNullable()
      table.string('mime', 100).notNullable()
      table.integer('size').unsigned().notNullable()
      table.integer('uploaded_by').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('created_at').notNullable()
      table.index(['session_id'])
    })

    this.schema.createTable('purchase_orders', (table) => {
      table.increments('id')
      table
        .integer('session_id')
        .unsigned()
        .notNullable()
        .unique()
        .references('exam_sessions.id')
        .onDelete('CASCADE')
      table.text('lines').notNullable() // JSON snapshot at signature
      table.integer('total_ht').notNullable()
      table.integer('total_vat').notNullable()
      table.integer('total_ttc').notNullable()
      table.string('signed_name', 120).notNullable()
      table.date('signed_on').notNullable()
      table.integer('signed_by').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.string('signature_key', 200).notNullable()
      table.string('pdf_key', 200).notNullable()
      table.timestamp('created_at').notNullable()
    })
  }

  async down() {
    this.schema.dropTable('purchase_orders')
    this.schema.dropTable('session_documents')
  }
}
