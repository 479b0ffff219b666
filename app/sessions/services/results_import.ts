import ExcelJS from 'exceljs'
import type { ImportColumn, ReadError } from '#shared/spreadsheets/reader'
import { readSpreadsheet } from '#shared/spreadsheets/reader'
import { neutralise } from '#shared/spreadsheets/writer'
import type ExamSession from '#sessions/models/exam_session'
import Registration from '#sessions/models/registration'
import {
  LEVELS,
  markedTests,
  maxScore,
  parseResult,
  resultsOfSession,
  type ResultEntry,
} from '#sessions/services/results'

const scoreHeader = (code: string) => `${code} score /${maxScore(code)}`
const levelHeader = (code: string) => `${code} niveau`

/** N° inscription, names (for the reader's eye), then score and level per test. */
function resultColumns(tests: string[]): ImportColumn[] {
  const columns: ImportColumn[] = [
    {
      key: 'number',
      header: 'N° inscription',
      aliases: ['Numero inscription', 'N°', 'Inscription'],
      required: true,
      parse: (v) => (/^\d{1,6}$/.test(v.trim()) ? Number(v.trim()) : { error: 'invalid' }),
    },
    { key: 'lastName', header: 'Nom' },
    { key: 'firstName', header: 'Prénom' },
  ]
  for (const code of tests) {
    columns.push({ key: `score_${code}`, header: scoreHeader(code), aliases: [`${code} score`] })
    columns.push({ key: `level_${code}`, header: levelHeader(code), aliases: [`${code} niveau`] })
  }
  return columns
}

/**
 * The results template of a session: one row per registered candidate,
 * existing results filled in, a drop-down of levels.
 */
export async function resultsTemplate(session: ExamSession, tests: string[]) {
  const registrations = await Registration.query()
    .where('session_id', session.id)
    .where('status', 'registered')
    .preload('candidate')
    .preload('tests')
    .orderBy('number')
  const results = await resultsOfSession(session.id)
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Résultats')
  const columns = resultColumns(tests)
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: 16 }))
  sheet.getRow(1).font = { bold: true }
  for (const registration of registrations) {
    const row: Record<string, unknown> = {
      number: registration.number,
      // Typed names are text, never formulas (a name starting with = would
      // also make the unchanged file refused on import).
      lastName: neutralise(registration.candidate.lastName.toUpperCase()),
      firstName: neutralise(registration.candidate.firstName),
    }
    const marked = markedTests(registration)
    for (const code of tests) {
      const result = results.get(registration.id)?.get(code)
      row[`score_${code}`] = result?.score ?? (marked.includes(code) ? '' : '—')
      row[`level_${code}`] = result?.level ?? (marked.includes(code) ? '' : '—')
    }
    sheet.addRow(row)
  }
  const levels = `"${LEVELS.join(',')}"`
  tests.forEach((code) => {
    const index = columns.findIndex((c) => c.key === `level_${code}`) + 1
    for (let row = 2; row <= registrations.length + 1; row++)
      sheet.getCell(row, index).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [levels],
      }
  })
  const help = workbook.addWorksheet('Aide')
  help.getCell('A1').value = `Session ${session.number} — résultats`
  help.getCell('A2').value =
    'Une ligne par inscription (ne changez pas le N° inscription). Score entier entre 0 et le maximum indiqué, ' +
    `niveau parmi ${LEVELS.join(', ')}. « — » : épreuve non passée (absent, dispensé ou non choisie), laissez-la ainsi. ` +
    'Une cellule vide laisse le résultat tel quel.'
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

export interface ResultsImportPlan {
  entries: ResultEntry[]
  errors: ReadError[]
}

/** Reads and checks the whole file against the session's registrations; writes nothing. */
export async function planResultsImport(
  filePath: string,
  session: ExamSession,
  tests: string[]
): Promise<ResultsImportPlan> {
  const { rows, errors } = await readSpreadsheet(filePath, {
    columns: resultColumns(tests),
    maxRows: 5000,
    keepRows: true,
  })
  if (errors.some((e) => e.row === 1)) return { entries: [], errors }
  const registrations = await Registration.query()
    .where('session_id', session.id)
    .where('status', 'registered')
    .preload('tests')
  const byNumber = new Map(registrations.map((r) => [r.number, r]))
  const seen = new Set<number>()
  const entries: ResultEntry[] = []
  for (const { row, values } of rows) {
    const number = values.number as number | undefined
    if (number === undefined) continue
    const registration = byNumber.get(number)
    if (!registration) {
      errors.push({
        row,
        column: 'N° inscription',
        value: String(number),
        reason: 'unknown_registration',
      })
      continue
    }
    if (seen.has(number)) {
      errors.push({ row, column: 'N° inscription', value: String(number), reason: 'duplicate' })
      continue
    }
    seen.add(number)
    const marked = markedTests(registration)
    for (const code of tests) {
      const rawScore = String(values[`score_${code}`] ?? '').trim()
      const rawLevel = String(values[`level_${code}`] ?? '').trim()
      const blank = (v: string) => v === '' || v === '—' || v === '-'
      if (blank(rawScore) && blank(rawLevel)) continue
      if (!marked.includes(code)) {
        errors.push({ row, column: scoreHeader(code), value: rawScore, reason: 'test_not_taken' })
        continue
      }
      const parsed = parseResult(code, rawScore, rawLevel)
      if ('error' in parsed) {
        // Both cells are reported, each with its own reason.
        if ('error' in parseResult(code, rawScore, LEVELS[0]))
          errors.push({ row, column: scoreHeader(code), value: rawScore, reason: 'score_range' })
        if (!(LEVELS as readonly string[]).includes(rawLevel.toUpperCase()))
          errors.push({ row, column: levelHeader(code), value: rawLevel, reason: 'invalid_level' })
      } else if (!('empty' in parsed)) {
        entries.push({
          registrationId: registration.id,
          testCode: code,
          score: parsed.score,
          level: parsed.level,
        })
      }
    }
  }
  if (session.status !== 'in_correction')
    errors.push({ row: 1, column: null, value: null, reason: 'results_not_in_correction' })
  errors.sort((a, b) => a.row - b.row)
  return { entries: errors.length ? [] : entries, errors }
}
