/**
 * Import benchmark, through the real services in a booted app (production
 * mode, the bench database):
 *
 * - the user import of a training centre (planImport, then applyImport):
 *   5,000 rows, all new, then the same file again (all updates); target ≤ 2 s
 *   validated and written. The invitation mails are timed on their own;
 * - the credit results import of the network (planResultsFile, then
 *   recordResults): 100,000 results for 100,000 candidates holding a credit,
 *   then the same file again (all unchanged); target ≤ 20 s.
 *
 * Each prints the share of reading the file (parse and cell checks:
 * readSpreadsheet), checking the rows (the rest of the plan, database lookups
 * included) and writing; the baseline, in the same run, is the raw parse of
 * the same file by exceljs (or the csv parser) alone.
 *
 *   npm run bench:imports                       (SQLite, tmp/bench.sqlite3)
 *   DB_CONNECTION=pg BENCH_PG_DB=bench npm run bench:imports
 */
import { createWriteStream, mkdirSync, rmSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
// Before exceljs: its XML parser's UTF-8 fix, as in the app (app/shared/spreadsheets/exceljs_utf8.ts).
import '../app/shared/spreadsheets/exceljs_fix.ts'
import ExcelJS from 'exceljs'
import {
  benchEnv,
  database,
  databaseLabel,
  fmt,
  idOf,
  insertCentre,
  insertRows,
  insertUser,
  migrateFresh,
  names,
  prng,
  root,
  stamp,
} from './support.ts'

const USERS = 5_000
const RESULTS = Number(process.env.BENCH_RESULTS ?? 100_000)
const RESULT_CENTRES = 20
const dir = new URL('tmp/bench-imports/', root).pathname

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`
const share = (part: number, whole: number) => `${Math.round((100 * part) / whole)} %`

/** Boots the app in this process, on the bench database, as `node ace` would. */
async function bootApp() {
  Object.assign(process.env, benchEnv({ NODE_ENV: 'production' }))
  await import('reflect-metadata')
  const { Ignitor } = await import('@adonisjs/core')
  const ignitor = new Ignitor(root, {
    importer: (path: string) =>
      import(path.startsWith('./') || path.startsWith('../') ? new URL(path, root).href : path),
  })
  const app = ignitor.createApp('console')
  app.booting(async () => {
    await import('#start/env')
  })
  await app.init()
  await app.boot()
  await app.start(async () => {})
  return app
}

// ---------------------------------------------------------------- files

async function writeSheet(path: string, headers: string[], rows: Iterable<unknown[]>) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: createWriteStream(path),
    useStyles: false,
    useSharedStrings: false,
  })
  const sheet = workbook.addWorksheet('Import')
  sheet.addRow(headers).commit()
  for (const row of rows) sheet.addRow(row).commit()
  sheet.commit()
  await workbook.commit()
}

function* userRows(prefix: string, count: number) {
  const name = names(prng(7))
  for (let i = 0; i < count; i++) {
    const { first, last } = name()
    const teacher = i % 25 === 0
    const division = `Classe ${String(i % 40).padStart(2, '0')}`
    yield [
      teacher ? 'Enseignant' : 'Apprenant',
      last,
      first,
      `${prefix}${i}@example.test`,
      `EXT-${prefix}${i}`,
      division,
      teacher ? '' : `Groupe ${'ABC'[i % 3]}`,
    ]
  }
}

function* resultRows(count: number) {
  const random = prng(11)
  for (let i = 0; i < count; i++) {
    const day = 1 + Math.floor(random() * 28)
    yield [
      `R-${String(i + 1).padStart(7, '0')}`,
      `r${i}@example.test`,
      'Examen blanc - à distance',
      Math.floor(random() * 1001),
      `${String(day).padStart(2, '0')}/10/2026`,
      random() < 0.9 ? 'Validé' : 'En attente',
    ]
  }
}

/** The baseline: every cell of the first sheet as text, by exceljs's streaming reader alone. */
async function rawParse(path: string) {
  const start = performance.now()
  let rows = 0
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
  })
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const cells: string[] = []
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cells[col - 1] = String(cell.value ?? '')
      })
      rows++
    }
    break
  }
  return { ms: performance.now() - start, rows: rows - 1 }
}

/** The csv baseline: the file decoded and split into cells by the app's RFC 4180 parser alone. */
async function rawCsvParse(
  path: string,
  parseCsv: (text: string, sep: string) => Iterable<string[]>
) {
  const start = performance.now()
  const bytes = await readFile(path)
  let rows = 0
  for (const cells of parseCsv(bytes.toString('utf8'), ';')) if (cells.length) rows++
  return { ms: performance.now() - start, rows: rows - 1 }
}

// ---------------------------------------------------------------- data

async function fillUsers() {
  const db = database()
  try {
    const centre = await insertCentre(db, 'BENCH-FORM', 'Centre de formation du banc')
    await db('centres').where('id', centre).update({ kind: 'training' })
    const warm = await insertCentre(db, 'BENCH-WARM', 'Centre de rodage')
    await db('centres').where('id', warm).update({ kind: 'training' })
    await insertUser(db, 'manager@bench.test', 'centre_manager', [centre, warm])
    return { centre, warm }
  } finally {
    await db.destroy()
  }
}

/** RESULTS candidates over RESULT_CENTRES centres, each holding a pending remote mock credit. */
async function fillCredits() {
  const db = database()
  try {
    const admin = await insertUser(db, 'admin@bench.test', 'network_admin')
    const now = stamp()
    const name = names(prng(3))
    const perCentre = Math.ceil(RESULTS / RESULT_CENTRES)
    await db.transaction(async (trx) => {
      for (let c = 0; c < RESULT_CENTRES; c++) {
        const centre = await insertCentre(trx, `BENCH-R${c}`, `Centre résultats ${c}`)
        const first = c * perCentre
        const last = Math.min(RESULTS, first + perCentre)
        if (first >= last) break
        await insertRows(trx, 'credit_orders', [
          {
            number: `CMD-B${c}`,
            centre_id: centre,
            ordered_by: admin,
            status: 'delivered',
            payment_method: 'transfer',
            total_ht_cents: 0,
            total_vat_cents: 0,
            total_ttc_cents: 0,
            ordered_at: now,
            created_at: now,
            updated_at: now,
          },
        ])
        const order = await idOf(trx, 'credit_orders', 'number', `CMD-B${c}`)
        await insertRows(trx, 'credit_order_lines', [
          {
            order_id: order,
            centre_id: centre,
            name: 'Examen blanc à distance',
            type: 'mock_remote',
            reference: `EB-${c}`,
            quantity: last - first,
            unit_price_cents: 1000,
            vat_rate_bp: 2000,
            ht_cents: 0,
            vat_cents: 0,
            ttc_cents: 0,
            validity_months: 12,
            expires_on: '2030-12-31',
            remaining: 0,
          },
        ])
        const line = await idOf(trx, 'credit_order_lines', 'order_id', order)
        const candidates = []
        for (let i = first; i < last; i++) {
          const { first: firstName, last: lastName } = name()
          candidates.push({
            centre_id: centre,
            civility: 'mme',
            last_name: lastName,
            first_name: firstName,
            email: `r${i}@example.test`,
            birth_date: '1995-02-03',
            status: 'student',
            funding: 'self',
            exam_status: 'planned',
            exam_type: 'Examen blanc - à distance',
            last_activity_at: now,
            created_at: now,
            updated_at: now,
          })
        }
        await insertRows(trx, 'candidates', candidates)
        const ids = await trx('candidates').where('centre_id', centre).orderBy('id').select('id')
        await insertRows(
          trx,
          'credit_assignments',
          ids.map((row) => ({
            centre_id: centre,
            candidate_id: row.id,
            order_line_id: line,
            type: 'mock_remote',
            status: 'planned',
            assigned_by: admin,
            assigned_at: now,
            created_at: now,
            updated_at: now,
          }))
        )
        const credits = await trx('credit_assignments')
          .where('order_line_id', line)
          .select('id', 'candidate_id')
        await insertRows(
          trx,
          'candidate_exams',
          credits.map((credit) => ({
            candidate_id: credit.candidate_id,
            source: 'credit',
            source_id: credit.id,
            exam_type: 'Examen blanc - à distance',
            status: 'planned',
            created_at: now,
            updated_at: now,
          }))
        )
      }
    })
    await db.raw('analyze')
  } finally {
    await db.destroy()
  }
}

// ---------------------------------------------------------------- main

async function main() {
  console.log(`imports through the services, ${databaseLabel()}, ${new Date().toISOString()}`)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  migrateFresh()
  const { centre: centreId, warm: warmId } = await fillUsers()
  let start = performance.now()
  await fillCredits()
  console.log(
    `filled ${fmt(RESULTS)} candidates with a credit in ${seconds(performance.now() - start)}`
  )

  const usersFile = `${dir}users.xlsx`
  const resultsFile = `${dir}results.xlsx`
  const resultsCsv = `${dir}results.csv`
  const headers = ['Type', 'Nom', 'Prénom', 'Email', 'Identifiant externe', 'Classes', 'Groupes']
  await writeSheet(usersFile, headers, userRows('u', USERS))
  await writeSheet(`${dir}warm.xlsx`, headers, userRows('w', 20))
  const resultHeaders = [
    'Identifiant du résultat',
    'Courriel',
    "Type d'examen",
    'Score /1000',
    'Date de passage',
    'Validation',
  ]
  await writeSheet(resultsFile, resultHeaders, resultRows(RESULTS))
  const csv = createWriteStream(resultsCsv)
  csv.write(resultHeaders.join(';') + '\r\n')
  for (const row of resultRows(RESULTS)) csv.write(row.join(';') + '\r\n')
  await new Promise((resolve) => csv.end(resolve))

  const app = await bootApp()
  try {
    const { readSpreadsheet, parseCsv } = await import('#shared/spreadsheets/reader')
    const { IMPORT_COLUMNS, planImport, applyImport } =
      await import('#centres/services/user_import')
    const { planResultsFile, resultColumns, MAX_RESULT_ROWS } =
      await import('#orders/services/results_import')
    const { recordResults } = await import('#orders/services/results')
    const { Centre } = await import('#centres')
    const { User, sendInvitations } = await import('#accounts')
    const { default: i18nManager } = await import('@adonisjs/i18n/services/main')
    const t = i18nManager.locale('fr')
    const typeLabel = (type: string) => t.t(`orders.types.${type}`)
    const centre = await Centre.findOrFail(centreId)
    const manager = await User.findByOrFail('email', 'manager@bench.test')
    const admin = await User.findByOrFail('email', 'admin@bench.test')

    // Code paths loaded once, as in a running server.
    const warm = await Centre.findOrFail(warmId)
    const warmed = await applyImport(await planImport(`${dir}warm.xlsx`, warm), warm, manager)
    await sendInvitations(warmed.invited)

    console.log(`\nuser import, ${fmt(USERS)} rows (xlsx), target <= 2 s validated and written`)
    for (const pass of ['new users', 'same file again (updates)']) {
      const raw = await rawParse(usersFile)
      start = performance.now()
      const plan = await planImport(usersFile, centre)
      const planMs = performance.now() - start
      if (plan.errors.length) throw new Error(`user import: ${JSON.stringify(plan.errors[0])}`)
      start = performance.now()
      await readSpreadsheet(usersFile, { columns: IMPORT_COLUMNS, maxRows: 5000 })
      const readMs = performance.now() - start
      start = performance.now()
      const applied = await applyImport(plan, centre, manager)
      const applyMs = performance.now() - start
      const total = planMs + applyMs
      console.log(
        `  ${pass}: ${seconds(total)} (${fmt(USERS / (total / 1000))} rows/s; created ${applied.created}, updated ${applied.updated}) ` +
          `| read ${seconds(readMs)} ${share(readMs, total)}, checks ${seconds(planMs - readMs)} ${share(planMs - readMs, total)}, ` +
          `writing ${seconds(applyMs)} ${share(applyMs, total)} ` +
          `| raw exceljs parse ${seconds(raw.ms)} (${raw.rows} rows), read ÷ raw ${(readMs / raw.ms).toFixed(2)}`
      )
      if (applied.invited.length) {
        start = performance.now()
        await sendInvitations(applied.invited)
        const mailMs = performance.now() - start
        console.log(
          `    then, as the controller does once committed, ${fmt(applied.invited.length)} invitations (links issued in bulk, one mail each, mailbox transport): ${seconds(mailMs)}`
        )
      }
    }

    console.log(
      `\ncredit results import, ${fmt(RESULTS)} rows (cap ${fmt(MAX_RESULT_ROWS)}), target <= 20 s`
    )
    const runs: [string, string][] = [
      ['xlsx, new results', resultsFile],
      ['xlsx, same file again (unchanged)', resultsFile],
      ['csv, same results (unchanged)', resultsCsv],
    ]
    for (const [label, file] of runs) {
      const raw = file.endsWith('.csv') ? await rawCsvParse(file, parseCsv) : await rawParse(file)
      start = performance.now()
      const plan = await planResultsFile(file, typeLabel)
      const planMs = performance.now() - start
      if (plan.errors.length) throw new Error(`results: ${JSON.stringify(plan.errors[0])}`)
      start = performance.now()
      await readSpreadsheet(file, { columns: resultColumns(typeLabel), maxRows: MAX_RESULT_ROWS })
      const readMs = performance.now() - start
      start = performance.now()
      const recorded = await recordResults(plan.inputs, 'import', admin)
      const writeMs = performance.now() - start
      if (recorded.problems.length)
        throw new Error(`results: ${JSON.stringify(recorded.problems.slice(0, 3))}`)
      const count = (kind: string) => recorded.outcomes.filter((o) => o === kind).length
      const total = planMs + writeMs
      console.log(
        `  ${label}: ${seconds(total)} (${fmt(RESULTS / (total / 1000))} rows/s; created ${count('created')}, unchanged ${count('unchanged')}) ` +
          `| read ${seconds(readMs)} ${share(readMs, total)}, checks ${seconds(planMs - readMs)} ${share(planMs - readMs, total)}, ` +
          `recording ${seconds(writeMs)} ${share(writeMs, total)} ` +
          `| raw parse ${seconds(raw.ms)} (${fmt(raw.rows)} rows), read ÷ raw ${(readMs / raw.ms).toFixed(2)}`
      )
    }
  } finally {
    await app.terminate()
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
