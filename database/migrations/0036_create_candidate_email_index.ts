import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A credit result (received from the exam platform or imported from a file)
 * finds its candidate by e-mail, whatever its case: `LOWER(email) IN (...)`.
 * Without an index each lookup read every file: 54 ms per 5,000 e-mails on
 * 100,000 files, and as much for the API's batch of one result. Both
 * databases index the expression as the query writes it.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw('create index candidates_email_lower on candidates (lower(email))')
  }

  async down() {
    this.schema.raw('drop index if exists candidates_email_lower')
  }
}
