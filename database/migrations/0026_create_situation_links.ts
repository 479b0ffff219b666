import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  /**
   * A framework's situation attached to competences of another framework
   * (seed 002 §3.7: a BAC PRO situation attached to BEP MSA activities), by
   * codes: the other framework may be imported before or after, and each
   * centre resolves them against the version it uses.
   */
  async up() {
    this.schema.createTable('situation_links', (table) => {
      table.increments('id')
      table
        .integer('situation_id')
        .unsigned()
        .notNullable()
        .references('situations.id')
        .onDelete('CASCADE')
      table.string('framework_code', 40).notNullable()
      table.string('competence_code', 30).notNullable()
      table.unique(['situation_id', 'framework_code', 'competence_code'])
    })
    this.schema.alterTable('professional_situations', (table) => {
      table
        .integer('secondary_competence_id')
        .unsigned()
        .nullable()
        .references('competences.id')
        .onDelete('SET NULL')
    })
  }

  async down() {
    this.schema.alterTable('professional_situations', (table) => {
      table.dropColumn('secondary_competence_id')
    })
    this.schema.dropTable('situation_links')
  }
}
