import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/** Strips NUL characters from every string (and key) of a parsed body or query string. */
export function withoutNul(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('\0') ? value.replaceAll('\0', '') : value
  if (Array.isArray(value)) return value.map(withoutNul)
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const clean: Record<string, unknown> = {}
    for (const [key, inner] of Object.entries(value))
      clean[key.replaceAll('\0', '')] = withoutNul(inner)
    return clean
  }
  return value
}

/**
 * No NUL character reaches the application: PostgreSQL refuses it in text
 * ("invalid byte sequence for encoding UTF8: 0x00", a 500 on any form), and
 * no form has a use for it. Uploaded files are untouched.
 */
export default class InputSanitiserMiddleware {
  async handle({ request }: HttpContext, next: NextFn) {
    request.updateBody(withoutNul(request.body()) as Record<string, any>)
    request.updateQs(withoutNul(request.qs()) as Record<string, any>)
    return next()
  }
}
