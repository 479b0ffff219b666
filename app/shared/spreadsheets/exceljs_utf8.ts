import { createRequire } from 'node:module'
import { StringDecoder } from 'node:string_decoder'

/**
 * exceljs 4.4 parses the XML of a workbook chunk by chunk and decodes each
 * chunk on its own (`lib/utils/parse-sax.js`, a TextDecoder without
 * `stream: true`). A character of two bytes or more that straddles two chunks
 * becomes two U+FFFD: in an imported sheet, "Examen blanc - à distance" read
 * as "Examen blanc - �� distance" on row 3,563 of a 100,000-row file (found by
 * bench:imports), and any accented name past the first chunk may be mangled.
 *
 * The fix decodes with a StringDecoder, which keeps an incomplete character
 * for the next chunk. exceljs's modules take `parse-sax` once, when they are
 * first loaded, so the fixed one must be in Node's module cache before
 * exceljs is: `installExceljsUtf8()` runs in a preload (start/spreadsheets.ts)
 * and first thing in the spreadsheet reader, and refuses to run late.
 */

const require = createRequire(import.meta.url)
const exceljsRequire = createRequire(require.resolve('exceljs'))
const PARSE_SAX = exceljsRequire.resolve('./lib/utils/parse-sax.js')
const CONSUMERS = [
  './lib/stream/xlsx/workbook-reader.js',
  './lib/stream/xlsx/worksheet-reader.js',
  './lib/xlsx/xform/base-xform.js',
].map((path) => exceljsRequire.resolve(path))

type Event = { eventType: 'opentag' | 'text' | 'closetag'; value: unknown }

function fixedParseSax() {
  const { SaxesParser } = exceljsRequire('saxes')
  const { PassThrough } = exceljsRequire('readable-stream')
  const parseSax = async function* (iterable: any): AsyncGenerator<Event[]> {
    if (iterable.pipe && !iterable[Symbol.asyncIterator])
      iterable = iterable.pipe(new PassThrough())
    const parser = new SaxesParser()
    let error: unknown
    let events: Event[] = []
    parser.on('error', (err: unknown) => (error = err))
    parser.on('opentag', (value: unknown) => events.push({ eventType: 'opentag', value }))
    parser.on('text', (value: unknown) => events.push({ eventType: 'text', value }))
    parser.on('closetag', (value: unknown) => events.push({ eventType: 'closetag', value }))
    const decoder = new StringDecoder('utf8')
    for await (const chunk of iterable) {
      parser.write(typeof chunk === 'string' ? chunk : decoder.write(chunk))
      if (error) throw error
      yield events
      events = []
    }
    const rest = decoder.end()
    if (rest) {
      parser.write(rest)
      if (error) throw error
      yield events
    }
  }
  return Object.assign(parseSax, { passerelleUtf8: true })
}

/** Puts the fixed parser in place; throws if exceljs's readers were loaded before. */
export function installExceljsUtf8() {
  const cached = require.cache[PARSE_SAX]
  if (cached?.exports?.passerelleUtf8) return
  if (CONSUMERS.some((path) => require.cache[path]))
    throw new Error(
      'exceljs was loaded before its UTF-8 fix (app/shared/spreadsheets/exceljs_utf8.ts): import the fix first'
    )
  const module = new (require('node:module').Module)(PARSE_SAX)
  module.filename = PARSE_SAX
  module.loaded = true
  module.exports = fixedParseSax()
  require.cache[PARSE_SAX] = module
}

/** Whether exceljs will parse with the fixed decoder (for a test). */
export function exceljsUtf8Installed() {
  return Boolean(require.cache[PARSE_SAX]?.exports?.passerelleUtf8)
}
