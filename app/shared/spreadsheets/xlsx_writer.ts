import type { Writable } from 'node:stream'
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import { ZipWriter } from '#shared/spreadsheets/zip_writer'

/**
 * A streaming xlsx writer: one sheet of plain cells (inline strings, numbers,
 * booleans, dates with their number format), a bold frozen header row and
 * column widths. The sheet's XML goes straight into the zip's deflate stream
 * 64 KB at a time, so a million-row export makes one string per row of
 * garbage, where exceljs built a Row, its Cells and their XML for each.
 *
 * Reading stays with exceljs (reader.ts); tests read these files back with it.
 */
export interface XlsxColumn {
  key: string
  header: string
  width?: number
  /** Excel number format, e.g. '0.00' or 'dd/mm/yyyy'. */
  numFmt?: string
}

export type XlsxValue = string | number | boolean | Date | null | undefined

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const PACKAGE_RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships'
const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

/** What XML text cannot hold or must escape: markup characters, and controls XML 1.0 forbids. */
// eslint-disable-next-line no-control-regex
const SPECIAL = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udfff]/
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }

function escapeXml(text: string) {
  if (!SPECIAL.test(text)) return text
  return text
    .toWellFormed()
    .replace(FORBIDDEN, '')
    .replace(/[&<>"]/g, (c) => ENTITIES[c])
}

/** A1-style letters of a 0-based column index. */
export function columnLetters(index: number) {
  let letters = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
  return letters
}

/** Days since 1899-12-30 (Excel's serial), of the instant in UTC, as exceljs writes dates. */
function excelSerial(date: Date) {
  return 25569 + date.getTime() / 86_400_000
}

/** Excel's sheet names: 31 characters at most, none of : \ / ? * [ ]. */
function sheetNameOf(name: string) {
  const clean = name
    .replace(/[:\\/?*[\]]/g, ' ')
    .trim()
    .slice(0, 31)
  return clean || 'Sheet1'
}

/**
 * Cell styles: 0 plain, 1 bold (header), 2 Excel's built-in date format
 * (a date in a column without its own format), then one per number format.
 */
function stylesOf(columns: XlsxColumn[]) {
  const formats = [...new Set(columns.flatMap((c) => (c.numFmt ? [c.numFmt] : [])))]
  const styleOfColumn = columns.map((c) => (c.numFmt ? 3 + formats.indexOf(c.numFmt) : 0))
  const numFmts = formats
    .map((code, i) => `<numFmt numFmtId="${164 + i}" formatCode="${escapeXml(code)}"/>`)
    .join('')
  const xfs = [
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>',
    '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
    ...formats.map(
      (_, i) =>
        `<xf numFmtId="${164 + i}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`
    ),
  ]
  const font = (bold: boolean) =>
    `<font>${bold ? '<b/>' : ''}<sz val="11"/><name val="Calibri"/><family val="2"/></font>`
  const xml =
    DECLARATION +
    `<styleSheet xmlns="${MAIN}">` +
    (formats.length ? `<numFmts count="${formats.length}">${numFmts}</numFmts>` : '') +
    `<fonts count="2">${font(false)}${font(true)}</fonts>` +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    '</styleSheet>'
  return { xml, styleOfColumn }
}

const CONTENT_TYPES =
  DECLARATION +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
  '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
  '</Types>'

const ROOT_RELS =
  DECLARATION +
  `<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">` +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>' +
  '</Relationships>'

const WORKBOOK_RELS =
  DECLARATION +
  `<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">` +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
  '</Relationships>'

const APP =
  DECLARATION +
  '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">' +
  '<Application>Passerelle</Application></Properties>'

function coreOf(now: Date) {
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, 'Z')
  return (
    DECLARATION +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    '<dc:creator>Passerelle</dc:creator>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified>` +
    '</cp:coreProperties>'
  )
}

function workbookOf(sheetName: string) {
  return (
    DECLARATION +
    `<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}">` +
    '<bookViews><workbookView/></bookViews>' +
    `<sheets><sheet name="${escapeXml(sheetNameOf(sheetName))}" sheetId="1" r:id="rId1"/></sheets>` +
    '</workbook>'
  )
}

function sheetHeadOf(columns: XlsxColumn[]) {
  const cols = columns
    .map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width ?? 18}" customWidth="1"/>`)
    .join('')
  return (
    DECLARATION +
    `<worksheet xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}">` +
    '<sheetViews><sheetView workbookViewId="0">' +
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>' +
    '</sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    (cols ? `<cols>${cols}</cols>` : '') +
    '<sheetData>'
  )
}

const SHEET_TAIL = '</sheetData></worksheet>'

/** The XML of one cell, or '' for an empty one. `style` is the column's. */
function cellXml(ref: string, value: XlsxValue, style: number) {
  if (value === null || value === undefined) return ''
  const s = style ? ` s="${style}"` : ''
  if (typeof value === 'number')
    return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : ''
  if (typeof value === 'boolean') return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`
  if (value instanceof Date) {
    const time = value.getTime()
    if (Number.isNaN(time)) return ''
    return `<c r="${ref}" s="${style || 2}"><v>${excelSerial(value)}</v></c>`
  }
  const text = escapeXml(value)
  const space = text.trim() === text ? '' : ' xml:space="preserve"'
  return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${text}</t></is></c>`
}

/** XML text pieces are sent to the zip once they reach this size. */
const PIECE = 65_536

/**
 * Writes the workbook to `output` and ends it. `rows` gives each row's values
 * in the columns' order. Resolves with the number of rows written (header
 * excluded); rejects, leaving the output unfinished, if the rows or the
 * output fail.
 */
export async function streamXlsx(
  output: Writable,
  columns: XlsxColumn[],
  rows: AsyncIterable<XlsxValue[]> | Iterable<XlsxValue[]>,
  options: { sheetName?: string; now?: Date; level?: number } = {}
) {
  const now = options.now ?? new Date()
  const zip = new ZipWriter(output, { now, level: options.level })
  const styles = stylesOf(columns)
  const letters = columns.map((_, i) => columnLetters(i))
  let count = 0
  await zip.entry('[Content_Types].xml', (write) => write(CONTENT_TYPES))
  await zip.entry('_rels/.rels', (write) => write(ROOT_RELS))
  await zip.entry('docProps/app.xml', (write) => write(APP))
  await zip.entry('docProps/core.xml', (write) => write(coreOf(now)))
  await zip.entry('xl/workbook.xml', (write) => write(workbookOf(options.sheetName ?? 'Export')))
  await zip.entry('xl/_rels/workbook.xml.rels', (write) => write(WORKBOOK_RELS))
  await zip.entry('xl/styles.xml', (write) => write(styles.xml))
  await zip.entry('xl/worksheets/sheet1.xml', async (write) => {
    let xml = sheetHeadOf(columns) + '<row r="1">'
    for (let i = 0; i < columns.length; i++) xml += cellXml(`${letters[i]}1`, columns[i].header, 1)
    xml += '</row>'
    for await (const values of rows) {
      const r = ++count + 1
      xml += `<row r="${r}">`
      for (let i = 0; i < columns.length; i++)
        xml += cellXml(letters[i] + r, values[i], styles.styleOfColumn[i])
      xml += '</row>'
      if (xml.length >= PIECE) {
        await write(xml)
        xml = ''
        // Other requests get their turn between pieces, even when zlib never pushes back.
        await yieldToLoop()
      }
    }
    await write(xml + SHEET_TAIL)
  })
  await zip.finish()
  return count
}
