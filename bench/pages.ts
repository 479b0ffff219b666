/**
 * Page benchmark: the busiest pages under 20 concurrent users, against the
 * static /health page (the whole middleware stack, no data) measured in the
 * same run. Start it on a database filled by `node ace demo:big`:
 *
 *   DB_CONNECTION=pg PG_DB_NAME=big npm run bench:pages
 *
 * It starts the app in production mode on BENCH_PORT (3990), logs in as users
 * of each role (the demo password, or BENCH_PASSWORD), warms each page up, then
 * runs BENCH_SECONDS (10) of 20 concurrent keep-alive loops per page and prints
 * p50, p95 and requests/s, with p95 as a multiple of the baseline's p95.
 * Targets (issue 11): p95 ≤ 4 × baseline and ≤ 50 ms.
 */
import { fromSource, logIn, startApp } from './support.ts'
import { performance } from 'node:perf_hooks'
import knex from 'knex'

const PORT = Number(process.env.BENCH_PORT ?? 3990)
const BASE = `http://127.0.0.1:${PORT}`
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const USERS = 20
const PASSWORD = process.env.BENCH_PASSWORD ?? 'passerelle-demo'
const root = new URL('../', import.meta.url)

function database() {
  const pg = process.env.DB_CONNECTION === 'pg'
  return knex(
    pg
      ? {
          client: 'pg',
          connection: {
            host: process.env.PG_HOST ?? '127.0.0.1',
            port: Number(process.env.PG_PORT ?? 5432),
            user: process.env.PG_USER ?? 'postgres',
            password: process.env.PG_PASSWORD ?? '',
            database: process.env.PG_DB_NAME ?? 'passerelle',
          },
        }
      : {
          client: 'better-sqlite3',
          connection: {
            filename: new URL(process.env.SQLITE_FILE ?? 'tmp/passerelle.sqlite3', root).pathname,
          },
          useNullAsDefault: true,
        }
  )
}

/** The users and records the pages need, picked from the data: the biggest centre, its busiest session. */
async function pick() {
  const db = database()
  try {
    const one = async (query: any) => (await query.first()) ?? {}
    const centre = await one(
      db('candidates').select('centre_id').count('* as n').groupBy('centre_id').orderBy('n', 'desc')
    )
    const email = async (role: string, centreId?: number) => {
      const query = db('users').where({ role, status: 'active' }).select('users.email')
      if (centreId)
        query
          .join('centre_memberships', 'centre_memberships.user_id', 'users.id')
          .where('centre_memberships.centre_id', centreId)
      const user = await one(query.orderBy('users.id'))
      return user.email as string | undefined
    }
    const session = await one(
      db('registrations')
        .join('exam_sessions', 'exam_sessions.id', 'registrations.session_id')
        .where('exam_sessions.centre_id', centre.centre_id)
        .select('registrations.session_id')
        .count('* as n')
        .groupBy('registrations.session_id')
        .orderBy('n', 'desc')
    )
    const name = await one(
      db('candidates').where('centre_id', centre.centre_id).select('last_name').orderBy('id')
    )
    return {
      centreId: Number(centre.centre_id),
      sessionId: Number(session.session_id),
      sessionSize: Number(session.n),
      search: String(name.last_name ?? 'mar')
        .slice(0, 4)
        .toLowerCase(),
      admin: await email('network_admin'),
      accountManager: await email('account_manager', Number(centre.centre_id)),
      manager: await email('centre_manager', Number(centre.centre_id)),
    }
  } finally {
    await db.destroy()
  }
}

interface Figures {
  p50: number
  p95: number
  rps: number
  errors: number
}

/** USERS loops hitting the page for SECONDS; every latency kept (ms). */
async function load(path: string, cookie: string): Promise<Figures> {
  const hit = async () => {
    const response = await fetch(`${BASE}${path}`, {
      redirect: 'manual',
      headers: cookie ? { cookie } : {},
    })
    await response.arrayBuffer()
    return response.status
  }
  for (let i = 0; i < 30; i++) await hit()
  const latencies: number[] = []
  let errors = 0
  const end = performance.now() + SECONDS * 1000
  await Promise.all(
    Array.from({ length: USERS }, async () => {
      while (performance.now() < end) {
        const start = performance.now()
        const status = await hit()
        latencies.push(performance.now() - start)
        if (status !== 200) errors++
      }
    })
  )
  latencies.sort((a, b) => a - b)
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]
  return { p50: at(0.5), p95: at(0.95), rps: latencies.length / SECONDS, errors }
}

async function main() {
  const data = await pick()
  // The production build (bench/support.ts) unless BENCH_SOURCE=1, on the database the environment names.
  const server = await startApp(PORT, {
    PG_DB_NAME: process.env.PG_DB_NAME ?? 'passerelle',
    SQLITE_FILE: `${fromSource ? '' : '../'}${process.env.SQLITE_FILE ?? 'tmp/passerelle.sqlite3'}`,
  })
  try {
    const as = {
      admin: data.admin ? await logIn(BASE, data.admin, PASSWORD) : '',
      accountManager: data.accountManager ? await logIn(BASE, data.accountManager, PASSWORD) : '',
      manager: data.manager ? await logIn(BASE, data.manager, PASSWORD) : '',
    }
    const q = encodeURIComponent(data.search)
    const pages: [string, string, string][] = [
      ['baseline: /health (static page)', '/health', ''],
      ['home, centre manager', '/', as.manager],
      ['home, network admin', '/', as.admin],
      [`session page (${data.sessionSize} candidates)`, `/sessions/${data.sessionId}`, as.manager],
      ['candidates, whole network, searched', `/candidates?q=${q}`, as.admin],
      ['candidates, whole network, filtered', '/candidates?status=passed', as.admin],
      ['candidates, centre, sorted by date', '/candidates?sort=date&dir=desc', as.manager],
      ['sessions list, network', '/sessions', as.admin],
      ['requests list, account manager', '/requests/postponements', as.accountManager],
      ['orders, network', '/orders', as.admin],
      ['users, network, searched', `/users?q=${q}`, as.admin],
      ['anomalies, network', '/anomalies', as.admin],
    ]
    const results: { label: string; figures: Figures }[] = []
    // BENCH_PAGES=session,orders: only the pages whose label holds one of these words.
    const only = (process.env.BENCH_PAGES ?? '').split(',').filter(Boolean)
    for (const [label, path, cookie] of pages) {
      if (cookie === '' && !path.startsWith('/health')) continue
      if (only.length && !path.startsWith('/health') && !only.some((w) => label.includes(w)))
        continue
      results.push({ label, figures: await load(path, cookie) })
    }
    // The baseline again at the end: the machine's drift shows.
    results.push({ label: 'baseline again', figures: await load('/health', '') })
    const baseline = (results[0].figures.p95 + results[results.length - 1].figures.p95) / 2
    console.log(`\n${USERS} concurrent users, ${SECONDS} s per page, ${new Date().toISOString()}`)
    console.log('| page | p50 ms | p95 ms | req/s | p95 ÷ baseline | target met |')
    console.log('|---|---|---|---|---|---|')
    for (const { label, figures } of results) {
      const ratio = figures.p95 / baseline
      const met = label.startsWith('baseline')
        ? '–'
        : ratio <= 4 && figures.p95 <= 50
          ? 'yes'
          : 'no'
      console.log(
        `| ${label} | ${figures.p50.toFixed(1)} | ${figures.p95.toFixed(1)} | ${figures.rps.toFixed(0)} | ${ratio.toFixed(2)} | ${met}${figures.errors ? ` (${figures.errors} errors)` : ''} |`
      )
    }
  } finally {
    await server.stop()
  }
}

await main()
