import db from '@adonisjs/lucid/services/db'
import type { I18n } from '@adonisjs/i18n'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import { calendarJsDate } from '#shared/dates'
import type { Column } from '#shared/spreadsheets/writer'
import { whereIdIn, type TableState } from '#shared/ui/table'
import { EXAM_STATUSES, fullName } from '#candidates/models/candidate'
import type Candidate from '#candidates/models/candidate'

/** The columns of a candidate an export reads, as the database hands them. */
interface CandidateRow {
  id: number
  last_name: string
  first_name: string
  email: string | null
  exam_status: string
  exam_type: string | null
  exam_score: number | null
  exam_date: unknown
}

const SELECTED = [
  'id',
  'last_name',
  'first_name',
  'email',
  'exam_status',
  'exam_type',
  'exam_score',
  'exam_date',
]

/**
 * "Export as shown" of candidates (seed 004 §5.7 and §6.2): name, email
 * (login), group(s), exam status, exam type, score, exam date. The exam
 * columns read the summary that sessions and orders keep up to date.
 *
 * Exports run to a million rows: the candidates are read as plain rows (no
 * model), their groups with one query per chunk, and the labels translated
 * once.
 */
export function examColumns(i18n: I18n, options: { groupName?: string; withGroups?: boolean }) {
  const t = i18n.t.bind(i18n)
  const columns: Column[] = [
    { key: 'name', header: t('candidates.col_name'), width: 32 },
    { key: 'email', header: t('candidates.col_email'), width: 32 },
    { key: 'groups', header: t('candidates.col_group'), width: 28 },
    { key: 'status', header: t('candidates.col_status'), width: 14 },
    { key: 'examType', header: t('candidates.col_exam_type'), width: 30 },
    { key: 'score', header: t('candidates.col_score'), width: 10 },
    { key: 'date', header: t('candidates.col_date'), numFmt: 'dd/mm/yyyy' },
  ]
  const statuses = new Map<string, string>(
    EXAM_STATUSES.map((status) => [status, t(`candidates.exam_status.${status}`)])
  )
  /** The rows of the table's query, in its order. */
  async function* rows(
    table: TableState,
    query: ModelQueryBuilderContract<typeof Candidate, Candidate>
  ) {
    // Read back by id alone: the ids come from the table's query, filtered and scoped.
    const chunks = table.chunks<CandidateRow, Candidate>(query, {
      fetch: (ids) => whereIdIn(db.from('candidates'), 'id', ids).select(SELECTED),
    })
    for await (const chunk of chunks) {
      const groups = options.withGroups ? await groupNames(chunk.map((c) => c.id)) : null
      for (const candidate of chunk)
        yield {
          name: fullName(candidate.last_name, candidate.first_name),
          email: candidate.email ?? '',
          groups: options.groupName ?? groups?.get(candidate.id)?.join(', ') ?? '',
          status: statuses.get(candidate.exam_status) ?? candidate.exam_status,
          examType: candidate.exam_type ?? '',
          score: candidate.exam_score,
          date: calendarJsDate(candidate.exam_date),
        }
    }
  }
  return { columns, rows }
}

/** The names of each candidate's groups, in alphabetical order. */
async function groupNames(candidateIds: number[]) {
  const links = await whereIdIn(
    db.from('candidate_group').join('groups', 'groups.id', 'candidate_group.group_id'),
    'candidate_group.candidate_id',
    candidateIds
  )
    .orderBy('groups.name')
    .select('candidate_group.candidate_id', 'groups.name')
  const names = new Map<number, string[]>()
  for (const link of links) {
    const id = Number(link.candidate_id)
    const list = names.get(id)
    if (list) list.push(link.name)
    else names.set(id, [link.name])
  }
  return names
}
