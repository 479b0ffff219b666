import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Server-side login sessions (the session store "database"). The cookie holds
 * only a signed id, so logging out, a password change or disabling a user ends
 * a session for good. Each row is tagged with its user, to end all of them at once.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('user_sessions', (table) => {
      table.string('id', 64).primary()
      table.text('data').notNullable()
      table.string('user_id', 32).nullable().index()
      table.timestamp('expires_at').notNullable().index()
    })
  }

  async down() {
    this.schema.dropTable('user_sessions')
  }
}
