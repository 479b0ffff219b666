import type { LucidModel, ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import type { Actor } from '#shared/roles'

/**
 * The one way to scope a query to what an actor may see. Every module uses it:
 * a network admin sees everything, anyone else only rows of its centres.
 *
 *   Session.query().apply((q) => scopeToCentres(q, user))
 */
export function scopeToCentres<Q extends { whereIn: Function; whereRaw: Function }>(
  query: Q,
  actor: Actor,
  column = 'centre_id'
): Q {
  if (actor.role === 'network_admin') return query
  if (actor.centreIds.length === 0) return query.whereRaw('1 = 0')
  return query.whereIn(column, actor.centreIds)
}

/** True when the actor may see records of this centre. */
export function canSeeCentre(actor: Actor, centreId: number | null | undefined) {
  if (actor.role === 'network_admin') return true
  return centreId !== null && centreId !== undefined && actor.centreIds.includes(centreId)
}

/** True when the actor and a set of centres have at least one centre in common. */
export function sharesCentre(actor: Actor, centreIds: number[]) {
  if (actor.role === 'network_admin') return true
  return centreIds.some((id) => actor.centreIds.includes(id))
}

/**
 * A record of a centre-bound model by id, or a 404 when it is outside the
 * actor's centres (its existence does not leak).
 */
export function findInScope<Model extends LucidModel>(
  model: Model,
  actor: Actor,
  id: unknown,
  centreColumn = 'centre_id'
): Promise<InstanceType<Model>> {
  const query = model.query() as ModelQueryBuilderContract<Model>
  return scopeToCentres(query, actor, `${model.table}.${centreColumn}`)
    .where(`${model.table}.id`, toId(id))
    .firstOrFail()
}

/** Largest id of an integer column (PostgreSQL errors beyond it). */
const MAX_ID = 2147483647

/**
 * A record id from a URL, a form or a filter: a positive whole number that
 * fits the column, or 0 (which matches nothing). Never lets a huge or odd
 * value reach the database.
 */
export function toId(value: unknown): number {
  const id = typeof value === 'number' ? value : Number(String(value ?? '').trim())
  return Number.isSafeInteger(id) && id > 0 && id <= MAX_ID ? id : 0
}
