import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A candidate's exam is written once, then rewritten as it moves on
 * (planned, then passed or cancelled): none of the columns that change is
 * indexed. With room left on its page, PostgreSQL rewrites the row in place
 * (a HOT update) and leaves the table's three indexes alone; on full pages
 * every rewrite enters the new version in each index. A results import
 * rewrites up to 100,000 exams at once. SQLite has no such setting.
 */
export default class extends BaseSchema {
  async up() {
    if (this.db.dialect.name !== 'postgres') return
    this.schema.raw('alter table candidate_exams set (fillfactor = 80)')
  }

  async down() {
    if (this.db.dialect.name !== 'postgres') return
    this.schema.raw('alter table candidate_exams reset (fillfactor)')
  }
}
