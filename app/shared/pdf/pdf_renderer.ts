import puppeteer, { type Browser, type Page, type PDFOptions } from 'puppeteer-core'
import { PDFDocument } from 'pdf-lib'
import { chromiumPath } from '#shared/pdf/chromium'
import { onShutdown } from '#shared/lifecycle'

export interface RenderOptions {
  /** Header and footer templates (Chromium's), e.g. page numbers. */
  headerTemplate?: string
  footerTemplate?: string
  landscape?: boolean
}

export interface RendererConfig {
  executablePath?: string
  /** Tabs kept open and printed in parallel. */
  poolSize?: number
  /** Documents per HTML chunk when printing a batch. */
  chunkSize?: number
}

const FOOTER = `<div style="width:100%;font-size:8px;color:#555;padding:0 12mm;text-align:right;font-family:'Noto Sans','DejaVu Sans',sans-serif">
  <span class="pageNumber"></span> / <span class="totalPages"></span></div>`

/**
 * Prints HTML to A4 PDFs with one Chromium per process, launched on first use
 * (with `pipe: true`, so that it dies with its parent) and a small pool of
 * reused tabs.
 *
 * Batches are never printed one `page.pdf()` per document (about 35 ms fixed
 * cost each): documents are joined into a few big HTML chunks separated by page
 * breaks, the chunks printed in parallel tabs and the results merged
 * (STACK.md: ~10x faster). Single documents keep `tagged: true` (accessible
 * PDF); batches use `tagged: false`, 2-3x faster and much smaller.
 */
export class PdfRenderer {
  #browser: Promise<Browser> | null = null
  #idle: Page[] = []
  #busy = 0
  #waiting: { resolve: (page: Page) => void; reject: (error: unknown) => void }[] = []
  #poolSize: number
  #chunkSize: number
  #executablePath?: string

  constructor(config: RendererConfig = {}) {
    this.#poolSize = config.poolSize ?? 4
    this.#chunkSize = config.chunkSize ?? 125
    this.#executablePath = config.executablePath
  }

  /** One document. */
  async renderHtml(html: string, options: RenderOptions = {}) {
    return this.#withPage((page) => this.#print(page, html, options, true))
  }

  /**
   * Many documents as one PDF, in input order. Each item is the HTML body of
   * one document; `wrap` turns a chunk of bodies into a full HTML page.
   */
  async renderHtmlBatch(
    bodies: string[],
    wrap: (body: string) => string,
    options: RenderOptions = {}
  ) {
    if (bodies.length === 0) throw new Error('renderHtmlBatch: nothing to print')
    const chunkSize = Math.max(
      1,
      Math.min(this.#chunkSize, Math.ceil(bodies.length / this.#poolSize))
    )
    const chunks: string[] = []
    for (let i = 0; i < bodies.length; i += chunkSize) {
      const documents = bodies
        .slice(i, i + chunkSize)
        .map((body) => `<section class="pdf-document">${body}</section>`)
        .join('')
      chunks.push(wrap(documents))
    }
    const pdfs = await Promise.all(
      chunks.map((html) => this.#withPage((page) => this.#print(page, html, options, false)))
    )
    return pdfs.length === 1 ? pdfs[0] : mergePdfs(pdfs)
  }

  /** Closes the browser (safe when it never started). */
  async close() {
    const browser = this.#browser
    this.#browser = null
    this.#idle = []
    if (!browser) return
    try {
      const instance = await browser
      await instance.close()
    } catch {
      // Already gone: nothing to release.
    }
  }

  async #print(page: Page, html: string, options: RenderOptions, tagged: boolean) {
    await page.setContent(html, { waitUntil: 'load' })
    const pdfOptions: PDFOptions = {
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      landscape: options.landscape ?? false,
      tagged,
      displayHeaderFooter: !!(options.headerTemplate || options.footerTemplate),
      headerTemplate: options.headerTemplate ?? '<span></span>',
      footerTemplate: options.footerTemplate ?? FOOTER,
    }
    return Buffer.from(await page.pdf(pdfOptions))
  }

  async #browserInstance() {
    if (!this.#browser) {
      const executablePath = chromiumPath(this.#executablePath)
      this.#browser = puppeteer
        .launch({
          executablePath,
          headless: true,
          pipe: true,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-dev-shm-usage',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--font-render-hinting=none',
          ],
        })
        .then((browser) => {
          // A crashed or killed browser is relaunched on next use.
          browser.on('disconnected', () => {
            this.#browser = null
            this.#idle = []
          })
          return browser
        })
      this.#browser.catch(() => (this.#browser = null))
    }
    return this.#browser
  }

  async #acquire(): Promise<Page> {
    const idle = this.#idle.pop()
    if (idle && !idle.isClosed()) {
      this.#busy++
      return idle
    }
    if (this.#busy < this.#poolSize) {
      this.#busy++
      try {
        const browser = await this.#browserInstance()
        const page = await browser.newPage()
        // Documents are static: no script runs, should a name ever reach them unescaped.
        await page.setJavaScriptEnabled(false)
        // Documents are self-contained: nothing may be fetched from the network.
        await page.setRequestInterception(true)
        page.on('request', (request) => {
          const url = request.url()
          if (url.startsWith('data:') || url === 'about:blank') request.continue()
          else request.abort()
        })
        return page
      } catch (error) {
        this.#busy--
        throw error
      }
    }
    return new Promise((resolve, reject) => this.#waiting.push({ resolve, reject }))
  }

  #release(page: Page) {
    const next = this.#waiting.shift()
    if (page.isClosed()) {
      // The tab died with an error: its slot goes to the next caller, on a new tab.
      this.#busy--
      if (next) this.#acquire().then(next.resolve, next.reject)
      return
    }
    if (next) return next.resolve(page)
    this.#busy--
    this.#idle.push(page)
  }

  async #withPage<T>(work: (page: Page) => Promise<T>) {
    const page = await this.#acquire()
    try {
      return await work(page)
    } catch (error) {
      await page.close().catch(() => {})
      throw error
    } finally {
      this.#release(page)
    }
  }
}

/** Concatenates PDFs in order. */
export async function mergePdfs(pdfs: Uint8Array[]) {
  const merged = await PDFDocument.create()
  for (const bytes of pdfs) {
    const source = await PDFDocument.load(bytes)
    const pages = await merged.copyPages(source, source.getPageIndices())
    pages.forEach((page) => merged.addPage(page))
  }
  return Buffer.from(await merged.save())
}

/** The process-wide renderer; its browser is closed when the app terminates. */
export const pdfRenderer = new PdfRenderer()
onShutdown(() => pdfRenderer.close())
