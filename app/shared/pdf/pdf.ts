import edge from 'edge.js'
import { pdfRenderer, type RenderOptions } from '#shared/pdf/pdf_renderer'

const START = '<!--pdf-body-->'
const END = '<!--/pdf-body-->'

/**
 * PDFs from Edge views. A PDF view is a full document built on the
 * `components/pdf_layout` component (A4, print CSS, fonts, header and footer),
 * which marks its body so that batches can join many documents into one.
 */
export async function renderPdf(
  template: string,
  data: Record<string, unknown>,
  options?: RenderOptions
) {
  return pdfRenderer.renderHtml(await edge.render(template, data), options)
}

/**
 * Many documents of one view as a single PDF, in order: bodies are printed in a
 * few big chunks (see PdfRenderer.renderHtmlBatch), never one print per item.
 */
export async function renderPdfBatch(
  template: string,
  items: Record<string, unknown>[],
  options?: RenderOptions
) {
  if (items.length === 0) throw new Error('renderPdfBatch: nothing to print')
  const pages = await Promise.all(items.map((item) => edge.render(template, item)))
  const first = pages[0]
  const start = first.indexOf(START)
  const end = first.lastIndexOf(END)
  if (start < 0 || end < 0) throw new Error(`${template} does not use components/pdf_layout`)
  const before = first.slice(0, start)
  const after = first.slice(end + END.length)
  const bodies = pages.map((html) =>
    html.slice(html.indexOf(START) + START.length, html.lastIndexOf(END))
  )
  return pdfRenderer.renderHtmlBatch(bodies, (chunk) => before + chunk + after, options)
}
