import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('centres', (table) => {
      table.increments('id')
      table.string('code', 32).notNullable().unique()
      table.string('name', 160).notNullable()
      table.string('kind', 16).notNullable().defaultTo('exam') // exam | training | both
      table.string('address', 255).nullable()
      table.string('postcode', 16).nullable()
      table.string('city', 120).nullable()
      table.string('country', 2).notNullable().defaultTo('FR')
      table.string('time_zone', 64).notNullable().defaultTo('Europe/Paris')
      table.string('contact_email', 254).nullable()
      table.string('phone', 32).nullable()
      table.string('status', 16).notNullable().defaultTo('active') // active | inactive
      table.string('online_visibility', 24).notNullable().defaultTo('hidden')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['name'])
    })

    this.schema.createTable('users', (table) => {
      table.increments('id')
      table.string('first_name', 100).notNullable()
      table.string('last_name', 100).notNullable()
      table.string('email', 254).notNullable().unique()
      table.string('password', 255).nullable() // null until the invitation is accepted
      table.string('gender', 1).nullable() // F | H | N
      table.string('phone', 32).nullable()
      table.string('role', 24).notNullable()
      table.string('status', 16).notNullable().defaultTo('invited') // invited | active | disabled
      table.string('locale', 5).notNullable().defaultTo('fr')
      table.timestamp('last_login_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['role', 'status'])
      table.index(['last_name', 'first_name'])
    })

    /**
     * Which centres a user belongs to. For an account manager, the centres of its
     * portfolio: one relation scopes every role.
     */
    this.schema.createTable('centre_memberships', (table) => {
      table.increments('id')
      table.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE')
      table
        .integer('centre_id')
        .unsigned()
        .notNullable()
        .references('centres.id')
        .onDelete('CASCADE')
      table.timestamp('created_at').notNullable()
      table.unique(['user_id', 'centre_id'])
      table.index(['centre_id'])
    })
  }

  async down() {
    this.schema.dropTable('centre_memberships')
    this.schema.dropTable('users')
    this.schema.dropTable('centres')
  }
}
