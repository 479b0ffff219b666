import { DateTime } from 'luxon'
import { readSpreadsheet } from '#shared/spreadsheets/reader'
import type { ImportColumn, ReadError } from '#shared/spreadsheets/reader'
import { CREDIT_TYPES } from '#orders/models/credit_type'
import { parseResultInput } from '#orders/services/results'
import type { ResultInput } from '#orders/services/results'

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036F]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()

/** "12/06/2026", "2026-06-12" (or an ISO date-time) → "2026-06-12"; anything else unchanged. */
function isoDay(raw: string) {
  const text = raw.trim()
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text)
  if (french) {
    const day = DateTime.utc(Number(french[3]), Number(french[2]), Number(french[1]))
    return day.isValid ? day.toISODate()! : text
  }
  return text.slice(0, 10)
}

/**
 * The columns of a results file (docs/orders.md): the same fields as the
 * JSON endpoint, with French headers; types and validations in French or as
 * codes.
 */
export function resultColumns(typeLabel: (type: string) => string): ImportColumn[] {
  const types = new Map<string, string>()
  for (const type of CREDIT_TYPES) {
    types.set(fold(type), type)
    types.set(fold(typeLabel(type)), type)
  }
  const validations = new Map<string, string>([
    ['valide', 'validated'],
    ['validated', 'validated'],
    ['en attente', 'pending'],
    ['pending', 'pending'],
    ['invalide', 'invalidated'],
    ['invalidated', 'invalidated'],
  ])
  // A file repeats a handful of types and validations on 100,000 rows: each text is folded once.
  const folded = new Map<string, string>()
  const foldOnce = (raw: string) => {
    let text = folded.get(raw)
    if (text === undefined) {
      text = fold(raw)
      if (folded.size < 1000) folded.set(raw, text)
    }
    return text
  }
  return [
    { key: 'result_id', header: 'Identifiant du résultat', aliases: ['result_id'], required: true },
    { key: 'email', header: 'Courriel', aliases: ['email', 'e-mail'], required: true },
    {
      key: 'exam_type',
      header: "Type d'examen",
      aliases: ['exam_type', 'type'],
      required: true,
      parse: (raw) => types.get(foldOnce(raw)) ?? { error: 'result_type' },
    },
    { key: 'score', header: 'Score /1000', aliases: ['score'], required: true },
    {
      key: 'passed_on',
      header: 'Date de passage',
      aliases: ['passed_on', 'date'],
      required: true,
      parse: isoDay,
    },
    {
      key: 'validation',
      header: 'Validation',
      aliases: ['validation'],
      required: true,
      parse: (raw) => validations.get(foldOnce(raw)) ?? { error: 'result_validation' },
    },
  ]
}

/**
 * Most rows of a results file: the exam platform's export for the whole
 * network (other imports stop at 5,000, a centre's or a session's size).
 */
export const MAX_RESULT_ROWS = 100_000

/** Biggest results file: 100,000 rows of csv are ≈ 10 MB. */
export const MAX_RESULT_FILE_BYTES = 20 * 1024 * 1024

/** A results file read whole and checked row by row; nothing is written here. */
export async function planResultsFile(filePath: string, typeLabel: (type: string) => string) {
  const { rows, errors } = await readSpreadsheet(filePath, {
    columns: resultColumns(typeLabel),
    maxRows: MAX_RESULT_ROWS,
    maxBytes: MAX_RESULT_FILE_BYTES,
    keepRows: true,
  })
  const inputs: ResultInput[] = []
  const rowOf: number[] = []
  // The generic "too many rows" message says 5,000.
  const problems: ReadError[] = errors.map((error) =>
    error.reason === 'too_many_rows' ? { ...error, reason: 'too_many_result_rows' } : error
  )
  for (const { row, values } of rows) {
    if (errors.some((e) => e.row === row)) continue
    const parsed = parseResultInput(values)
    if (typeof parsed === 'string') {
      problems.push({ row, column: null, value: String(values.result_id ?? ''), reason: parsed })
      continue
    }
    inputs.push(parsed)
    rowOf.push(row)
  }
  return { inputs, rowOf, errors: problems }
}
