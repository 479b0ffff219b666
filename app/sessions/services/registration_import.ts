import db from '@adonisjs/lucid/services/db'
import ExcelJS from 'exceljs'
import { DateTime } from 'luxon'
import type { ImportColumn, ReadError } from '#shared/spreadsheets/reader'
import { readSheetCells, readSpreadsheet } from '#shared/spreadsheets/reader'
import type { User } from '#accounts'
import { COUNTRY_CODES, countryName } from '#centres'
import type { Centre } from '#centres'
import {
  LANGUAGES,
  LANGUAGE_IMPORT_CODES,
  createImportedCandidates,
  findCandidates,
  nameKey,
} from '#candidates'
import type { Candidate, ImportedCandidate } from '#candidates'
import type ExamSession from '#sessions/models/exam_session'
import type Product from '#sessions/models/product'
import Registration from '#sessions/models/registration'
import { MOTIVATIONS } from '#sessions/validators/session'
import { registerCandidates, seatsTaken } from '#sessions/services/registrations'

/** Motivation codes of the template (seed 001: "C_Acces a la citoyennete"). */
export const MOTIVATION_CODES: Record<(typeof MOTIVATIONS)[number], string> = {
  citizenship: 'CIT_Accès à la citoyenneté',
  residence: 'RES_Carte de résident',
  immigration_canada: 'CAN_Immigration au Canada',
  immigration_quebec: 'QUE_Immigration au Québec',
  studies: 'ETU_Études',
  work: 'EMP_Emploi',
  other: 'AUT_Autre',
}

const LANGUAGE_NAMES: Record<string, string> = {
  fr: 'français',
  ar: 'arabe',
  en: 'anglais',
  es: 'espagnol',
  pt: 'portugais',
  de: 'allemand',
  it: 'italien',
  zh: 'chinois',
  ru: 'russe',
  tr: 'turc',
  fa: 'persan',
  vi: 'vietnamien',
  wo: 'wolof',
  ln: 'lingala',
  ht: 'créole haïtien',
  other: 'autre',
}

const languageCode = (iso: string) =>
  `${LANGUAGE_IMPORT_CODES[iso as keyof typeof LANGUAGE_IMPORT_CODES]}_${LANGUAGE_NAMES[iso]}`

const prefix = (raw: string) => raw.split('_')[0].trim().toUpperCase()

function parseDate(raw: string) {
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(raw)
    ? DateTime.fromISO(raw, { zone: 'utc' })
    : DateTime.fromFormat(raw, 'd/M/yyyy', { zone: 'utc' })
  if (!iso.isValid || iso.year < 1900 || iso >= DateTime.utc().startOf('day'))
    return { error: 'invalid_date' }
  return iso
}

/** The columns of seed 001's template, the session's tests last (O/N). */
export function importColumns(product: Product, tests: string[]): ImportColumn[] {
  const columns: ImportColumn[] = [
    { key: 'lastName', header: 'Nom', required: true, parse: (v) => text(v, 100) },
    { key: 'firstName', header: 'Prénom', required: true, parse: (v) => text(v, 100) },
    { key: 'birthDate', header: 'Date de naissance', required: true, parse: parseDate },
    {
      key: 'gender',
      header: 'Genre F (femme) H (homme) N (non binaire)',
      aliases: ['Genre'],
      required: true,
      parse: (v) => {
        const code = v.trim().toUpperCase().charAt(0)
        return ['F', 'H', 'N'].includes(code) && v.trim().length <= 12
          ? code
          : { error: 'invalid_gender' }
      },
    },
    {
      key: 'motherTongue',
      header: 'Langue maternelle',
      parse: (v) => {
        const code = prefix(v)
        const iso = LANGUAGES.find(
          (l) => LANGUAGE_IMPORT_CODES[l] === code || LANGUAGE_NAMES[l] === v.trim().toLowerCase()
        )
        return iso ?? { error: 'invalid_code' }
      },
    },
    {
      key: 'email',
      header: 'email',
      aliases: ['Courriel', 'E-mail'],
      parse: (v) =>
        /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) && v.length <= 254
          ? v.toLowerCase()
          : { error: 'invalid_email' },
    },
    {
      key: 'nationality',
      header: 'Nationalité',
      parse: (v) => {
        const code = prefix(v)
        return (COUNTRY_CODES as readonly string[]).includes(code)
          ? code
          : { error: 'invalid_code' }
      },
    },
    {
      key: 'motivation',
      header: 'Motivation',
      parse: (v) => {
        const code = prefix(v)
        const found = MOTIVATIONS.find((m) => prefix(MOTIVATION_CODES[m]) === code)
        return found ?? { error: 'invalid_code' }
      },
    },
    {
      key: 'idNumber',
      header: "numéro Pièce d'identité",
      aliases: ["Numéro de pièce d'identité", 'Pièce identité'],
      parse: (v) => text(v, 40),
    },
  ]
  if (product.modular) {
    for (const code of tests) {
      columns.push({
        key: `test_${code}`,
        header: `${code} Inscription O (oui) N (non)`,
        aliases: [code],
        required: true,
        parse: (v) => {
          const answer = v.trim().toUpperCase().charAt(0)
          return answer === 'O' || answer === 'N' ? answer === 'O' : { error: 'invalid_yes_no' }
        },
      })
    }
  }
  return columns
}

function text(value: string, max: number) {
  return value.length <= max ? value : { error: 'too_long' }
}

export interface ImportLine {
  row: number
  person: ImportedCandidate
  existing: Candidate | null
  tests: string[]
  motivation: string | null
}

export interface RegistrationImportPlan {
  lines: ImportLine[]
  errors: ReadError[]
}

/**
 * Reads and checks the whole file: every cell, duplicates inside the file and
 * against the session, the seats left and the deadline. Writes nothing.
 */
export async function planRegistrationImport(
  filePath: string,
  session: ExamSession,
  product: Product,
  tests: string[]
): Promise<RegistrationImportPlan> {
  const { rows, errors } = await readSpreadsheet(filePath, {
    columns: importColumns(product, tests),
    maxRows: 5000,
    keepRows: true,
  })
  if (errors.some((e) => e.row === 1)) return { lines: [], errors }
  // Rows with a bad cell are reported as such; the checks across rows use the others.
  const broken = new Set(errors.map((e) => e.row))
  const lines: ImportLine[] = []
  const seen = new Map<string, number>()
  const existingRegistrations = await Registration.query()
    .where('session_id', session.id)
    .select('candidate_id')
  const registered = new Set(existingRegistrations.map((r) => r.candidateId))
  for (const { row, values } of rows) {
    if (broken.has(row)) continue
    const birthDate = values.birthDate as DateTime
    const person: ImportedCandidate = {
      civility: values.gender === 'F' ? 'mme' : values.gender === 'H' ? 'm' : 'x',
      lastName: String(values.lastName),
      firstName: String(values.firstName),
      birthDate,
      email: (values.email as string | null) ?? null,
      // Left empty, they take the template's defaults once the file is clean (below).
      nationality: (values.nationality as string | null) ?? null,
      motherTongue: (values.motherTongue as string | null) ?? null,
      idNumber: (values.idNumber as string | null) ?? null,
    }
    const chosen = product.modular ? tests.filter((code) => values[`test_${code}`] === true) : tests
    if (chosen.length === 0) errors.push({ row, column: null, value: null, reason: 'no_test' })
    const key = `${nameKey(person.lastName)}|${nameKey(person.firstName)}|${birthDate.toISODate()}`
    for (const k of [key, person.email ? `@${person.email}` : null]) {
      if (!k) continue
      if (seen.has(k))
        errors.push({
          row,
          column: k.startsWith('@') ? 'email' : 'Nom',
          value: k.startsWith('@') ? person.email : person.lastName,
          reason: 'duplicate_in_file',
        })
      else seen.set(k, row)
    }
    lines.push({
      row,
      person,
      existing: null,
      tests: chosen,
      motivation: (values.motivation as string | null) ?? null,
    })
  }
  const matches = await findCandidates(
    session.centreId,
    lines.map((line) => line.person)
  )
  lines.forEach((line, index) => {
    line.existing = matches[index]
    if (line.existing && registered.has(line.existing.id))
      errors.push({
        row: line.row,
        column: 'Nom',
        value: line.person.lastName,
        reason: 'already_registered',
      })
  })
  const left = session.seats - (await seatsTaken(session.id))
  if (lines.length > left)
    errors.push({
      row: 1,
      column: null,
      value: `${lines.length} / ${Math.max(left, 0)}`,
      reason: 'seats_left',
    })
  if (session.status !== 'registrations_open' || DateTime.utc() >= session.registrationDeadline)
    errors.push({ row: 1, column: null, value: null, reason: 'registrations_closed' })
  errors.sort((a, b) => a.row - b.row)
  if (errors.length) return { lines: [], errors }
  const defaults = await defaultValues(filePath)
  for (const { person } of lines) {
    person.nationality ??= defaults.nationality
    person.motherTongue ??= defaults.motherTongue
  }
  return { lines, errors }
}

/** Writes a checked plan in one transaction: new files, then the registrations. */
export async function applyRegistrationImport(
  actor: User,
  session: ExamSession,
  plan: RegistrationImportPlan
) {
  return db.transaction(async (trx) => {
    const fresh = plan.lines.filter((line) => !line.existing)
    const files = await createImportedCandidates(
      actor,
      session.centreId,
      fresh.map((line) => line.person),
      trx
    )
    const fileOf = new Map(fresh.map((line, index) => [line, files[index]]))
    const entries = plan.lines.map((line) => ({
      candidate: line.existing ?? fileOf.get(line)!,
      input: {
        tests: line.tests,
        motivation: line.motivation,
        idNumber: line.person.idNumber,
        channel: 'import' as const,
      },
    }))
    const registrations = await registerCandidates(actor, session.id, entries, DateTime.utc(), trx)
    const created = files.length
    return { registered: registrations.length, created }
  })
}

/**
 * The template of seed 001: one sheet to fill (header on row 1, drop-down
 * lists on the coded columns, an example row), the lists on a second sheet.
 */
export async function registrationTemplate(
  centre: Centre,
  product: Product,
  tests: string[],
  locale: string
) {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Candidats')
  const lists = workbook.addWorksheet('Listes')
  const help = workbook.addWorksheet('Aide')
  const columns = importColumns(product, tests)
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: 24 }))
  sheet.getRow(1).font = { bold: true }
  const languages = LANGUAGES.map(languageCode)
  const countries = COUNTRY_CODES.map((code) => `${code}_${countryName(code, locale)}`)
  const motivations = Object.values(MOTIVATION_CODES)
  const listColumns: [string, string[]][] = [
    ['Langues', languages],
    ['Nationalités', countries],
    ['Motivations', motivations],
    ['Genre', ['F', 'H', 'N']],
    ['O/N', ['O', 'N']],
  ]
  const ranges: Record<string, string> = {}
  listColumns.forEach(([title, values], index) => {
    const letter = String.fromCharCode(65 + index)
    lists.getCell(`${letter}1`).value = title
    values.forEach((value, row) => (lists.getCell(`${letter}${row + 2}`).value = value))
    ranges[title] = `Listes!$${letter}$2:$${letter}$${values.length + 1}`
  })
  const example: Record<string, unknown> = {
    lastName: 'DUPONT',
    firstName: 'Marcel',
    birthDate: '01/01/1965',
    gender: 'H',
    motherTongue: languageCode('ar'),
    email: 'marcel.dupont@exemple.fr',
    nationality: `DZ_${countryName('DZ', locale)}`,
    motivation: MOTIVATION_CODES.citizenship,
    idNumber: '123456',
  }
  for (const code of tests) example[`test_${code}`] = 'O'
  const validation = (key: string, list: string) => {
    const index = columns.findIndex((c) => c.key === key)
    if (index < 0) return
    for (let row = 2; row <= 2001; row++)
      sheet.getCell(row, index + 1).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [list],
      }
  }
  validation('gender', ranges.Genre)
  validation('motherTongue', ranges.Langues)
  validation('nationality', ranges['Nationalités'])
  validation('motivation', ranges.Motivations)
  for (const code of tests) validation(`test_${code}`, ranges['O/N'])
  const defaults = workbook.addWorksheet(DEFAULTS_SHEET)
  defaults.getColumn(1).width = 40
  defaults.getColumn(2).width = 30
  defaults.getCell('A1').value = 'Indiquez une valeur par défaut'
  defaults.getCell('A2').value = 'Langue maternelle'
  defaults.getCell('A3').value = 'Nationalité'
  defaults.getCell('B2').dataValidation = {
    type: 'list',
    allowBlank: true,
    formulae: [ranges.Langues],
  }
  defaults.getCell('B3').dataValidation = {
    type: 'list',
    allowBlank: true,
    formulae: [ranges['Nationalités']],
  }
  help.getCell('A1').value = `Session de ${product.name} — ${centre.name}`
  help.getCell('A2').value =
    'Remplissez une ligne par candidat sur la feuille « Candidats » (la ligne 2 est un exemple à remplacer). ' +
    'Date de naissance au format JJ/MM/AAAA. Les colonnes codées proposent une liste. ' +
    `Une langue maternelle ou une nationalité laissée vide prend la valeur indiquée sur la feuille « ${DEFAULTS_SHEET} ». ` +
    'Enregistrez en xlsx ou en csv, puis déposez le fichier sur la page de la session.'
  help.getCell('A4').value = 'Exemple :'
  help.addRow(columns.map((c) => c.header))
  help.addRow(columns.map((c) => example[c.key] ?? ''))
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

export const DEFAULTS_SHEET = 'Valeurs par défaut'

/**
 * The default mother tongue and nationality of an xlsx template (its
 * "Valeurs par défaut" sheet), applied to the rows that leave them empty.
 * A csv has none; an unknown value is ignored rather than guessed. The sheet
 * is streamed: the rest of the workbook is never held in memory.
 */
async function defaultValues(filePath: string) {
  const cells = await readSheetCells(filePath, DEFAULTS_SHEET, ['B2', 'B3'])
  const language = LANGUAGES.find(
    (l) => LANGUAGE_IMPORT_CODES[l] === prefix(cells?.B2.trim() || '?')
  )
  const country = prefix(cells?.B3.trim() || '?')
  return {
    motherTongue: language ?? null,
    nationality: (COUNTRY_CODES as readonly string[]).includes(country) ? country : null,
  }
}
