import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import { refuseField } from '#shared/ui/forms'
import { streamStored } from '#shared/uploads/uploads'
import ExamSession from '#sessions/models/exam_session'
import PurchaseOrder from '#sessions/models/purchase_order'
import {
  orderLines,
  purchaseOrderPdf,
  signPurchaseOrder,
  signatureImage,
} from '#sessions/services/purchase_orders'
import { downloadHeaders } from '#shared/http/downloads'

const signValidator = vine.create({
  name: vine.string().trim().minLength(3).maxLength(120),
  signature: vine.string().maxLength(600_000),
  consent: vine.accepted(),
})

/**
 * The purchase order (bon de commande, seed 001 part 5): a quote from the
 * registrations and prices until the centre manager signs it online (typed
 * name, date, drawn signature, consent); then it is locked and its signed PDF
 * is the one served.
 */
export default class PurchaseOrdersController {
  async pdf({ params, auth, bouncer, response, i18n }: HttpContext) {
    const session = await this.session(auth.getUserOrFail(), params.id)
    await bouncer.with('SessionPolicy').authorize('view', session)
    const signed = await PurchaseOrder.findBy('session_id', session.id)
    if (signed)
      return streamStored(response, signed.pdfKey, {
        filename: `${session.number}_bon_commande_signe.pdf`,
        mime: 'application/pdf',
      })
    const pdf = await purchaseOrderPdf(session, await orderLines(session), i18n.t.bind(i18n))
    downloadHeaders(response, {
      filename: `${session.number}_bon_commande.pdf`,
      mime: 'application/pdf',
    })
    return response.send(pdf)
  }

  async signForm({ params, view, auth, bouncer, response }: HttpContext) {
    const session = await this.session(auth.getUserOrFail(), params.id)
    await bouncer.with('SessionPolicy').authorize('signOrder', session)
    if (await PurchaseOrder.findBy('session_id', session.id))
      return response.redirect().toRoute('sessions.show', { id: session.id })
    return view.render('sessions::pages/sign_order', { session, order: await orderLines(session) })
  }

  async sign(ctx: HttpContext) {
    const { params, request, response, auth, bouncer, session: flash, i18n } = ctx
    const actor = auth.getUserOrFail()
    const session = await this.session(actor, params.id)
    await bouncer.with('SessionPolicy').authorize('signOrder', session)
    const data = await request.validateUsing(signValidator)
    const image = signatureImage(data.signature)
    if (!image) return refuseField(ctx, 'signature', i18n.t('errors.signature_missing'))
    await signPurchaseOrder(actor, session, data.name, image, i18n.t.bind(i18n))
    flash.flash('success', i18n.t('sessions.po_signed_message', { number: session.number }))
    return response.redirect().toRoute('sessions.show', { id: session.id })
  }

  protected async session(actor: Parameters<typeof ExamSession.findVisibleOrFail>[0], id: unknown) {
    const session = await ExamSession.findVisibleOrFail(actor, id)
    await session.load('centre')
    await session.load('product')
    return session
  }
}
