import { BaseSchema } from '@adonisjs/lucid/schema'
import { CATALOGUE } from '#sessions/catalogue'

export default class extends BaseSchema {
  /**
   * Products and their tests (épreuves), tariffs per centre, exam sessions and
   * registrations (SPEC §2 sessions). The real catalogue is written here: it is
   * reference data every database needs.
   */
  async up() {
    this.schema.createTable('products', (table) => {
      table.increments('id')
      table.integer('number').unsigned().notNullable().unique()
      table.string('range', 8).notNullable() // TEF | DFP
      table.string('code', 20).notNullable().unique()
      table.string('name', 120).notNullable()
      table.text('description').nullable()
      table.boolean('modular').notNullable()
      table.string('kind', 20).notNullable().defaultTo('standard')
      table.string('status', 12).notNullable().defaultTo('active')
      table.date('valid_from').nullable()
      table.date('valid_to').nullable()
      table.string('document_key', 200).nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })

    this.schema.createTable('product_tests', (table) => {
      table.increments('id')
      table
        .integer('product_id')
        .unsigned()
        .notNullable()
        .references('products.id')
        .onDelete('CASCADE')
      table.string('code', 8).notNullable()
      table.string('name', 120).notNullable()
      table.integer('position').notNullable()
      table.string('sections', 40).nullable() // "A,B" for the TEF oral test
      table.unique(['product_id', 'code'])
    })

    this.schema.createTable('tariffs', (table) => {
      table.increments('id')
      table
        .integer('centre_id')
        .unsigned()
        .notNullable()
        .references('centres.id')
        .onDelete('CASCADE')
      table
        .integer('product_id')
        .unsigned()
        .notNullable()
        .references('products.id')
        .onDelete('CASCADE')
      table.string('test_code', 8).notNullable().defaultTo('') // '' = single price
      table.integer('price_ht').notNullable() // cents
      table.integer('vat_rate').notNullable() // basis points: 2000 = 20 %
      table.timestamp('updated_at').notNullable()
      table.unique(['centre_id', 'product_id', 'test_code'])
    })

    this.schema.createTable('exam_sessions', (table) => {
      table.increments('id')
      table.integer('number').unsigned().notNullable().unique()
      table
        .integer('centre_id')
        .unsigned()
        .notNullable()
        .references('centres.id')
        .onDelete('CASCADE')
      table.integer('product_id').unsigned().notNullable().references('products.id')
      table.timestamp('starts_at').notNullable()
      table.timestamp('registration_deadline').notNullable()
      table.string('place', 200).notNullable()
      table.integer('seats').unsigned().notNullable()
      table.string('visibility', 24).notNullable() // hidden | with_sessions | without_sessions
      table.string('status', 24).notNullable()
      table.integer('price_ht').nullable() // single price (non-modular products), cents
      table.integer('vat_rate').notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['centre_id', 'starts_at'])
      table.index(['status', 'registration_deadline'])
      table.index(['starts_at'])
    })

    this.schema.createTable('session_tests', (table) => {
      table
        .integer('session_id')
        .unsigned()
        .notNullable()
        .references('exam_sessions.id')
        .onDelete('CASCADE')
      table.string('test_code', 8).notNullable()
      table.integer('price_ht').nullable() // per test (modular products), cents
      table.primary(['session_id', 'test_code'])
    })

    this.schema.createTable('registrations', (table) => {
      table.increments('id')
      table
        .integer('session_id')
        .unsigned()
        .notNullable()
        .references('exam_sessions.id')
        .onDelete('CASCADE')
      table
        .integer('candidate_id')
        .unsigned()
        .notNullable()
        .references('candidates.id')
        .onDelete('RESTRICT')
      table.integer('number').unsigned().notNullable()
      table.string('channel', 12).notNullable() // on_site | online | import
      table.string('motivation', 40).nullable()
      table.string('id_number', 40).nullable()
      table.string('access_code', 11).notNullable().unique()
      table.string('status', 12).notNullable() // registered | postponed | cancelled
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['session_id', 'candidate_id'])
      table.unique(['session_id', 'number'])
      table.index(['candidate_id'])
    })

    this.schema.createTable('registration_tests', (table) => {
      table
        .integer('registration_id')
        .unsigned()
        .notNullable()
        .references('registrations.id')
        .onDelete('CASCADE')
      table.string('test_code', 8).notNullable()
      table.boolean('absent').notNullable().defaultTo(false)
      table.primary(['registration_id', 'test_code'])
    })

    this.defer(async (db) => {
      // Lucid's own format, so that SQLite keeps text and PostgreSQL a timestamp.
      const now = new Date().toISOString().slice(0, 19).replace('T', ' ')
      for (const product of CATALOGUE) {
        const [row] = await db
          .table('products')
          .insert({
            number: product.number,
            range: product.range,
            code: product.code,
            name: product.name,
            description: product.description,
            modular: product.modular,
            kind: 'standard',
            status: product.status,
            valid_from: product.validFrom,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
        const productId = typeof row === 'object' ? row.id : row
        await db.table('product_tests').multiInsert(
          product.tests.map((test, index) => ({
            product_id: productId,
            code: test.code,
            name: test.name,
            position: index + 1,
            sections: test.sections?.join(',') ?? null,
          }))
        )
      }
    })
  }

  async down() {
    for (const name of [
      'registration_tests',
      'registrations',
      'session_tests',
      'exam_sessions',
      'tariffs',
      'product_tests',
      'products',
    ])
      this.schema.dropTable(name)
  }
}
