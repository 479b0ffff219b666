/**
 * Export benchmark, through the real controller: GET /candidates/export/xlsx
 * and /csv as a network admin, on 100,000 then 1,000,000 candidates of one
 * centre, the app in production mode in its own process (started fresh for
 * each export so that peaks do not mix). Measured: rows/s to the last byte and
 * the server process's peak RSS.
 *
 * Baseline, same run, same database: a separate process that reads the same
 * rows and columns with one plain streaming query (better-sqlite3 iterate() /
 * a PostgreSQL cursor) and writes them with raw exceljs WorkbookWriter, or as
 * plain csv lines, to a file.
 * Targets: xlsx ≥ 0.8 × baseline rows/s and peak ≤ 250 MB at 1M rows; csv ≥ 0.7 ×.
 *
 *   npm run bench:exports                       (SQLite, tmp/bench.sqlite3)
 *   DB_CONNECTION=pg BENCH_PG_DB=bench npm run bench:exports
 *   BENCH_ROWS=100000 npm run bench:exports     (one size only)
 */
import { spawn } from 'node:child_process'
import { createWriteStream, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { once } from 'node:events'
import { performance } from 'node:perf_hooks'
import { setImmediate as yieldToLoop } from 'node:timers/promises'
// Before exceljs: its XML parser's UTF-8 fix, as in the app (app/shared/spreadsheets/exceljs_utf8.ts).
import '../app/shared/spreadsheets/exceljs_fix.ts'
import ExcelJS from 'exceljs'
import {
  databaseLabel,
  database,
  fmt,
  fromSource,
  idOf,
  insertCentre,
  insertRows,
  insertUser,
  isPg,
  logIn,
  migrateFresh,
  names,
  pgDatabase,
  prng,
  root,
  sqliteFile,
  stamp,
  startApp,
  watchMemory,
} from './support.ts'

const PORT = Number(process.env.BENCH_PORT ?? 3990)
const ADMIN = 'admin@bench.test'
const GROUPS = 12

/** The labels the real export writes (resources/lang/fr/candidates.json). */
const STATUS: Record<string, string> = {
  to_assign: 'À attribuer',
  planned: 'Prévue',
  expired: 'Expirée',
  passed: 'Passée',
}
const HEADERS = ['Nom', 'Email', 'Groupe', 'Statut', "Type d'examen", 'Score', 'Date']

/** The same rows as the export: candidates in the table's default order (name, id). */
const QUERY = `select c.last_name, c.first_name, c.email, c.exam_status, c.exam_type, c.exam_score,
  c.exam_date, (${
    isPg
      ? `select string_agg(g.name, ', ' order by g.name)`
      : `select group_concat(name, ', ') from (select g.name`
  } from candidate_group cg join groups g on g.id = cg.group_id
    where cg.candidate_id = c.id ${isPg ? '' : 'order by g.name)'}) as group_names
  from candidates c where c.anonymised_at is null order by c.last_name, c.id`

// ---------------------------------------------------------------- the data

async function fill(from: number, to: number) {
  const db = database()
  try {
    if (from === 0) {
      const centre = await insertCentre(db, 'BENCH-01', 'Centre du banc')
      await insertUser(db, ADMIN, 'network_admin')
      await insertRows(
        db,
        'groups',
        Array.from({ length: GROUPS }, (_, i) => ({
          centre_id: centre,
          name: `Groupe ${String(i + 1).padStart(2, '0')}`,
          category: 'class',
          hidden: false,
          created_at: stamp(),
          updated_at: stamp(),
        }))
      )
    }
    const centre = await idOf(db, 'centres', 'code', 'BENCH-01')
    const groups = await db('groups').where('centre_id', centre).select('id')
    const groupIds = groups.map((g) => Number(g.id))
    const random = prng(from + 1)
    const name = names(random)
    const statuses = Object.keys(STATUS)
    const now = stamp()
    const highest = await db('candidates').max('id as id').first()
    const firstId = Number(highest?.id ?? 0) + 1
    await db.transaction(async (trx) => {
      for (let start = from; start < to; start += 50_000) {
        const end = Math.min(to, start + 50_000)
        const candidates = []
        const members = []
        for (let i = start; i < end; i++) {
          const { first, last } = name()
          const status = statuses[Math.floor(random() * statuses.length)]
          const day = new Date(Date.UTC(2025, 0, 1) + Math.floor(random() * 700) * 86_400_000)
          candidates.push({
            centre_id: centre,
            civility: random() < 0.5 ? 'mme' : 'm',
            last_name: last,
            first_name: first,
            email: random() < 0.9 ? `c${i}@example.test` : null,
            birth_date: '1990-05-17',
            status: 'employee',
            funding: 'self',
            exam_status: status,
            exam_validation: status === 'passed' ? 'validated' : null,
            exam_score: status === 'passed' ? Math.floor(random() * 1000) : null,
            exam_type: status === 'to_assign' ? null : 'TEF Canada',
            exam_date: status === 'to_assign' ? null : day.toISOString().slice(0, 10),
            last_activity_at: now,
            created_at: now,
            updated_at: now,
          })
          // A third of the candidates in one group, a few in two.
          const id = firstId + (i - from)
          const draw = random()
          if (draw < 0.33)
            members.push({ candidate_id: id, group_id: groupIds[i % GROUPS], created_at: now })
          if (draw < 0.03)
            members.push({
              candidate_id: id,
              group_id: groupIds[(i + 5) % GROUPS],
              created_at: now,
            })
        }
        await insertRows(trx, 'candidates', candidates)
        await insertRows(trx, 'candidate_group', members)
      }
    })
    await db.raw(isPg ? 'analyze' : 'analyze')
  } finally {
    await db.destroy()
  }
}

// ---------------------------------------------------------------- the baseline

/** The drivers, used directly (their types are not installed: imported by name). */
const DRIVERS: Record<string, string> = { sqlite: 'better-sqlite3', pg: 'pg' }

/** Rows of QUERY, streamed: better-sqlite3's iterator, or a PostgreSQL cursor. */
async function* plainRows(): AsyncGenerator<any> {
  if (!isPg) {
    const { default: Database } = await import(DRIVERS.sqlite)
    const sqlite = new Database(new URL(sqliteFile, root).pathname, { readonly: true })
    try {
      let n = 0
      for (const row of sqlite.prepare(QUERY).iterate()) {
        yield row
        if (++n % 1000 === 0) await yieldToLoop()
      }
    } finally {
      sqlite.close()
    }
    return
  }
  const { default: pg } = await import(DRIVERS.pg)
  const client = new pg.Client({
    host: process.env.PG_HOST ?? '127.0.0.1',
    port: Number(process.env.PG_PORT ?? 5432),
    user: process.env.PG_USER ?? 'postgres',
    password: process.env.PG_PASSWORD ?? '',
    database: pgDatabase,
  })
  await client.connect()
  try {
    await client.query('begin')
    await client.query(`declare export_rows no scroll cursor for ${QUERY}`)
    while (true) {
      const { rows } = await client.query('fetch 2000 from export_rows')
      if (rows.length === 0) break
      yield* rows
    }
    await client.query('commit')
  } finally {
    await client.end()
  }
}

/** A date column as SQLite (text) or node-postgres (Date at local midnight) gives it. */
const dayOf = (value: unknown) =>
  value instanceof Date
    ? new Date(Date.UTC(value.getFullYear(), value.getMonth(), value.getDate()))
    : value
      ? new Date(`${value}T00:00:00Z`)
      : null

async function baselineXlsx(path: string) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: createWriteStream(path),
    useStyles: true,
    useSharedStrings: false,
  })
  const sheet = workbook.addWorksheet('Export')
  sheet.columns = HEADERS.map((header, i) => ({
    key: `c${i}`,
    header,
    style: i === 6 ? { numFmt: 'dd/mm/yyyy' } : undefined,
  }))
  let n = 0
  for await (const row of plainRows()) {
    sheet
      .addRow([
        `${row.last_name.toUpperCase()} ${row.first_name}`,
        row.email ?? '',
        row.group_names ?? '',
        STATUS[row.exam_status],
        row.exam_type ?? '',
        row.exam_score,
        dayOf(row.exam_date),
      ])
      .commit()
    n++
  }
  sheet.commit()
  await workbook.commit()
  return n
}

async function baselineCsv(path: string) {
  const out = createWriteStream(path)
  out.write(HEADERS.join(';') + '\r\n')
  let n = 0
  for await (const row of plainRows()) {
    const date = dayOf(row.exam_date)
    const line = `${row.last_name.toUpperCase()} ${row.first_name};${row.email ?? ''};${row.group_names ?? ''};${STATUS[row.exam_status]};${row.exam_type ?? ''};${row.exam_score ?? ''};${date ? date.toISOString().slice(0, 10).split('-').reverse().join('/') : ''}\r\n`
    if (!out.write(line)) await once(out, 'drain')
    n++
  }
  out.end()
  await once(out, 'finish')
  return n
}

/** Child process: one baseline export; prints its rows, time and own peak RSS. */
async function baselineChild(format: string) {
  mkdirSync(new URL('tmp/bench', root), { recursive: true })
  const path = new URL(`tmp/bench/baseline.${format}`, root).pathname
  const start = performance.now()
  const rows = format === 'xlsx' ? await baselineXlsx(path) : await baselineCsv(path)
  const ms = performance.now() - start
  const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))![1]
  console.log(JSON.stringify({ rows, ms, peakMb: Number(hwm) / 1024 }))
}

async function runBaseline(format: string) {
  const child = spawn(
    process.execPath,
    [...process.execArgv, new URL(import.meta.url).pathname, 'baseline', format],
    { cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'inherit'] }
  )
  let out = ''
  child.stdout.on('data', (chunk) => (out += chunk))
  const [code] = await once(child, 'exit')
  if (code !== 0) throw new Error(`baseline ${format} failed`)
  return JSON.parse(out.trim().split('\n').pop()!) as { rows: number; ms: number; peakMb: number }
}

// ---------------------------------------------------------------- the real export

async function runExport(format: string) {
  const app = await startApp(PORT)
  try {
    const cookie = await logIn(app.base, ADMIN)
    const idleMb =
      Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${app.pid}/status`, 'utf8'))![1]) / 1024
    // A running server has loaded its code: one export that finds nobody first.
    const warm = await fetch(`${app.base}/candidates/export/${format}?q=nobody-at-all`, {
      headers: { cookie },
    })
    await warm.arrayBuffer()
    const memory = watchMemory(app.pid)
    const start = performance.now()
    const response = await fetch(`${app.base}/candidates/export/${format}`, { headers: { cookie } })
    if (response.status !== 200) throw new Error(`export ${format}: ${response.status}`)
    let bytes = 0
    let lines = 0
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length
      if (format === 'csv') for (const byte of chunk) if (byte === 10) lines++
    }
    const ms = performance.now() - start
    const peakMb = memory.stop()
    return { ms, peakMb, idleMb, bytes, rows: format === 'csv' ? lines - 1 : null }
  } finally {
    await app.stop()
  }
}

// ---------------------------------------------------------------- main

async function main() {
  const sizes = process.env.BENCH_ROWS ? [Number(process.env.BENCH_ROWS)] : [100_000, 1_000_000]
  console.log(
    `exports through the controller, ${databaseLabel()}, app ${fromSource ? 'from source' : 'built'}, ${new Date().toISOString()}`
  )
  migrateFresh()
  let filled = 0
  for (const count of sizes) {
    const start = performance.now()
    await fill(filled, count)
    filled = count
    console.log(
      `\n${fmt(count)} candidates (filled in ${((performance.now() - start) / 1000).toFixed(1)} s)`
    )
    for (const format of ['xlsx', 'csv']) {
      const base = await runBaseline(format)
      if (base.rows !== count) throw new Error(`baseline wrote ${base.rows} rows`)
      const ours = await runExport(format)
      if (ours.rows !== null && ours.rows !== count)
        throw new Error(`the csv export has ${ours.rows} rows, not ${count}`)
      const baseRate = count / (base.ms / 1000)
      const ourRate = count / (ours.ms / 1000)
      const target = format === 'xlsx' ? 0.8 : 0.7
      console.log(
        `  ${format}: baseline ${fmt(baseRate)} rows/s, peak ${fmt(base.peakMb)} MB | ` +
          `export ${fmt(ourRate)} rows/s (${(ours.ms / 1000).toFixed(1)} s, ${fmt(ours.bytes / 1024 / 1024)} MB), ` +
          `server peak ${fmt(ours.peakMb)} MB (idle ${fmt(ours.idleMb)} MB) | ` +
          `ratio ${(ourRate / baseRate).toFixed(2)} (target >= ${target})`
      )
    }
  }
  rmSync(new URL('tmp/bench', root), { recursive: true, force: true })
}

if (process.argv[2] === 'baseline') await baselineChild(process.argv[3])
else await main()
