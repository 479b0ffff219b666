import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  /**
   * Competency frameworks (référentiels, seed 002 §3.5, seed 003), imported and
   * versioned: a version in use is never edited, a new one is imported. Poles →
   * classes of situations → professional situations → competences (a situation
   * maps to one or two), each competence with its complexities and hazards.
   */
  async up() {
    this.schema.createTable('frameworks', (table) => {
      table.increments('id')
      table.string('code', 32).notNullable().unique()
      table.string('name', 200).notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })

    this.schema.createTable('framework_versions', (table) => {
      table.increments('id')
      table
        .integer('framework_id')
        .unsigned()
        .notNullable()
        .references('frameworks.id')
        .onDelete('CASCADE')
      table.integer('version').notNullable()
      table.string('name', 200).notNullable()
      table.string('source_name', 255).nullable()
      table.integer('imported_by').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('created_at').notNullable()
      table.unique(['framework_id', 'version'])
    })

    this.schema.createTable('framework_poles', (table) => {
      table.increments('id')
      table
        .integer('version_id')
        .unsigned()
        .notNullable()
        .references('framework_versions.id')
        .onDelete('CASCADE')
      table.string('code', 16).notNullable()
      table.string('name', 255).notNullable()
      table.integer('position').notNullable()
      table.unique(['version_id', 'code'])
    })

    this.schema.createTable('situation_classes', (table) => {
      table.increments('id')
      table
        .integer('version_id')
        .unsigned()
        .notNullable()
        .references('framework_versions.id')
        .onDelete('CASCADE')
      table
        .integer('pole_id')
        .unsigned()
        .notNullable()
        .references('framework_poles.id')
        .onDelete('CASCADE')
      table.string('code', 16).notNullable()
      table.string('name', 255).notNullable()
      table.integer('position').notNullable()
      table.unique(['version_id', 'code'])
    })

    this.schema.createTable('situations', (table) => {
      table.increments('id')
      table
        .integer('version_id')
        .unsigned()
        .notNullable()
        .references('framework_versions.id')
        .onDelete('CASCADE')
      table
        .integer('class_id')
        .unsigned()
        .notNullable()
        .references('situation_classes.id')
        .onDelete('CASCADE')
      table.string('code', 16).notNullable()
      table.string('name', 255).notNullable()
      table.integer('position').notNullable()
      table.unique(['version_id', 'code'])
    })

    this.schema.createTable('competences', (table) => {
      table.increments('id')
      table
        .integer('version_id')
        .unsigned()
        .notNullable()
        .references('framework_versions.id')
        .onDelete('CASCADE')
      table.string('code', 16).notNullable()
      table.string('name', 255).notNullable()
      table.string('exam_unit', 4).notNullable() // E4 | E5 | E6
      table.boolean('assessed_elsewhere').notNullable().defaultTo(false)
      table.text('complexities').notNullable() // JSON list of labels
      table.text('hazards').notNullable() // JSON list of labels
      table.integer('position').notNullable()
      table.unique(['version_id', 'code'])
    })

    this.schema.createTable('situation_competences', (table) => {
      table
        .integer('situation_id')
        .unsigned()
        .notNullable()
        .references('situations.id')
        .onDelete('CASCADE')
      table
        .integer('competence_id')
        .unsigned()
        .notNullable()
        .references('competences.id')
        .onDelete('CASCADE')
      table.primary(['situation_id', 'competence_id'])
    })

    this.schema.createTable('centre_frameworks', (table) => {
      table
        .integer('centre_id')
        .unsigned()
        .notNullable()
        .references('centres.id')
        .onDelete('CASCADE')
      table
        .integer('framework_id')
        .unsigned()
        .notNullable()
        .references('frameworks.id')
        .onDelete('CASCADE')
      table
        .integer('version_id')
        .unsigned()
        .notNullable()
        .references('framework_versions.id')
        .onDelete('CASCADE')
      table.timestamp('assigned_at').notNullable()
      table.primary(['centre_id', 'framework_id'])
    })
  }

  async down() {
    for (const name of [
      'centre_frameworks',
      'situation_competences',
      'competences',
      'situations',
      'situation_classes',
      'framework_poles',
      'framework_versions',
      'frameworks',
    ])
      this.schema.dropTable(name)
  }
}
