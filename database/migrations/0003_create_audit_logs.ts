import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('audit_logs', (table) => {
      table.bigIncrements('id')
      table.integer('actor_id').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.string('actor_email', 254).nullable()
      table.string('action', 64).notNullable()
      table.string('entity_type', 64).notNullable()
      table.string('entity_id', 64).nullable()
      table.integer('centre_id').unsigned().nullable()
      table.text('before').nullable()
      table.text('after').nullable()
      table.string('ip', 64).nullable()
      table.timestamp('created_at').notNullable()
      table.index(['created_at', 'id'])
      table.index(['entity_type', 'entity_id'])
      table.index(['actor_id'])
      table.index(['action'])
    })
  }

  async down() {
    this.schema.dropTable('audit_logs')
  }
}
