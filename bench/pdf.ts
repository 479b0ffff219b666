/**
 * PDF benchmark: 500 one-page A4 attestations (30 fields, SVG logo, SVG QR code)
 * printed as one PDF through our renderer vs raw puppeteer with the best strategy
 * measured in STACK.md (4 chunks in 4 tabs, tagged: false, merged with pdf-lib),
 * both in this run; then the warm p50/p95 of a single document.
 *
 * Then the real thing: "Télécharger toutes les attestations" of a session of
 * 500 candidates, through the app in production mode (its own process, on the
 * bench database, see support.ts): the POST starts the sessions module's
 * background job, which loads the attestations, renders the Edge view and
 * prints it; timed from the POST to the job done, compared with the same raw
 * puppeteer baseline (target ≥ 0.7). BENCH_JOB=0 skips it.
 *
 *   npm run bench:pdf
 *   DB_CONNECTION=pg BENCH_PG_DB=bench npm run bench:pdf
 */
import puppeteer from 'puppeteer-core'
import QRCode from 'qrcode'
import { performance } from 'node:perf_hooks'
import { PDFDocument } from 'pdf-lib'
import { setTimeout as sleep } from 'node:timers/promises'
import { PdfRenderer, mergePdfs } from '../app/shared/pdf/pdf_renderer.ts'
import { chromiumPath } from '../app/shared/pdf/chromium.ts'
import {
  csrfToken,
  database,
  databaseLabel,
  idOf,
  insertCentre,
  insertRows,
  insertUser,
  logIn,
  migrateFresh,
  names,
  prng,
  stamp,
  startApp,
} from './support.ts'

const DOCUMENTS = 500
const LOGO = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" rx="6" fill="#1f4e9c"/><text x="60" y="26" font-size="16" text-anchor="middle" fill="#fff" font-family="sans-serif">Passerelle</text></svg>`
const STYLE = `<style>@page{size:A4;margin:16mm}body{font-family:"Noto Sans","DejaVu Sans",sans-serif;font-size:10pt}
.pdf-document{break-after:page}.pdf-document:last-child{break-after:auto}table{width:100%;border-collapse:collapse}
td{border:1px solid #ccc;padding:2mm}</style>`

async function body(i: number) {
  const qr = await QRCode.toString(
    `https://passerelle.test/verify/P-${String(i).padStart(8, '0')}`,
    { type: 'svg', margin: 0 }
  )
  const fields = Array.from(
    { length: 30 },
    (_, f) => `<tr><td>Champ ${f + 1}</td><td>Valeur ${i}-${f} Éloïse Ğür</td></tr>`
  ).join('')
  return `${LOGO}<h1>Attestation de passage n° ${i + 1}</h1><table>${fields}</table><div style="width:30mm">${qr}</div>`
}

const wrap = (inner: string) =>
  `<!DOCTYPE html><html><head><meta charset="utf-8">${STYLE}</head><body>${inner}</body></html>`

async function rawPuppeteer(bodies: string[]) {
  const browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    pipe: true,
    args: ['--no-sandbox', '--disable-gpu'],
  })
  try {
    const chunks = 4
    const size = Math.ceil(bodies.length / chunks)
    const start = performance.now()
    const pdfs = await Promise.all(
      Array.from({ length: chunks }, async (_, c) => {
        const page = await browser.newPage()
        const html = wrap(
          bodies
            .slice(c * size, (c + 1) * size)
            .map((b) => `<section class="pdf-document">${b}</section>`)
            .join('')
        )
        await page.setContent(html, { waitUntil: 'load' })
        const pdf = await page.pdf({
          format: 'A4',
          printBackground: true,
          preferCSSPageSize: true,
          tagged: false,
        })
        await page.close()
        return pdf
      })
    )
    await mergePdfs(pdfs)
    return performance.now() - start
  } finally {
    await browser.close()
  }
}

async function ours(renderer: PdfRenderer, bodies: string[]) {
  const start = performance.now()
  await renderer.renderHtmlBatch(bodies, wrap)
  return performance.now() - start
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[
    Math.min(values.length - 1, Math.floor((p / 100) * values.length))
  ]

/** A session of `count` registrations whose results are published, each with its attestation. */
async function fillSession(number: number, count: number) {
  const db = database()
  try {
    const existing = await db('centres').where('code', 'BENCH-PDF').first('id')
    const centre = existing?.id ?? (await insertCentre(db, 'BENCH-PDF', 'Centre des attestations'))
    const admin = await db('users').where('email', 'admin@bench.test').first('id')
    if (!admin) await insertUser(db, 'admin@bench.test', 'network_admin')
    const product = await db('products').orderBy('id').first('id', 'name')
    const now = stamp()
    const day = '2026-10-03'
    await insertRows(db, 'exam_sessions', [
      {
        number,
        centre_id: centre,
        product_id: product.id,
        starts_at: `${day} 08:00:00`,
        registration_deadline: '2026-09-20 22:00:00',
        place: 'Salle du banc',
        seats: count,
        visibility: 'hidden',
        status: 'results_published',
        vat_rate: 2000,
        created_at: now,
        updated_at: now,
      },
    ])
    const session = await idOf(db, 'exam_sessions', 'number', number)
    const name = names(prng(number))
    const people = Array.from({ length: count }, () => name())
    await insertRows(
      db,
      'candidates',
      people.map(({ first, last }, i) => ({
        centre_id: centre,
        civility: 'mme',
        last_name: last,
        first_name: first,
        email: `s${number}-${i}@example.test`,
        birth_date: '1994-04-12',
        status: 'employee',
        funding: 'self',
        exam_status: 'passed',
        last_activity_at: now,
        created_at: now,
        updated_at: now,
      }))
    )
    const candidates = await db('candidates')
      .where('email', 'like', `s${number}-%`)
      .orderBy('id')
      .select('id')
    await insertRows(
      db,
      'registrations',
      candidates.map((candidate, i) => ({
        session_id: session,
        candidate_id: candidate.id,
        number: i + 1,
        channel: 'on_site',
        access_code: `${number % 1000}-${String(i).padStart(7, '0')}`,
        status: 'registered',
        created_at: now,
        updated_at: now,
      }))
    )
    const registrations = await db('registrations')
      .where('session_id', session)
      .orderBy('number')
      .select('id', 'number')
    const levels = ['A2', 'B1', 'B2', 'C1']
    await insertRows(
      db,
      'attestations',
      registrations.map((registration, i) => ({
        registration_id: registration.id,
        centre_id: centre,
        code: `B${number}${String(i).padStart(7, '0')}`,
        status: 'valid',
        snapshot: JSON.stringify({
          name: `${people[i].first} ${people[i].last}`,
          birthDate: '1994-04-12',
          product: product.name,
          sessionNumber: number,
          sessionDate: day,
          centre: 'Centre des attestations',
          tests: ['CE', 'CO', 'EE', 'EO'].map((code, t) => ({
            code,
            name: `Épreuve ${code}`,
            score: 200 + ((i * 7 + t * 13) % 400),
            max: code.startsWith('E') ? 450 : 699,
            level: levels[(i + t) % levels.length],
          })),
        }),
        issued_at: now,
        valid_until: '2028-10-03',
        created_at: now,
        updated_at: now,
      }))
    )
    return session
  } finally {
    await db.destroy()
  }
}

/**
 * The sessions module's attestation job, as the "download all" button starts
 * it: ms from the POST to the job done, and the pages of its PDF.
 */
async function attestationJob(base: string, cookie: string, session: number) {
  const token = await csrfToken(base, cookie, `/sessions/${session}`)
  const db = database()
  try {
    const start = performance.now()
    const started = await fetch(`${base}/sessions/${session}/attestations/batch`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ _csrf: token }).toString(),
    })
    await started.arrayBuffer()
    const jobId = /\/jobs\/(\d+)/.exec(started.headers.get('location') ?? '')?.[1]
    if (!jobId) throw new Error(`the job did not start (${started.status})`)
    let job
    while (true) {
      job = await db('background_jobs').where('id', jobId).first()
      if (job.status === 'done' || job.status === 'failed') break
      await sleep(50)
    }
    const ms = performance.now() - start
    if (job.status !== 'done') throw new Error(`the job failed: ${job.error}`)
    const file = await fetch(`${base}/sessions/${session}/attestations/jobs/${jobId}/download`, {
      headers: { cookie },
    })
    const pdf = await PDFDocument.load(await file.arrayBuffer())
    return { ms, pages: pdf.getPageCount() }
  } finally {
    await db.destroy()
  }
}

const bodies = await Promise.all(Array.from({ length: DOCUMENTS }, (_, i) => body(i)))
const renderer = new PdfRenderer()
let baseRate = 0
try {
  // Warm both paths once (browser start, fonts), then measure each twice and keep the best.
  await ours(renderer, bodies.slice(0, 8))
  const baseline = Math.min(await rawPuppeteer(bodies), await rawPuppeteer(bodies))
  const measured = Math.min(await ours(renderer, bodies), await ours(renderer, bodies))
  baseRate = DOCUMENTS / (baseline / 1000)
  const ourRate = DOCUMENTS / (measured / 1000)
  console.log(`batch of ${DOCUMENTS} one-page documents into one PDF`)
  console.log(
    `  raw puppeteer (4 chunks, 4 tabs, pdf-lib merge): ${baseRate.toFixed(0)} pages/s (${baseline.toFixed(0)} ms)`
  )
  console.log(
    `  PdfRenderer.renderHtmlBatch:                     ${ourRate.toFixed(0)} pages/s (${measured.toFixed(0)} ms)`
  )
  console.log(`  ratio ours/baseline: ${(ourRate / baseRate).toFixed(2)} (target >= 0.70)`)

  const single = wrap(bodies[0])
  const times: number[] = []
  for (let i = 0; i < 35; i++) {
    const start = performance.now()
    await renderer.renderHtml(single)
    if (i >= 5) times.push(performance.now() - start)
  }
  console.log(
    `single document, warm (tagged, 30 runs): p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms`
  )
} finally {
  await renderer.close()
}

if (process.env.BENCH_JOB !== '0') {
  migrateFresh()
  const warm = await fillSession(7_990_001, 8)
  const session = await fillSession(7_990_002, DOCUMENTS)
  const app = await startApp(Number(process.env.BENCH_PORT ?? 3990))
  try {
    const cookie = await logIn(app.base, 'admin@bench.test')
    // A running server has its browser up and its code loaded.
    await attestationJob(app.base, cookie, warm)
    const job = await attestationJob(app.base, cookie, session)
    if (job.pages !== DOCUMENTS) throw new Error(`the job's PDF has ${job.pages} pages`)
    const jobRate = DOCUMENTS / (job.ms / 1000)
    console.log(
      `attestations job of a ${DOCUMENTS}-candidate session (${databaseLabel()}, app in production mode)`
    )
    console.log(
      `  POST to job done: ${jobRate.toFixed(0)} pages/s (${job.ms.toFixed(0)} ms), ${job.pages} pages`
    )
    console.log(
      `  ratio job/raw puppeteer baseline: ${(jobRate / baseRate).toFixed(2)} (target >= 0.70)`
    )
  } finally {
    await app.stop()
  }
}
