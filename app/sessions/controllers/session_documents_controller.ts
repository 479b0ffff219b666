import type { HttpContext } from '@adonisjs/core/http'
import { toId } from '#shared/tenancy'
import drive from '@adonisjs/drive/services/main'
import AuditLog from '#shared/audit/audit_log'
import { ForbiddenException } from '#shared/errors'
import { refuseField } from '#shared/ui/forms'
import { checkUpload, storeUpload, streamStored } from '#shared/uploads/uploads'
import ExamSession from '#sessions/models/exam_session'
import SessionDocument, { DOCUMENT_TYPES } from '#sessions/models/session_document'
import type { DocumentType } from '#sessions/models/session_document'
import { mayReadDocument } from '#sessions/services/documents'

/** Session documents: upload by type, download under the rules above, delete. */
export default class SessionDocumentsController {
  async store(ctx: HttpContext) {
    const { params, request, response, auth, bouncer, session: flash, i18n } = ctx
    const actor = auth.getUserOrFail()
    const session = await ExamSession.findVisibleOrFail(actor, params.id)
    await bouncer.with('SessionPolicy').authorize('manageDocuments', session)
    const type = request.input('type') as DocumentType
    if (!DOCUMENT_TYPES.includes(type))
      return refuseField(ctx, 'type', i18n.t('errors.document_type'))
    if (type === 'eo_subject' && actor.role !== 'centre_manager') throw new ForbiddenException()
    const file = request.file('file')
    const checked = await checkUpload(file, {
      kinds: ['pdf', 'zip', 'jpeg', 'png'],
      maxBytes: 20 * 1024 * 1024,
    })
    if (!checked.ok) return refuseField(ctx, 'file', i18n.t(`errors.document_${checked.reason}`))
    const key = await storeUpload(file!, `sessions/${session.id}/documents`, checked.kind)
    const document = await SessionDocument.create({
      sessionId: session.id,
      type,
      name: (file!.clientName || 'document').slice(0, 200),
      fileKey: key,
      mime: checked.mime,
      size: file!.size,
      uploadedBy: actor.id,
    })
    await AuditLog.record({
      actor,
      action: 'session_document.uploaded',
      entityType: 'exam_session',
      entityId: session.id,
      centreId: session.centreId,
      after: { document: document.id, type, name: document.name },
    })
    flash.flash('success', i18n.t('sessions.document_uploaded', { name: document.name }))
    return response.redirect().toPath(`/sessions/${session.id}#documents`)
  }

  async show({ params, response, auth }: HttpContext) {
    const actor = auth.getUserOrFail()
    const session = await ExamSession.findVisibleOrFail(actor, params.id)
    await session.load('centre')
    const document = await SessionDocument.query()
      .where('session_id', session.id)
      .where('id', toId(params.documentId))
      .firstOrFail()
    if (!mayReadDocument(actor, session, document.type)) throw new ForbiddenException()
    return streamStored(response, document.fileKey, {
      filename: document.name,
      mime: document.mime,
    })
  }

  async destroy({ params, response, auth, bouncer, session: flash, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const session = await ExamSession.findVisibleOrFail(actor, params.id)
    await bouncer.with('SessionPolicy').authorize('manageDocuments', session)
    const document = await SessionDocument.query()
      .where('session_id', session.id)
      .where('id', toId(params.documentId))
      .firstOrFail()
    if (document.type === 'eo_subject' && actor.role !== 'centre_manager')
      throw new ForbiddenException()
    await document.delete()
    await drive
      .use()
      .delete(document.fileKey)
      .catch(() => undefined)
    await AuditLog.record({
      actor,
      action: 'session_document.deleted',
      entityType: 'exam_session',
      entityId: session.id,
      centreId: session.centreId,
      before: { document: document.id, type: document.type, name: document.name },
    })
    flash.flash('success', i18n.t('sessions.document_deleted', { name: document.name }))
    return response.redirect().toPath(`/sessions/${session.id}#documents`)
  }
}
