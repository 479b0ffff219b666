import type { HttpContext } from '@adonisjs/core/http'
import type { DateTime } from 'luxon'
import AuditLog from '#shared/audit/audit_log'
import { parseParisDay } from '#shared/dates'
import { queryText, renderPage } from '#shared/ui/table'

const PER_PAGE = 50

export default class AuditLogsController {
  /**
   * The audit log for network admins, newest first, filtered by action, entity,
   * actor email and period. Keyset pagination on (created_at, id): the log grows
   * forever and OFFSET would get slower with it.
   */
  async index(ctx: HttpContext) {
    const { request, bouncer } = ctx
    await bouncer.with('AuditLogPolicy').authorize('viewList')
    const input = request.qs()
    const filters = {
      action: str(input.action),
      entity_type: str(input.entity_type),
      entity_id: str(input.entity_id),
      actor: str(input.actor)?.toLowerCase(),
      from: date(input.from),
      to: date(input.to),
    }
    const query = AuditLog.query()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(PER_PAGE + 1)
    // Typed % and _ are text, not wildcards.
    const escaped = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`)
    if (filters.action) query.whereRaw(`action like ? escape '\\'`, [`${escaped(filters.action)}%`])
    if (filters.entity_type) query.where('entity_type', filters.entity_type)
    if (filters.entity_id) query.where('entity_id', filters.entity_id)
    if (filters.actor)
      query.whereRaw(`actor_email like ? escape '\\'`, [`%${escaped(filters.actor)}%`])
    if (filters.from) query.where('created_at', '>=', sqlDate(filters.from))
    if (filters.to) query.where('created_at', '<', sqlDate(filters.to.plus({ days: 1 })))
    // The log is append-only: ids grow with time, so the id alone is the keyset.
    const before = Number.parseInt(str(input.before) ?? '', 10)
    if (Number.isFinite(before)) query.where('id', '<', before)
    const rows = await query
    const hasMore = rows.length > PER_PAGE
    const entries = rows.slice(0, PER_PAGE)
    const last = entries.at(-1)
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries(input)) {
      if (key !== 'before' && typeof value === 'string' && value !== '') params.set(key, value)
    }
    if (hasMore && last) params.set('before', String(last.id))
    const nextUrl = hasMore ? `${request.url()}?${params}` : null
    return renderPage(ctx, 'accounts::pages/audit/index', 'accounts::partials/audit_table', {
      entries,
      filters: { ...filters, from: input.from, to: input.to },
      nextUrl,
      isFirstPage: !Number.isFinite(before),
    })
  }
}

/** Midnight in Paris, as a UTC timestamp formatted as they are stored. */
function sqlDate(day: DateTime) {
  return day.startOf('day').toUTC().toFormat('yyyy-MM-dd HH:mm:ss')
}

function str(value: unknown) {
  return queryText(value) || undefined
}

function date(value: unknown) {
  return parseParisDay(value) ?? undefined
}
