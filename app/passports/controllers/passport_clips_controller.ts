import type { HttpContext } from '@adonisjs/core/http'
import { deleteClip, moveClip } from '#passports/services/clips'
import { assertCapturable, registrationInScope } from '#passports/services/uploads'

/**
 * Clips already uploaded (seed 000 part 4): the examiner may still move one
 * to another section or delete it, while the passport is open. The browser
 * names the clip by the id it gave it when capturing.
 */
export default class PassportClipsController {
  /** PATCH /passport/registrations/:id/clips/:clientId — { part } */
  async update({ params, request, auth, bouncer }: HttpContext) {
    const actor = auth.getUserOrFail()
    const registration = await registrationInScope(actor, params.id)
    await bouncer.with('PassportPolicy').authorize('capture', registration.session.centreId, 'clip')
    assertCapturable(registration)
    const clip = await moveClip(
      actor,
      registration,
      String(params.clientId),
      String(request.input('part') ?? '')
    )
    return { clientId: clip.clientId, part: clip.part }
  }

  /** DELETE /passport/registrations/:id/clips/:clientId */
  async destroy({ params, auth, bouncer, response }: HttpContext) {
    const actor = auth.getUserOrFail()
    const registration = await registrationInScope(actor, params.id)
    await bouncer.with('PassportPolicy').authorize('capture', registration.session.centreId, 'clip')
    assertCapturable(registration)
    await deleteClip(actor, registration, String(params.clientId))
    return response.noContent()
  }
}
