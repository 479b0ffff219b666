import type { HttpContext } from '@adonisjs/core/http'
import { streamStored } from '#shared/uploads/uploads'
import Centre from '#centres/models/centre'

export default class LogosController {
  /** A centre's logo, for the users who may see the centre. */
  async show({ params, auth, response }: HttpContext) {
    const centre = await Centre.findVisibleOrFail(auth.getUserOrFail(), params.id)
    if (!centre.logoKey || !centre.logoMime) return response.notFound()
    response.header('Cache-Control', 'private, max-age=300')
    return streamStored(response, centre.logoKey, {
      filename: `logo-${centre.code}`,
      mime: centre.logoMime,
      inline: true,
    })
  }
}
