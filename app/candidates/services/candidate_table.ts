import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import { TableState } from '#shared/ui/table'
import type { Actor } from '#shared/roles'
import { calendarJsDate, instantOf, parseIsoDate } from '#shared/dates'
import { toId } from '#shared/tenancy'
import { countsOf } from '#shared/orm/counts'
import { Group } from '#centres'
import Candidate, {
  CANDIDATE_SEARCH_TEXT,
  fullName,
  EXAM_STATUSES,
  EXAM_VALIDATIONS,
} from '#candidates/models/candidate'

export interface CandidateTableScope {
  /** Only the candidates of this group (its page). */
  inGroup?: number
  /** Only those not yet in this group (the "associate" picker). */
  notInGroup?: number
}

/** The last login of the file's account (a column of the table, computed). */
const LAST_LOGIN = '(select u.last_login_at from users u where u.id = candidates.user_id)'

const SORTS = {
  name: 'last_name',
  email: 'email',
  last_login: 'last_login_at',
  status: 'exam_status',
  validation: 'exam_validation',
  score: 'exam_score',
  date: 'exam_date',
}

/**
 * The candidate table's query from the URL (seed 004 §6.1): search on name and
 * email, filters on status, validation, group and period (exam date), any
 * column sorted. Used by the table, its export, a group's page and the picker.
 * Candidates of a hidden group are left out unless one looks inside a group.
 */
export function candidateTable(ctx: HttpContext, scope: CandidateTableScope = {}) {
  const table = TableState.from(ctx, {
    sorts: SORTS,
    sortExpressions: { last_login: LAST_LOGIN },
    defaultSort: 'name',
    filters: ['status', 'validation', 'group', 'from', 'to'],
  })
  const actor = ctx.auth.getUserOrFail()
  const query = Candidate.visibleTo(Candidate.query(), actor)
    .select('candidates.*')
    .select(db.raw(`${LAST_LOGIN} as last_login_at`))
    .whereNull('candidates.anonymised_at')
    .preload('groups', (groups) => groups.orderBy('name'))
    .preload('user')
  table.applySearch(query, [CANDIDATE_SEARCH_TEXT])
  const { status, validation, group } = table.filters
  if (status && (EXAM_STATUSES as readonly string[]).includes(status))
    query.where('candidates.exam_status', status)
  if (validation && (EXAM_VALIDATIONS as readonly string[]).includes(validation))
    query.where('candidates.exam_validation', validation)
  const from = parseIsoDate(table.filters.from)
  const to = parseIsoDate(table.filters.to)
  if (from) query.where('candidates.exam_date', '>=', from.toISODate()!)
  if (to) query.where('candidates.exam_date', '<=', to.toISODate()!)

  const groupId = scope.inGroup ?? (toId(group) || null)
  if (groupId) query.whereExists(member(groupId))
  if (scope.notInGroup) query.whereNotExists(member(scope.notInGroup))
  // Hidden groups hide their candidates (seed 004 §6.8), except when looking inside a group.
  if (!groupId) {
    query.whereNotExists((sub) => {
      sub
        .from('candidate_group')
        .join('groups', 'groups.id', 'candidate_group.group_id')
        .whereColumn('candidate_group.candidate_id', 'candidates.id')
        .where('groups.hidden', true)
    })
  }
  return { table, query }
}

function member(groupId: number) {
  return (sub: any) =>
    sub
      .from('candidate_group')
      .whereColumn('candidate_group.candidate_id', 'candidates.id')
      .where('candidate_group.group_id', groupId)
}

/** The groups a user may filter on, hidden ones marked. */
export async function groupOptions(ctx: HttpContext) {
  const groups = await Group.visibleTo(Group.query(), ctx.auth.getUserOrFail())
    .orderBy('hidden')
    .orderBy('name')
    .limit(500)
  return groups.map((g) => ({
    value: g.id,
    label: g.hidden ? `${g.name} (${ctx.i18n.t('groups.hidden').toLowerCase()})` : g.name,
  }))
}

/**
 * Visible candidates by exam status: the counters above the table and a
 * centre's home box. The table counts each status up to COUNT_CAP like its own
 * total (`{ cap: COUNT_CAP }`): an exact count of a network's 300,000 files
 * took 86 ms per page view on PostgreSQL, a capped one reads at most
 * COUNT_CAP + 1 entries of the status index. `capped` lists the statuses past
 * the cap, shown as "plus de 10 000". A centre's home counts exactly.
 */
export async function statusCounts(actor: Actor, options: { cap?: number } = {}) {
  // One statement for the four counts, each still capped in its own subquery.
  const found = await countsOf(
    Object.fromEntries(
      EXAM_STATUSES.map((status) => {
        const rows = Candidate.visibleTo(Candidate.query(), actor)
          .whereNull('anonymised_at')
          .where('exam_status', status)
        if (options.cap) rows.limit(options.cap + 1)
        return [status, rows]
      })
    ) as Record<(typeof EXAM_STATUSES)[number], ModelQueryBuilderContract<typeof Candidate>>
  )
  const cap = options.cap ?? Number.POSITIVE_INFINITY
  const counts = Object.fromEntries(
    EXAM_STATUSES.map((status) => [status, Math.min(found[status], cap)])
  ) as Record<(typeof EXAM_STATUSES)[number], number>
  const capped: string[] = EXAM_STATUSES.filter((status) => found[status] > cap)
  return { counts, capped }
}

/**
 * One row of the candidate table: plain values read from the columns it
 * shows, no model (a file has 36 columns, and 25 files with their account
 * and groups as models were most of the table's CPU).
 */
export interface CandidateRow {
  id: number
  fullName: string
  email: string | null
  examStatus: string
  examValidation: string | null
  examScore: number | null
  examType: string | null
  /** A calendar date at UTC midnight. */
  examDate: Date | null
  /** The account's state and last login (the envelope and its column). */
  user: { status: string; lastLoginAt: Date | null } | null
  groups: { name: string }[]
}

/** The table's columns of candidateTable's query, as plain rows (toCandidateRows finishes them). */
export function candidateRows(query: ReturnType<typeof candidateTable>['query']) {
  return query
    .clearSelect()
    .select(
      'candidates.id',
      'candidates.last_name',
      'candidates.first_name',
      'candidates.email',
      'candidates.exam_status',
      'candidates.exam_validation',
      'candidates.exam_score',
      'candidates.exam_type',
      'candidates.exam_date',
      'candidates.user_id',
      db.raw(`${LAST_LOGIN} as last_login_at`),
      db.raw('(select u.status from users u where u.id = candidates.user_id) as user_status')
    )
    .pojo<Record<string, any>>()
}

/** candidateRows' rows as CandidateRows, with their groups (one query). */
export async function toCandidateRows(rows: Record<string, any>[]): Promise<CandidateRow[]> {
  const byId = new Map<number, CandidateRow>()
  for (const row of rows) {
    const candidate: CandidateRow = {
      id: Number(row.id),
      fullName: fullName(row.last_name, row.first_name),
      email: row.email,
      examStatus: row.exam_status,
      examValidation: row.exam_validation,
      examScore: row.exam_score === null ? null : Number(row.exam_score),
      examType: row.exam_type,
      examDate: calendarJsDate(row.exam_date),
      user:
        row.user_id === null
          ? null
          : { status: row.user_status, lastLoginAt: instantOf(row.last_login_at) },
      groups: [],
    }
    byId.set(candidate.id, candidate)
  }
  if (byId.size === 0) return []
  const groups = await db
    .from('candidate_group')
    .join('groups', 'groups.id', 'candidate_group.group_id')
    .whereIn('candidate_group.candidate_id', [...byId.keys()])
    .orderBy('groups.name')
    .select('candidate_group.candidate_id', 'groups.name')
  for (const group of groups)
    byId.get(Number(group.candidate_id))?.groups.push({ name: group.name })
  return [...byId.values()]
}
