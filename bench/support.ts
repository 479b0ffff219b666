/**
 * What the benches that need data and the app share: a throw-away bench
 * database (migrated fresh, filled with multi-row inserts), the app started in
 * production mode as a child process, logins, and the peak memory of a process
 * read from /proc.
 *
 * The app runs from its production build (BENCH_SOURCE=1: from source, with
 * the TypeScript loader); BENCH_NODE_OPTIONS gives its process Node flags.
 *
 * The bench database is never the development or test one:
 * BENCH_SQLITE_FILE (tmp/bench.sqlite3) or, with DB_CONNECTION=pg,
 * BENCH_PG_DB (passerelle_bench). Every bench wipes it first.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { copyFileSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import knex, { type Knex } from 'knex'
import { Scrypt } from '@adonisjs/core/hash/drivers/scrypt'

export const root = new URL('../', import.meta.url)
export const isPg = process.env.DB_CONNECTION === 'pg'
export const sqliteFile = process.env.BENCH_SQLITE_FILE ?? 'tmp/bench.sqlite3'
export const pgDatabase = process.env.BENCH_PG_DB ?? 'passerelle_bench'
export const BENCH_PASSWORD = 'bench-password-1'

if (isPg && ['passerelle', 'test', 'postgres'].includes(pgDatabase))
  throw new Error(`refusing to wipe the database ${pgDatabase}: set BENCH_PG_DB`)

/** The environment of every child (app, ace, baseline): the bench database. */
export function benchEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DB_CONNECTION: isPg ? 'pg' : 'sqlite',
    SQLITE_FILE: sqliteFile,
    PG_DB_NAME: pgDatabase,
    LOG_LEVEL: 'error',
    ...extra,
  }
}

export const databaseLabel = () => (isPg ? 'PostgreSQL' : 'SQLite')

/** Drops and recreates every table of the bench database (created first on PostgreSQL if missing). */
export function migrateFresh() {
  if (isPg) {
    // psql and createdb on the server the environment names.
    const pg = (command: string, args: string[]) =>
      spawnSync(
        command,
        [
          '-h',
          process.env.PG_HOST ?? '127.0.0.1',
          '-p',
          process.env.PG_PORT ?? '5432',
          '-U',
          process.env.PG_USER ?? 'postgres',
          ...args,
        ],
        { encoding: 'utf8', env: { ...process.env, PGPASSWORD: process.env.PG_PASSWORD ?? '' } }
      )
    const name = pgDatabase.replace(/'/g, "''")
    const found = pg('psql', [
      '-d',
      'postgres',
      '-tAc',
      `select 1 from pg_database where datname = '${name}'`,
    ])
    if (found.status === 0 && found.stdout.trim() !== '1') {
      const create = pg('createdb', [pgDatabase])
      if (create.status !== 0) throw new Error(`createdb ${pgDatabase} failed: ${create.stderr}`)
    }
  }
  const result = spawnSync(process.execPath, ['ace', 'migration:fresh', '--force'], {
    cwd: root,
    env: benchEnv(),
    encoding: 'utf8',
  })
  if (result.status !== 0) throw new Error(`migration failed: ${result.stderr}${result.stdout}`)
}

export function database(): Knex {
  return knex(
    isPg
      ? {
          client: 'pg',
          connection: {
            host: process.env.PG_HOST ?? '127.0.0.1',
            port: Number(process.env.PG_PORT ?? 5432),
            user: process.env.PG_USER ?? 'postgres',
            password: process.env.PG_PASSWORD ?? '',
            database: pgDatabase,
          },
          pool: { min: 0, max: 2 },
        }
      : {
          client: 'better-sqlite3',
          connection: { filename: new URL(sqliteFile, root).pathname },
          useNullAsDefault: true,
          pool: { min: 0, max: 1 },
        }
  )
}

/** Bound parameters one statement may carry (SQLite ≥ 3.32: 32,766; PostgreSQL: 65,535). */
const MAX_PARAMETERS = isPg ? 65_535 : 32_766

/**
 * Multi-row inserts (one VALUES list, as many rows per statement as the
 * parameter limit allows). knex's own multi-row insert on SQLite is a UNION ALL
 * of SELECTs, capped at 500 rows.
 */
export async function insertRows(
  db: Knex | Knex.Transaction,
  table: string,
  rows: Record<string, unknown>[]
) {
  if (rows.length === 0) return
  const columns = Object.keys(rows[0])
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length))
  const tuple = `(${columns.map(() => '?').join(',')})`
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size)
    const values: any[] = []
    for (const row of chunk)
      for (const column of columns) {
        const value = row[column] ?? null
        values.push(typeof value === 'boolean' && !isPg ? Number(value) : value)
      }
    await db.raw(
      `insert into ${table} (${columns.join(',')}) values ${chunk.map(() => tuple).join(',')}`,
      values
    )
  }
}

/** Ids of rows just inserted, by a unique column (both databases, no RETURNING needed). */
export async function idsBy(db: Knex, table: string, column: string, values: string[]) {
  const ids = new Map<string, number>()
  for (let i = 0; i < values.length; i += 10_000) {
    const rows = await db(table)
      .whereIn(column, values.slice(i, i + 10_000))
      .select('id', column)
    for (const row of rows) ids.set(String(row[column]), Number(row.id))
  }
  return ids
}

/** mulberry32: a tiny seeded PRNG, the same data on every run. */
export function prng(seed = 42) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const FIRST = ['Léa', 'Hugo', 'Inès', 'Lucas', 'Chloé', 'Nathan', 'Zoé', 'Noah', 'Maëlys', 'Éloïse']
const LAST = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand']
const SYLLABLES = ['ma', 'ro', 'li', 'ne', 'ta', 'vo', 'ké', 'su', 'ba', 'di', 'çà', 'ou']

/** A plausible random name: a common one or three syllables. */
export function names(random: () => number) {
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]
  return () => {
    const last = random() < 0.5 ? pick(LAST) : pick(SYLLABLES) + pick(SYLLABLES) + pick(SYLLABLES)
    return { first: pick(FIRST), last: last[0].toUpperCase() + last.slice(1) }
  }
}

/** 'YYYY-MM-DD HH:mm:ss' in UTC, the timestamp format raw inserts use in the app. */
export const stamp = (date = new Date()) => date.toISOString().slice(0, 19).replace('T', ' ')

/** The hash of BENCH_PASSWORD with the app's scrypt settings (config/hash.ts). */
export function passwordHash() {
  return new Scrypt({ cost: 16384, blockSize: 8, parallelization: 1, maxMemory: 33554432 }).make(
    BENCH_PASSWORD
  )
}

/** The id of the row whose column holds this value. */
export async function idOf(
  db: Knex | Knex.Transaction,
  table: string,
  column: string,
  value: string | number
) {
  const row = await db(table).where(column, value).first('id')
  if (!row) throw new Error(`no ${table} with ${column} = ${value}`)
  return Number(row.id)
}

/** A centre, returned with its id. */
export async function insertCentre(db: Knex | Knex.Transaction, code: string, name: string) {
  await db('centres').insert({
    code,
    name,
    kind: 'exam',
    city: 'Nantes',
    country: 'FR',
    time_zone: 'Europe/Paris',
    status: 'active',
    online_visibility: 'hidden',
    created_at: stamp(),
    updated_at: stamp(),
  })
  return idOf(db, 'centres', 'code', code)
}

/** An active user who can log in with BENCH_PASSWORD, optionally member of centres. */
export async function insertUser(
  db: Knex | Knex.Transaction,
  email: string,
  role: string,
  centreIds: number[] = []
) {
  await db('users').insert({
    first_name: 'Banc',
    last_name: 'Essai',
    email,
    password: await passwordHash(),
    role,
    status: 'active',
    locale: 'fr',
    created_at: stamp(),
    updated_at: stamp(),
  })
  const id = await idOf(db, 'users', 'email', email)
  if (centreIds.length)
    await db('centre_memberships').insert(
      centreIds.map((centreId) => ({ user_id: id, centre_id: centreId, created_at: stamp() }))
    )
  return id
}

export interface App {
  process: ChildProcess
  pid: number
  base: string
  stop(): Promise<void>
}

/**
 * The production build (`node ace build`, as deployed: compiled JavaScript,
 * no TypeScript loader, which alone holds ≈ 80 MB), built once per run, with
 * the project's node_modules and .env.
 */
let built = false
export function buildApp() {
  if (built) return
  const result = spawnSync(process.execPath, ['ace', 'build'], { cwd: root, encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`build failed: ${result.stderr}${result.stdout}`)
  const build = new URL('build/', root)
  rmSync(new URL('node_modules', build), { force: true, recursive: true })
  symlinkSync('../node_modules', new URL('node_modules', build))
  copyFileSync(new URL('.env', root), new URL('.env', build))
  built = true
}

/** Whether the app runs from the build (default) or from source (BENCH_SOURCE=1). */
export const fromSource = process.env.BENCH_SOURCE === '1'

/**
 * The Node flags of `npm start` (package.json), so that the benchmarks run the
 * server as production does: `node <flags> bin/server.js`.
 */
export function serverFlags(): string[] {
  const scripts = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')).scripts
  const start = /^node (.*)bin\/server\.js$/.exec(scripts.start)
  if (!start) throw new Error(`npm start is not "node <flags> bin/server.js": ${scripts.start}`)
  return start[1].split(' ').filter(Boolean)
}

/**
 * The app in production mode on the bench database, as bench/pages.ts starts
 * it, from the production build unless BENCH_SOURCE=1.
 */
export async function startApp(port: number, extraEnv: Record<string, string> = {}): Promise<App> {
  const base = `http://127.0.0.1:${port}`
  if (!fromSource) buildApp()
  const child = spawn(
    process.execPath,
    [
      ...serverFlags(),
      ...(fromSource ? ['--import=@poppinss/ts-exec', 'bin/server.ts'] : ['bin/server.js']),
    ],
    {
      cwd: fromSource ? root : new URL('build/', root),
      env: benchEnv({
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        APP_URL: base,
        SESSION_DRIVER: 'database',
        // The SQLite path is taken from the app root: build/ is one level down.
        ...(fromSource ? {} : { SQLITE_FILE: `../${sqliteFile}` }),
        // Node flags of the server only, e.g. BENCH_NODE_OPTIONS=--max-semi-space-size=16.
        ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
        ...extraEnv,
      }),
      stdio: ['ignore', 'inherit', 'inherit'],
    }
  )
  let exited = false
  child.once('exit', () => (exited = true))
  for (let waited = 0; ; waited += 250) {
    const up = await fetch(`${base}/health`).then(
      async (r) => (await r.arrayBuffer(), true),
      () => false
    )
    if (up) break
    if (exited || waited > 60_000) throw new Error('the app did not start')
    await sleep(250)
  }
  return {
    process: child,
    pid: child.pid!,
    base,
    async stop() {
      if (exited) return
      const gone = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await Promise.race([gone, sleep(10_000)])
      if (!exited) child.kill('SIGKILL')
    },
  }
}

const cookiesOf = (response: Response) =>
  response.headers.getSetCookie().map((c) => c.split(';')[0])

/** Logs in through the form; returns the Cookie header of the session. */
export async function logIn(base: string, email: string, password = BENCH_PASSWORD) {
  const page = await fetch(`${base}/login`)
  const html = await page.text()
  const csrf = /name='_csrf' value='([^']+)'/.exec(html)?.[1] ?? ''
  const response = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'cookie': cookiesOf(page).join('; '),
    },
    body: new URLSearchParams({ _csrf: csrf, email, password }).toString(),
  })
  await response.arrayBuffer()
  if (response.status !== 302 || response.headers.get('location') !== '/')
    throw new Error(`login of ${email} failed (${response.status})`)
  return cookiesOf(response).join('; ')
}

/** A CSRF token for forms posted with this session's cookie. */
export async function csrfToken(base: string, cookie: string, path = '/') {
  const page = await fetch(`${base}${path}`, { headers: { cookie } })
  const html = await page.text()
  const token =
    /name='_csrf' value='([^']+)'/.exec(html)?.[1] ??
    /name="csrf-token" content="([^"]+)"/.exec(html)?.[1]
  if (!token) throw new Error(`no CSRF token on ${path}`)
  return token
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM') {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0)
  } catch {
    return 0
  }
}

export const rssMb = (pid: number) => statusKb(pid, 'VmRSS') / 1024

/**
 * Watches a process's memory: its peak resident set size from now on. The
 * kernel's high-water mark is reset first (clear_refs 5) and read at the end,
 * with VmRSS sampled every 50 ms as a fallback where the reset is refused.
 */
export function watchMemory(pid: number) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5')
  } catch {}
  let peak = statusKb(pid, 'VmRSS')
  const timer = setInterval(() => (peak = Math.max(peak, statusKb(pid, 'VmRSS'))), 50)
  return {
    /** Peak in MB; call before the process exits. */
    stop() {
      clearInterval(timer)
      return Math.max(peak, statusKb(pid, 'VmHWM')) / 1024
    },
  }
}

export const fmt = (n: number) => Math.round(n).toLocaleString('en')
