/**
 * Spreadsheet export benchmark: rows/s and peak memory of our xlsx export
 * (writeXlsx) vs raw exceljs streaming the same rows, for 100,000 and
 * 1,000,000 rows of 10 columns; and our csv vs a plain stream. Each case runs
 * in its own process so that peaks do not mix; baseline and ours run in the
 * same invocation.
 *
 *   npm run bench:xlsx            (BENCH_ROWS=100000 to skip the 1M case)
 */
import { spawnSync } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { mkdirSync, rmSync } from 'node:fs'
import { once } from 'node:events'
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import { performance } from 'node:perf_hooks'
// Before exceljs: its XML parser's UTF-8 fix, as in the app (app/shared/spreadsheets/exceljs_utf8.ts).
import '../app/shared/spreadsheets/exceljs_fix.ts'
import ExcelJS from 'exceljs'
import { writeCsv, writeXlsx } from '../app/shared/spreadsheets/writer.ts'

/** Column 5 holds dates, shown as dates: both writers need styles for it. */
const COLUMNS = Array.from({ length: 10 }, (_, i) => ({
  key: `c${i}`,
  header: `Colonne ${i}`,
  ...(i === 5 ? { numFmt: 'dd/mm/yyyy' } : {}),
}))
const DAY = Date.UTC(2026, 0, 1)

/** Strings, numbers and dates, generated on the fly (the data source costs nothing). */
async function* rows(count: number) {
  for (let i = 0; i < count; i++) {
    yield {
      c0: `Candidat ${i}`,
      c1: `Éloïse-${i % 97}`,
      c2: `user${i}@example.test`,
      c3: i,
      c4: i * 1.5,
      c5: new Date(DAY + (i % 365) * 86400000),
      c6: i % 2 ? 'validé' : 'en attente',
      c7: 'TEF Canada',
      c8: i % 1000,
      c9: `7000${i % 10000}`,
    }
  }
}

async function rawExcel(path: string, count: number) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: createWriteStream(path),
    useStyles: true,
    useSharedStrings: false,
  })
  const sheet = workbook.addWorksheet('Export')
  sheet.columns = COLUMNS.map((c) => ({
    key: c.key,
    header: c.header,
    style: c.numFmt ? { numFmt: c.numFmt } : undefined,
  }))
  let n = 0
  for await (const row of rows(count)) {
    sheet.addRow(COLUMNS.map((c) => (row as any)[c.key])).commit()
    if (++n % 1000 === 0) await yieldToLoop()
  }
  sheet.commit()
  await workbook.commit()
}

async function rawCsv(path: string, count: number) {
  const out = createWriteStream(path)
  for await (const row of rows(count)) {
    const line =
      COLUMNS.map((c) => {
        const v = (row as any)[c.key]
        return v instanceof Date ? v.toISOString().slice(0, 10) : String(v)
      }).join(';') + '\r\n'
    if (!out.write(line)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
}

const CASES: Record<string, (path: string, count: number) => Promise<unknown>> = {
  'raw-xlsx': rawExcel,
  'our-xlsx': (path, count) => writeXlsx(createWriteStream(path), COLUMNS, rows(count)),
  'raw-csv': rawCsv,
  'our-csv': (path, count) => writeCsv(createWriteStream(path), COLUMNS, rows(count)),
}

/** Child: runs one case, sampling RSS every 50 ms, prints JSON. */
async function child(name: string, count: number) {
  let peak = process.memoryUsage().rss
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50)
  const path = `tmp/bench/${name}-${count}.${name.endsWith('csv') ? 'csv' : 'xlsx'}`
  const start = performance.now()
  await CASES[name](path, count)
  const ms = performance.now() - start
  clearInterval(timer)
  peak = Math.max(peak, process.memoryUsage().rss)
  console.log(JSON.stringify({ ms, peakMb: peak / 1024 / 1024 }))
}

function run(name: string, count: number) {
  const result = spawnSync(
    process.execPath,
    [...process.execArgv, new URL(import.meta.url).pathname, name, String(count)],
    {
      encoding: 'utf8',
    }
  )
  if (result.status !== 0) throw new Error(result.stderr)
  const { ms, peakMb } = JSON.parse(result.stdout.trim().split('\n').pop()!)
  return { rate: count / (ms / 1000), peakMb }
}

if (process.argv[2]) {
  await child(process.argv[2], Number(process.argv[3]))
} else {
  mkdirSync('tmp/bench', { recursive: true })
  const sizes = process.env.BENCH_ROWS ? [Number(process.env.BENCH_ROWS)] : [100_000, 1_000_000]
  for (const count of sizes) {
    const raw = run('raw-xlsx', count)
    const ours = run('our-xlsx', count)
    console.log(`xlsx, ${count.toLocaleString('en')} rows x 10 columns`)
    console.log(
      `  raw exceljs streaming: ${raw.rate.toFixed(0)} rows/s, peak ${raw.peakMb.toFixed(0)} MB`
    )
    console.log(
      `  writeXlsx:             ${ours.rate.toFixed(0)} rows/s, peak ${ours.peakMb.toFixed(0)} MB`
    )
    console.log(
      `  ratio ${(ours.rate / raw.rate).toFixed(2)} (target >= 0.80), peak ${ours.peakMb <= 250 ? '<=' : '>'} 250 MB`
    )
    const rawCsvResult = run('raw-csv', count)
    const ourCsv = run('our-csv', count)
    console.log(
      `csv, ${count.toLocaleString('en')} rows: plain stream ${rawCsvResult.rate.toFixed(0)} rows/s, writeCsv ${ourCsv.rate.toFixed(0)} rows/s, ratio ${(ourCsv.rate / rawCsvResult.rate).toFixed(2)}, peak ${ourCsv.peakMb.toFixed(0)} MB`
    )
  }
  rmSync('tmp/bench', { recursive: true, force: true })
}
