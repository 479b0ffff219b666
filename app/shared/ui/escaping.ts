import type { edgeGlobals } from 'edge.js'

type HtmlHelpers = (typeof edgeGlobals)['html']

/** Strings (also inside arrays and Alpine's nested objects) HTML-escaped. */
function escapeValues(value: unknown, escape: HtmlHelpers['escape']): unknown {
  if (typeof value === 'string') return escape(value)
  if (Array.isArray(value)) return value.map((item) => escapeValues(item, escape))
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, escapeValues(item, escape)])
    )
  return value
}

/**
 * Edge's `html` helpers with an `attrs` that escapes values. edge.js 6.5's
 * html.attrs quotes values as they are: a `"` in a value closes the attribute,
 * so a name or a query-string filter written into a form field as
 * `" x-init="alert(1)` became an Alpine directive, run despite the CSP.
 */
export function escapingHtml(html: HtmlHelpers): HtmlHelpers {
  return {
    ...html,
    attrs: (values: Record<string, unknown>) => html.attrs(escapeValues(values, html.escape)),
  }
}
