import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import { checkUpload, storeUpload } from '#shared/uploads/uploads'
import { refuseField } from '#shared/ui/forms'
import type Centre from '#centres/models/centre'

/** Logos: png, jpeg or webp (no SVG: it can carry scripts), 2 MB at most. */
export const LOGO = { kinds: ['png', 'jpeg', 'webp'] as const, maxBytes: 2 * 1024 * 1024 }

/**
 * Replaces the centre's logo with the uploaded file when there is one. Returns
 * an error code for a refused file; the centre is not saved here.
 */
export async function replaceLogo(ctx: HttpContext, centre: Centre): Promise<string | null> {
  const file = ctx.request.file('logo')
  if (!file || (!file.tmpPath && file.size === 0)) return null
  const checked = await checkUpload(file, { kinds: [...LOGO.kinds], maxBytes: LOGO.maxBytes })
  if (!checked.ok) return `logo_${checked.reason}`
  const previous = centre.logoKey
  centre.logoKey = await storeUpload(file, `centres/${centre.id}/logo`, checked.kind)
  centre.logoMime = checked.mime
  if (previous) await drive.use().delete(previous)
  return null
}

/** A refused logo: back to the form, entries kept, the reason under the field. */
export function refuseLogo(ctx: HttpContext, code: string) {
  return refuseField(ctx, 'logo', ctx.i18n.t(`centres.${code}`))
}
