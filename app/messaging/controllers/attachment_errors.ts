import type { HttpContext } from '@adonisjs/core/http'
import { refuseField } from '#shared/ui/forms'

/** A refused attachment: back to the form, the text kept, the reason under the field. */
export function refuseAttachments(ctx: HttpContext, failure: { error: string; filename?: string }) {
  const message = ctx.i18n.t(`messaging.${failure.error}`, { filename: failure.filename ?? '' })
  return refuseField(ctx, 'attachments', message)
}
