import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    /**
     * A conversation between a centre and the network (its account manager or
     * the pedagogical service), possibly about an entity (account request...).
     */
    this.schema.createTable('conversations', (table) => {
      table.increments('id')
      table
        .integer('centre_id')
        .unsigned()
        .notNullable()
        .references('centres.id')
        .onDelete('CASCADE')
      table.string('type', 32).notNullable().defaultTo('contact')
      table.string('recipient', 24).notNullable().defaultTo('account_manager') // account_manager | pedagogy
      table.string('title', 200).notNullable()
      table.string('status', 16).notNullable().defaultTo('open') // open | closed
      table.string('subject_type', 48).nullable()
      table.integer('subject_id').unsigned().nullable()
      table.integer('created_by').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('last_message_at').notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['centre_id', 'last_message_at'])
      table.index(['subject_type', 'subject_id'])
    })

    this.schema.createTable('messages', (table) => {
      table.increments('id')
      table
        .integer('conversation_id')
        .unsigned()
        .notNullable()
        .references('conversations.id')
        .onDelete('CASCADE')
      table.integer('author_id').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.string('kind', 16).notNullable().defaultTo('user') // user | system
      // A person's text, or for system messages an i18n key shown in each reader's language.
      table.text('body').notNullable()
      table.text('params').nullable()
      table.timestamp('created_at').notNullable()
      table.index(['conversation_id', 'id'])
    })

    /** Files sent with a message (pdf or images), stored on Drive under unguessable keys. */
    this.schema.createTable('message_attachments', (table) => {
      table.increments('id')
      table
        .integer('message_id')
        .unsigned()
        .notNullable()
        .references('messages.id')
        .onDelete('CASCADE')
      table.string('storage_key', 255).notNullable()
      table.string('filename', 255).notNullable()
      table.string('mime', 100).notNullable()
      table.integer('size').unsigned().notNullable()
      table.timestamp('created_at').notNullable()
      table.index(['message_id'])
    })

    /** Read state per participant: the last message each one has seen. */
    this.schema.createTable('conversation_reads', (table) => {
      table
        .integer('conversation_id')
        .unsigned()
        .notNullable()
        .references('conversations.id')
        .onDelete('CASCADE')
      table.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE')
      table.integer('last_read_message_id').unsigned().notNullable().defaultTo(0)
      table.primary(['conversation_id', 'user_id'])
    })
  }

  async down() {
    this.schema.dropTable('conversation_reads')
    this.schema.dropTable('message_attachments')
    this.schema.dropTable('messages')
    this.schema.dropTable('conversations')
  }
}
