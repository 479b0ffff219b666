import { toId } from '#shared/tenancy'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Refuses a form for one field (a checked upload, a rule outside the
 * validator): back to the form with the entries kept and the message under
 * the field, as a validation error would.
 */
export function refuseField({ session, response }: HttpContext, field: string, message: string) {
  session.flashAll()
  session.flash('inputErrorsBag', { [field]: [message] })
  return response.redirect().back()
}

/** Several fields refused at once (rules only the server knows), the form kept as typed. */
export function refuseFields({ session, response }: HttpContext, errors: Record<string, string>) {
  session.flashAll()
  session.flash(
    'inputErrorsBag',
    Object.fromEntries(Object.entries(errors).map(([field, message]) => [field, [message]]))
  )
  // The form's error summary shows for these as for the validator's.
  session.flash('errorsBag', { E_VALIDATION_ERROR: 'refused' })
  return response.redirect().back()
}

/**
 * Ids posted as a list (checkboxes `ids[]`): an array, the object the body
 * parser builds past 20 items, or a single value; odd values are dropped and
 * each id appears once.
 */
export function idList(value: unknown): number[] {
  const items = Array.isArray(value)
    ? value
    : value && typeof value === 'object'
      ? Object.values(value)
      : value === undefined || value === null || value === ''
        ? []
        : [value]
  return [...new Set(items.map(toId).filter(Boolean))]
}
