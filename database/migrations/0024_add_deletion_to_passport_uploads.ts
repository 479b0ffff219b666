import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  /**
   * A clip deleted after its upload leaves its upload behind as a tombstone:
   * a device still holding the clip (another tablet, a lost answer) that
   * declares it again is told it was deleted instead of uploading it anew.
   */
  async up() {
    this.schema.alterTable('passport_uploads', (table) => {
      table.timestamp('deleted_at').nullable()
      table.integer('deleted_by').unsigned().nullable().references('users.id').onDelete('SET NULL')
    })
  }

  async down() {
    this.schema.alterTable('passport_uploads', (table) => {
      table.dropColumn('deleted_by')
      table.dropColumn('deleted_at')
    })
  }
}
