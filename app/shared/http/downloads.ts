import type { HttpContext } from '@adonisjs/core/http'

type Response = Pick<HttpContext['response'], 'header'>

/**
 * A filename safe for the plain `filename="…"` parameter: ASCII letters,
 * digits, dot, dash and underscore only (accents are folded, anything else,
 * quotes, slashes, CR/LF included, becomes "_"), no leading dot, at most 120
 * characters. The exact name still goes in `filename*` (RFC 6266), encoded.
 */
export function safeFilename(name: string) {
  const folded = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\w.-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(0, 120)
  return folded || 'download'
}

/** RFC 5987 value: percent-encoded UTF-8, quotes and parentheses included. */
function extValue(name: string) {
  return encodeURIComponent(name).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
  )
}

/**
 * The headers of every file the app sends: its type, never sniffed, and a
 * download (`attachment`) unless `inline` (images, audio and our own PDFs
 * shown in the browser).
 */
export function downloadHeaders(
  response: Response,
  options: { filename: string; mime: string; inline?: boolean }
) {
  const exact = options.filename.replace(/[\r\n]/g, ' ').slice(0, 200)
  response.header('Content-Type', options.mime)
  response.header('X-Content-Type-Options', 'nosniff')
  response.header(
    'Content-Disposition',
    `${options.inline ? 'inline' : 'attachment'}; filename="${safeFilename(exact)}"; filename*=UTF-8''${extValue(exact)}`
  )
}
