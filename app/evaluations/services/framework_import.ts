import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { readFile } from 'node:fs/promises'
import type { User } from '#accounts'
import AuditLog from '#shared/audit/audit_log'
import type { ImportColumn, ReadError } from '#shared/spreadsheets/reader'
import { readSpreadsheet } from '#shared/spreadsheets/reader'
import Framework from '#evaluations/models/framework'
import FrameworkVersion from '#evaluations/models/framework_version'
import { EXAM_UNITS, type ExamUnit } from '#evaluations/models/competence'

/**
 * The framework file (xlsx or csv; see docs/frameworks.md): one row per
 * situation and competence it maps to. Codes identify the nodes; a code seen
 * again must say the same thing. A JSON file carries the same rows.
 */
const text = (max: number) => (value: string) =>
  value.length <= max ? value : { error: 'too_long' }
const list = (value: string) => {
  const items = value
    .split(/[;|\n]/)
    .map((item) => item.trim())
    .filter(Boolean)
  if (items.length > 20 || items.some((item) => item.length > 120))
    return { error: 'list_too_long' }
  return items
}
/** "CQP-VENTE:C21.1 | CQP-VENTE:C22.1": competences of another framework a situation is attached to. */
const links = (value: string) => {
  const items = value
    .split(/[;|\n]/)
    .map((item) =>
      item
        .trim()
        .toUpperCase()
        .replace(/\s*:\s*/, ':')
    )
    .filter(Boolean)
  if (items.length > 10) return { error: 'list_too_long' }
  if (items.some((item) => !/^[A-Z0-9_-]{2,40}:[A-Z0-9._-]{1,30}$/.test(item)))
    return { error: 'link_format' }
  return [...new Set(items)]
}
const pattern = (regex: RegExp) => (value: string) =>
  regex.test(value.trim()) ? value.trim().toUpperCase() : { error: 'code_format' }

export const FRAMEWORK_COLUMNS: ImportColumn[] = [
  { key: 'poleCode', header: 'Code pôle', required: true, parse: pattern(/^P\d{1,2}$/i) },
  { key: 'pole', header: 'Pôle', required: true, parse: text(255) },
  { key: 'classCode', header: 'Code classe', required: true, parse: pattern(/^S\d{2}$/i) },
  { key: 'class', header: 'Classe de situations', required: true, parse: text(255) },
  { key: 'situationCode', header: 'Code situation', required: true, parse: pattern(/^S\d{3}$/i) },
  { key: 'situation', header: 'Situation professionnelle', required: true, parse: text(255) },
  {
    key: 'competenceCode',
    header: 'Code compétence',
    required: true,
    parse: pattern(/^C\d{1,2}(\.\d{1,2}){1,2}$/i),
  },
  { key: 'competence', header: 'Compétence', required: true, parse: text(255) },
  {
    key: 'unit',
    header: 'Épreuve',
    required: true,
    parse: (value) => {
      const unit = value.trim().toUpperCase()
      return (EXAM_UNITS as readonly string[]).includes(unit) ? unit : { error: 'invalid_unit' }
    },
  },
  {
    key: 'elsewhere',
    header: 'Évaluée ailleurs',
    parse: (value) => {
      const answer = value.trim().toUpperCase()
      if (['O', 'OUI', 'TRUE', 'VRAI'].includes(answer)) return true
      if (['N', 'NON', 'FALSE', 'FAUX'].includes(answer)) return false
      return { error: 'invalid_yes_no' }
    },
  },
  { key: 'complexities', header: 'Complexités', parse: list },
  { key: 'hazards', header: 'Aléas', parse: list },
  { key: 'links', header: 'Rattachements', parse: links },
]

export interface FrameworkRow {
  poleCode: string
  pole: string
  classCode: string
  class: string
  situationCode: string
  situation: string
  competenceCode: string
  competence: string
  unit: ExamUnit
  elsewhere: boolean
  complexities: string[]
  hazards: string[]
  /** Competences of another framework the situation is attached to ("CODE:Cx.y"); optional. */
  links?: string[]
}

export interface FrameworkPlan {
  rows: FrameworkRow[]
  errors: ReadError[]
  counts: { poles: number; classes: number; situations: number; competences: number }
}

/** Reads the file (xlsx, csv or json) and checks it whole; writes nothing. */
export async function planFrameworkImport(path: string, kind: 'xlsx' | 'csv' | 'json') {
  const read =
    kind === 'json'
      ? await readJson(path)
      : await readSpreadsheet(path, { columns: FRAMEWORK_COLUMNS, maxRows: 5000, keepRows: true })
  const errors = [...read.errors]
  const rows: FrameworkRow[] = []
  // A code said twice must say the same thing each time.
  const seen = new Map<string, { row: number; value: string }>()
  const same = (row: number, key: string, value: string, column: string) => {
    const before = seen.get(key)
    if (!before) return seen.set(key, { row, value })
    if (before.value !== value)
      errors.push({ row, column, value: key.split('|')[1], reason: 'inconsistent_code' })
  }
  const perSituation = new Map<string, Set<string>>()
  const broken = new Set(read.errors.map((e) => e.row))
  for (const { row, values } of read.rows) {
    if (broken.has(row)) continue
    const line = {
      ...values,
      // Left blank, an E5 competence is assessed elsewhere (seed 002: shown, not filled).
      elsewhere: values.elsewhere === true || (values.elsewhere !== false && values.unit === 'E5'),
      complexities: (values.complexities as string[] | undefined) ?? [],
      hazards: (values.hazards as string[] | undefined) ?? [],
      links: (values.links as string[] | undefined) ?? [],
    } as FrameworkRow
    same(row, `pole|${line.poleCode}`, line.pole, 'Pôle')
    same(row, `class|${line.classCode}`, `${line.poleCode} ${line.class}`, 'Classe de situations')
    same(
      row,
      `situation|${line.situationCode}`,
      `${line.classCode} ${line.situation} ${JSON.stringify(line.links)}`,
      'Situation professionnelle'
    )
    same(
      row,
      `competence|${line.competenceCode}`,
      JSON.stringify([line.competence, line.unit, line.elsewhere, line.complexities, line.hazards]),
      'Compétence'
    )
    const mapped = perSituation.get(line.situationCode) ?? new Set()
    if (mapped.has(line.competenceCode))
      errors.push({
        row,
        column: 'Code compétence',
        value: line.competenceCode,
        reason: 'duplicate',
      })
    mapped.add(line.competenceCode)
    perSituation.set(line.situationCode, mapped)
    if (mapped.size > 2)
      errors.push({
        row,
        column: 'Code situation',
        value: line.situationCode,
        reason: 'too_many_competences',
      })
    rows.push(line)
  }
  if (read.rows.length === 0 && errors.length === 0)
    errors.push({ row: 1, column: null, value: null, reason: 'empty_file' })
  errors.sort((a, b) => a.row - b.row)
  const distinct = (key: keyof FrameworkRow) => new Set(rows.map((r) => r[key])).size
  return {
    rows: errors.length ? [] : rows,
    errors,
    counts: {
      poles: distinct('poleCode'),
      classes: distinct('classCode'),
      situations: distinct('situationCode'),
      competences: distinct('competenceCode'),
    },
  } satisfies FrameworkPlan
}

/**
 * JSON: { "rows": [ { "poleCode": "P1", ... } ] } with the keys of the
 * spreadsheet's columns (see docs/frameworks.md); each value is checked by the
 * same rules as a spreadsheet cell.
 */
async function readJson(path: string) {
  const errors: ReadError[] = []
  const rows: { row: number; values: Record<string, unknown> }[] = []
  let data: unknown
  try {
    const raw = await readFile(path, 'utf8')
    if (raw.length > 2 * 1024 * 1024) throw new Error('too large')
    data = JSON.parse(raw.replace(/^\uFEFF/, ''))
  } catch {
    return { rows, errors: [{ row: 1, column: null, value: null, reason: 'bad_file' }] }
  }
  const items = (data as { rows?: unknown })?.rows
  if (!Array.isArray(items))
    return { rows, errors: [{ row: 1, column: 'rows', value: null, reason: 'bad_file' }] }
  if (items.length > 5000)
    return { rows, errors: [{ row: 1, column: null, value: null, reason: 'too_many_rows' }] }
  for (const [index, item] of items.entries()) {
    // The file is refused anyway: past 200 problems the report says enough.
    if (errors.length >= 200) break
    const row = index + 2
    const values: Record<string, unknown> = {}
    for (const column of FRAMEWORK_COLUMNS) {
      const given = (item as Record<string, unknown>)?.[column.key]
      // Text, a number, a boolean, or a list of texts where the column is a list.
      const isList = ['complexities', 'hazards', 'links'].includes(column.key)
      const valid =
        given === undefined ||
        given === null ||
        ['string', 'number', 'boolean'].includes(typeof given) ||
        (isList && Array.isArray(given) && given.every((g) => typeof g === 'string'))
      if (!valid) {
        errors.push({ row, column: column.header, value: null, reason: 'invalid' })
        continue
      }
      const raw = Array.isArray(given)
        ? given.join('|')
        : typeof given === 'boolean'
          ? given
            ? 'O'
            : 'N'
          : given === undefined || given === null
            ? ''
            : String(given).trim()
      if (raw === '') {
        if (column.required)
          errors.push({ row, column: column.header, value: '', reason: 'required' })
        continue
      }
      // As in a spreadsheet: a formula is refused, never stored to run in a later export.
      if (raw.startsWith('=')) {
        errors.push({ row, column: column.header, value: raw.slice(0, 80), reason: 'formula' })
        continue
      }
      const parsed = column.parse ? column.parse(raw) : raw
      if (parsed && typeof parsed === 'object' && 'error' in parsed)
        errors.push({
          row,
          column: column.header,
          value: raw.slice(0, 80),
          reason: (parsed as { error: string }).error,
        })
      else values[column.key] = parsed
    }
    rows.push({ row, values })
  }
  return { rows, errors }
}

/**
 * Writes a checked plan as a new version of the framework (created on its
 * first import), in one transaction; earlier versions stay as they were.
 */
export async function applyFrameworkImport(
  actor: User,
  input: { code: string; name: string; sourceName: string },
  plan: FrameworkPlan,
  client?: TransactionClientContract
) {
  const run = async (trx: TransactionClientContract) => {
    let framework = await Framework.query({ client: trx })
      .where('code', input.code)
      .forUpdate()
      .first()
    if (!framework)
      framework = await Framework.create({ code: input.code, name: input.name }, { client: trx })
    else await framework.useTransaction(trx).merge({ name: input.name }).save()
    const last = await trx
      .from('framework_versions')
      .where('framework_id', framework.id)
      .max('version as version')
      .first()
    const version = await FrameworkVersion.create(
      {
        frameworkId: framework.id,
        version: Number(last?.version ?? 0) + 1,
        name: input.name,
        sourceName: input.sourceName.slice(0, 255),
        importedBy: actor.id,
      },
      { client: trx }
    )
    const ids = { pole: new Map<string, number>(), class: new Map<string, number>() }
    const situations = new Map<string, number>()
    const competences = new Map<string, number>()
    let position = 0
    for (const row of plan.rows) {
      position++
      if (!ids.pole.has(row.poleCode)) {
        const [id] = await insert(trx, 'framework_poles', {
          version_id: version.id,
          code: row.poleCode,
          name: row.pole,
          position,
        })
        ids.pole.set(row.poleCode, id)
      }
      if (!ids.class.has(row.classCode)) {
        const [id] = await insert(trx, 'situation_classes', {
          version_id: version.id,
          pole_id: ids.pole.get(row.poleCode),
          code: row.classCode,
          name: row.class,
          position,
        })
        ids.class.set(row.classCode, id)
      }
      if (!situations.has(row.situationCode)) {
        const [id] = await insert(trx, 'situations', {
          version_id: version.id,
          class_id: ids.class.get(row.classCode),
          code: row.situationCode,
          name: row.situation,
          position,
        })
        situations.set(row.situationCode, id)
        for (const link of row.links ?? []) {
          const [frameworkCode, competenceCode] = link.split(':')
          await trx.table('situation_links').insert({
            situation_id: id,
            framework_code: frameworkCode,
            competence_code: competenceCode,
          })
        }
      }
      if (!competences.has(row.competenceCode)) {
        const [id] = await insert(trx, 'competences', {
          version_id: version.id,
          code: row.competenceCode,
          name: row.competence,
          exam_unit: row.unit,
          assessed_elsewhere: row.elsewhere,
          complexities: JSON.stringify(row.complexities),
          hazards: JSON.stringify(row.hazards),
          position,
        })
        competences.set(row.competenceCode, id)
      }
      await trx.table('situation_competences').insert({
        situation_id: situations.get(row.situationCode),
        competence_id: competences.get(row.competenceCode),
      })
    }
    await AuditLog.record({
      actor,
      action: 'framework.imported',
      entityType: 'framework',
      entityId: framework.id,
      after: { code: framework.code, version: version.version, ...plan.counts },
      client: trx,
    })
    return { framework, version }
  }
  return client ? run(client) : db.transaction(run)
}

/** Inserts a row and returns its id, on SQLite and PostgreSQL alike. */
async function insert(
  trx: TransactionClientContract,
  table: string,
  values: Record<string, unknown>
) {
  const rows = await trx.table(table).insert(values).returning('id')
  return rows.map((row: any) => Number(typeof row === 'object' ? row.id : row))
}
