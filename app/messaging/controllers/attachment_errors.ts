import type { HttpContext } from '@adonisjs/core/http'

/** A refused attachment: back to the form, the text kept, the reason under the field. */
export function refuseAttachments(
  { session, response, i18n }: HttpContext,
  failure: { error: string; filename?: string }
) {
  session.flashAll()
  session.flash('inputErrorsBag', {
    attachments: [i18n.t(`messaging.${failure.error}`, { filename: failure.filename ?? '' })],
  })
  return response.redirect().back()
}
