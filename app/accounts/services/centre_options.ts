import db from '@adonisjs/lucid/services/db'
import type { Actor } from '#shared/roles'
import { scopeToCentres } from '#shared/tenancy'

/**
 * Centres an actor may attach users to, for select boxes. Read from the table:
 * the accounts module sits below the centres module and cannot import it.
 */
export async function centreOptionsFor(actor: Actor) {
  return scopeToCentres(db.from('centres'), actor, 'id')
    .orderBy('name')
    .select('id', 'code', 'name')
}
