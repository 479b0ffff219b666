import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { notify, startConversation } from '#messaging'
import { refuseField } from '#shared/ui/forms'

/** The diagnostic log a device may send, at most this long (its latest lines are kept). */
const MAX_LOG = 20_000

/**
 * "Partager les logs" (seed 000 part 7): the capture screens keep a small
 * diagnostic log in the browser; on request the examiner sends it to the
 * centre's account manager as a message.
 */
export default class PassportLogsController {
  async store(ctx: HttpContext) {
    const { request, response, auth, bouncer, session, i18n } = ctx
    await bouncer.with('PassportPolicy').authorize('viewSessions')
    const actor = auth.getUserOrFail()
    const text = String(request.input('log') ?? '').trim()
    if (!text) return refuseField(ctx, 'log', i18n.t('passports.logs.empty'))
    const centreId = actor.centreIds[0]
    const body = [
      i18n.t('passports.logs.intro', { name: actor.fullName }),
      `${request.header('user-agent') ?? ''}`,
      '',
      text.length > MAX_LOG ? '…' + text.slice(-MAX_LOG) : text,
    ].join('\n')
    const { conversation } = await startConversation({
      centreId,
      type: 'contact',
      recipient: 'account_manager',
      title: i18n.t('passports.logs.title', {
        name: actor.fullName,
        date: DateTime.now().setZone('Europe/Paris').toFormat('dd/MM/yyyy HH:mm'),
      }),
      body,
      author: actor,
    })
    await notify(conversation, actor)
    session.flash('success', i18n.t('passports.logs.sent'))
    return response.redirect().toPath('/passport')
  }
}
