import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  /**
   * Imported teachers and learners get a login (prenom.nom, seed 002) and keep
   * the id of the school's system, so that a re-import updates them.
   */
  async up() {
    this.schema.alterTable('users', (table) => {
      table.string('login', 20).nullable().unique()
      table.string('external_id', 64).nullable()
      table.index(['external_id'])
    })
  }

  async down() {
    this.schema.alterTable('users', (table) => {
      table.dropIndex(['external_id'])
      table.dropUnique(['login'])
      table.dropColumn('login')
      table.dropColumn('external_id')
    })
  }
}
