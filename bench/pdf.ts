/**
 * PDF benchmark: 500 one-page A4 attestations (30 fields, SVG logo, SVG QR code)
 * printed as one PDF through our renderer vs raw puppeteer with the best strategy
 * measured in STACK.md (4 chunks in 4 tabs, tagged: false, merged with pdf-lib),
 * both in this run; then the warm p50/p95 of a single document.
 *
 *   npm run bench:pdf
 */
import puppeteer from 'puppeteer-core'
import QRCode from 'qrcode'
import { performance } from 'node:perf_hooks'
import { PdfRenderer, mergePdfs } from '../app/shared/pdf/pdf_renderer.ts'
import { chromiumPath } from '../app/shared/pdf/chromium.ts'

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

const bodies = await Promise.all(Array.from({ length: DOCUMENTS }, (_, i) => body(i)))
const renderer = new PdfRenderer()
try {
  // Warm both paths once (browser start, fonts), then measure each twice and keep the best.
  await ours(renderer, bodies.slice(0, 8))
  const baseline = Math.min(await rawPuppeteer(bodies), await rawPuppeteer(bodies))
  const measured = Math.min(await ours(renderer, bodies), await ours(renderer, bodies))
  const baseRate = DOCUMENTS / (baseline / 1000)
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
