import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  /** A centre's logo (png, jpeg or webp) on Drive; served only through an authorised route. */
  async up() {
    this.schema.alterTable('centres', (table) => {
      table.string('logo_key', 255).nullable()
      table.string('logo_mime', 40).nullable()
    })
  }

  async down() {
    this.schema.alterTable('centres', (table) => {
      table.dropColumn('logo_key')
      table.dropColumn('logo_mime')
    })
  }
}
