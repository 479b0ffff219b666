import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Every read of a centre's files by exam status leaves anonymised files out,
 * and uses the partial index of migration 0033 (files in use only). The full
 * index of 0011 on the same columns was kept up to date by every write of a
 * file for nothing: a result import rewrites the summary of 100,000 files,
 * each new row version then entered in every index of `candidates`.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('candidates', (table) => {
      table.dropIndex(['centre_id', 'exam_status'])
    })
  }

  async down() {
    this.schema.alterTable('candidates', (table) => {
      table.index(['centre_id', 'exam_status'])
    })
  }
}
