import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

/** The text of each page, read back by a real PDF reader (pdf.js). */
export async function pagesText(pdf: Buffer | Uint8Array) {
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: true }).promise
  const pages: string[] = []
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent()
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str : ''))
        .join(' ')
        .replace(/\s+/g, ' ')
    )
  }
  return pages
}
