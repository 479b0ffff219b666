import type { I18n } from '@adonisjs/i18n'
import type { Column } from '#shared/spreadsheets/writer'
import type Candidate from '#candidates/models/candidate'

/**
 * Columns of "export as shown" for candidates (seed 004 §5.7 and §6.2): name,
 * email (login), group(s), exam status, exam type, score, exam date. The exam
 * columns read the summary that sessions and orders keep up to date.
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
  const row = (candidate: Candidate) => ({
    name: `${candidate.lastName.toUpperCase()} ${candidate.firstName}`,
    email: candidate.email ?? '',
    groups:
      options.groupName ??
      (options.withGroups ? (candidate.groups ?? []).map((g) => g.name).join(', ') : ''),
    status: t(`candidates.exam_status.${candidate.examStatus}`),
    examType: candidate.examType ?? '',
    score: candidate.examScore,
    date: candidate.examDate ? candidate.examDate.toJSDate() : null,
  })
  return { columns, row }
}
