import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * One trigram index for the candidate searches, on PostgreSQL. They looked in
 * three expressions ("LAST First", "First LAST", the e-mail), OR'd, each with
 * its trigram index (migration 0031): three index scans and a bitmap OR per
 * search. They now look in one text holding the three (CANDIDATE_SEARCH_TEXT
 * in the candidates module), written here word for word, without the table
 * name: an index expression names the table's columns alone. Fewer indexes
 * also make each write of a candidate cheaper (an import of 100,000 results
 * rewrites 100,000 files).
 */
const EXPRESSION =
  "lower(last_name || ' ' || first_name || ' | ' || first_name || ' ' || last_name || ' | ' || coalesce(email, ''))"
const OLD = {
  candidates_search_last_first: "lower(last_name || ' ' || first_name)",
  candidates_search_first_last: "lower(first_name || ' ' || last_name)",
  candidates_search_email: 'lower(email)',
}

export default class extends BaseSchema {
  async up() {
    if (this.db.dialect.name !== 'postgres') return
    for (const name of Object.keys(OLD)) this.schema.raw(`drop index if exists ${name}`)
    this.schema.raw(
      `create index candidates_search on candidates using gin ((${EXPRESSION}) gin_trgm_ops)`
    )
  }

  async down() {
    if (this.db.dialect.name !== 'postgres') return
    this.schema.raw('drop index if exists candidates_search')
    for (const [name, expression] of Object.entries(OLD))
      this.schema.raw(`create index ${name} on candidates using gin ((${expression}) gin_trgm_ops)`)
  }
}
