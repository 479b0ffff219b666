import db from '@adonisjs/lucid/services/db'
import type { User } from '#accounts'
import type { Division } from '#centres'
import AuditLog from '#shared/audit/audit_log'
import { DomainError } from '#shared/errors'
import { toId } from '#shared/tenancy'
import Framework from '#evaluations/models/framework'

/** The frameworks assigned to a centre (any version), by name. */
export function centreFrameworks(centreId: number) {
  return Framework.query()
    .whereExists((q) =>
      q
        .from('centre_frameworks')
        .whereColumn('centre_frameworks.framework_id', 'frameworks.id')
        .where('centre_frameworks.centre_id', centreId)
    )
    .orderBy('name')
}

async function centreFrameworkIds(centreId: number) {
  const frameworks = await centreFrameworks(centreId)
  return frameworks.map((f) => f.id)
}

/**
 * The frameworks each class works with: those assigned to it, or all of its
 * centre's when none is (division id → framework ids). Frameworks the centre
 * no longer has are left out.
 */
export async function frameworksOfClasses(centreId: number, divisionIds: number[]) {
  const available = await centreFrameworkIds(centreId)
  const rows = await db
    .from('division_frameworks')
    .whereIn('division_id', [...divisionIds, 0])
    .whereIn('framework_id', [...available, 0])
  const result = new Map<number, number[]>()
  for (const id of divisionIds) {
    const own = rows.filter((r) => Number(r.division_id) === id).map((r) => Number(r.framework_id))
    result.set(id, own.length ? own : available)
  }
  return result
}

/** Sets the frameworks of a class, chosen among its centre's; audited. */
export async function assignClassFrameworks(
  actor: User,
  division: Division,
  input: Record<string, any>
) {
  const raw = input.frameworks
  const ids = [...new Set((Array.isArray(raw) ? raw : raw ? [raw] : []).map(toId))].filter(Boolean)
  const available = await centreFrameworkIds(division.centreId)
  if (ids.some((id) => !available.includes(id))) throw new DomainError('framework_not_in_centre')
  await db.transaction(async (trx) => {
    const before = await trx
      .from('division_frameworks')
      .where('division_id', division.id)
      .select('framework_id')
    await trx.from('division_frameworks').where('division_id', division.id).delete()
    if (ids.length)
      await trx
        .table('division_frameworks')
        .multiInsert(ids.map((id) => ({ division_id: division.id, framework_id: id })))
    await AuditLog.record({
      actor,
      action: 'division.frameworks_assigned',
      entityType: 'division',
      entityId: division.id,
      centreId: division.centreId,
      before: { frameworks: before.map((r) => Number(r.framework_id)).sort((a, b) => a - b) },
      after: { frameworks: [...ids].sort((a, b) => a - b) },
      client: trx,
    })
  })
  return ids
}
