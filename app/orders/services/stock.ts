import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import AuditLog from '#shared/audit/audit_log'
import { DomainError } from '#shared/errors'
import type { Actor } from '#shared/roles'
import { scopeToCentres } from '#shared/tenancy'
import type { MovementKind } from '#orders/models/credit_movement'
import CreditOrderLine from '#orders/models/credit_order_line'
import type { CreditType } from '#orders/models/credit_type'
import { CREDIT_TYPES } from '#orders/models/credit_type'

/** Credits are valid up to and including their expiry day, in Paris. */
export function today() {
  return DateTime.now().setZone('Europe/Paris').toISODate()!
}

const stamp = () => DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss')

/**
 * Serialises the stock changes of these centres (PostgreSQL: a transaction
 * advisory lock per centre, taken in id order). Every transaction that moves
 * credits takes it first, so row locks on candidates, lines, orders and
 * assignments are always taken under it and two desks never deadlock
 * whatever order their rows come in. SQLite has one writer at a time anyway.
 */
export async function lockCentreStock(trx: TransactionClientContract, centreIds: number[]) {
  if (trx.dialect.name !== 'postgres') return
  for (const id of [...new Set(centreIds)].sort((a, b) => a - b))
    await trx.rawQuery('select pg_advisory_xact_lock(?, ?)', [STOCK_LOCK, id])
}

/** The advisory lock namespace of credit stocks (any constant unique to this use). */
const STOCK_LOCK = 7_301

/** Writes one movement of the ledger (the caller changed `remaining` by the same amount). */
export async function recordMovement(
  trx: TransactionClientContract,
  movement: {
    centreId: number
    orderLineId: number
    assignmentId?: number | null
    kind: MovementKind
    quantity: number
    userId?: number | null
  }
) {
  await trx.table('credit_movements').insert({
    centre_id: movement.centreId,
    order_line_id: movement.orderLineId,
    assignment_id: movement.assignmentId ?? null,
    kind: movement.kind,
    quantity: movement.quantity,
    user_id: movement.userId ?? null,
    created_at: stamp(),
  })
}

/**
 * Takes one credit of a type out of a centre's stock: the line with the
 * nearest expiry first. The line is locked (PostgreSQL) and decremented only
 * while it still holds a credit, so two requests never take the same one and
 * the stock never goes below zero; a request that lost the race tries the
 * next line, and is refused when none is left.
 */
export async function takeCredit(
  trx: TransactionClientContract,
  centreId: number,
  type: CreditType,
  /** A credit must still be valid on the exam day. */
  examDay: string | null = null
) {
  const validFrom = examDay && examDay > today() ? examDay : today()
  for (let attempt = 0; attempt < 10; attempt++) {
    const line = await CreditOrderLine.query({ client: trx })
      .where('centre_id', centreId)
      .where('type', type)
      .where('remaining', '>', 0)
      .where('expires_on', '>=', validFrom)
      .orderBy('expires_on', 'asc')
      .orderBy('id', 'asc')
      .forUpdate()
      .first()
    if (!line) {
      // On PostgreSQL a locked read can come back empty when the line it waited
      // for was emptied meanwhile, although another line still holds credits.
      const left = await trx
        .from('credit_order_lines')
        .where('centre_id', centreId)
        .where('type', type)
        .where('remaining', '>', 0)
        .where('expires_on', '>=', validFrom)
        .first()
      if (!left)
        throw new DomainError(
          validFrom > today() ? 'credit_none_valid_on_date' : 'credit_out_of_stock',
          { type }
        )
      continue
    }
    const taken = await trx
      .from('credit_order_lines')
      .where('id', line.id)
      .where('remaining', '>', 0)
      .decrement('remaining', 1)
    if (Number(taken) === 1) {
      line.remaining -= 1
      await markConsumedIfEmpty(trx, line.orderId)
      return line
    }
  }
  throw new DomainError('credit_out_of_stock', { type })
}

/** Puts one credit back on its line (an assignment removed before its exam). */
export async function putBackCredit(trx: TransactionClientContract, line: CreditOrderLine) {
  await trx.from('credit_orders').where('id', line.orderId).forUpdate().select('id')
  await trx.from('credit_order_lines').where('id', line.id).increment('remaining', 1)
  await trx
    .from('credit_orders')
    .where('id', line.orderId)
    .where('status', 'consumed')
    .update({ status: 'delivered', updated_at: stamp() })
}

/** An order whose lines hold no credit any more moves to the history. */
export async function markConsumedIfEmpty(trx: TransactionClientContract, orderId: number) {
  // The order row is locked before its lines are counted: two transactions
  // emptying or refilling sibling lines then see each other's change.
  await trx.from('credit_orders').where('id', orderId).forUpdate().select('id')
  const left = await trx
    .from('credit_order_lines')
    .where('order_id', orderId)
    .where('remaining', '>', 0)
    .count('* as total')
  if (Number(left[0].total) === 0)
    await trx
      .from('credit_orders')
      .where('id', orderId)
      .where('status', 'delivered')
      .update({ status: 'consumed', updated_at: stamp() })
}

/** A date column as read back: a Date on PostgreSQL, a string on SQLite. */
function isoDay(value: unknown) {
  if (!value) return null
  if (value instanceof Date)
    return DateTime.utc(value.getFullYear(), value.getMonth() + 1, value.getDate()).toISODate()
  return String(value).slice(0, 10)
}

export interface StockRow {
  type: CreditType
  remaining: number
  /** The nearest expiry among the lines that still hold credits of this type. */
  nextExpiry: string | null
}

/**
 * Credits left per type for the centres an actor sees (or one centre), in
 * the order of CREDIT_TYPES; types with no credit are listed with 0 only
 * when `all` is asked.
 */
export async function stockOf(actor: Actor, options: { centreId?: number; all?: boolean } = {}) {
  const query = db
    .from('credit_order_lines')
    .where('remaining', '>', 0)
    .where('expires_on', '>=', today())
    .groupBy('type')
    .select('type')
    .sum('remaining as remaining')
    .min('expires_on as next_expiry')
  scopeToCentres(query, actor)
  if (options.centreId) query.where('centre_id', options.centreId)
  const rows = await query
  const byType = new Map(rows.map((row) => [row.type as CreditType, row]))
  const stock: StockRow[] = []
  for (const type of CREDIT_TYPES) {
    const row = byType.get(type)
    if (!row && !options.all) continue
    stock.push({
      type,
      remaining: row ? Number(row.remaining) : 0,
      nextExpiry: isoDay(row?.next_expiry),
    })
  }
  return stock
}

/**
 * Expired credits leave the stock (the scheduled orders:expire-credits):
 * each line past its expiry day gives up what it still holds, recorded in
 * the ledger; credits assigned from it and not taken in time become
 * "expirée" for their candidate. Safe to run at any time.
 */
export async function expireCredits(onExpired?: (assignmentIds: number[]) => Promise<void>) {
  const day = today()
  const lines = await CreditOrderLine.query()
    .where('remaining', '>', 0)
    .where('expires_on', '<', day)
    .select('id')
  let credits = 0
  for (const { id } of lines) {
    await db.transaction(async (trx) => {
      const owner = await trx.from('credit_order_lines').where('id', id).select('centre_id').first()
      if (!owner) return
      await lockCentreStock(trx, [Number(owner.centre_id)])
      const line = await CreditOrderLine.query({ client: trx })
        .where('id', id)
        .where('remaining', '>', 0)
        .forUpdate()
        .first()
      if (!line) return
      const quantity = line.remaining
      await trx.from('credit_order_lines').where('id', line.id).update({ remaining: 0 })
      await recordMovement(trx, {
        centreId: line.centreId,
        orderLineId: line.id,
        kind: 'expired',
        quantity: -quantity,
      })
      await markConsumedIfEmpty(trx, line.orderId)
      await AuditLog.record({
        action: 'credit_line.expire',
        entityType: 'credit_order_line',
        entityId: line.id,
        centreId: line.centreId,
        after: { expired: quantity, expiresOn: line.expiresOn?.toISODate() },
        client: trx,
      })
      credits += quantity
    })
  }
  const overdue = await db
    .from('credit_assignments')
    .join('credit_order_lines', 'credit_order_lines.id', 'credit_assignments.order_line_id')
    .where('credit_assignments.status', 'planned')
    .where('credit_order_lines.expires_on', '<', day)
    .select('credit_assignments.id')
  const ids = overdue.map((row) => Number(row.id))
  if (ids.length && onExpired) await onExpired(ids)
  return { lines: lines.length, credits, assignments: ids.length }
}
