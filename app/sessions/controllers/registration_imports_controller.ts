import type { HttpContext } from '@adonisjs/core/http'
import { createWriteStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { randomUUID } from 'node:crypto'
import { pipeline } from 'node:stream/promises'
import app from '@adonisjs/core/services/app'
import drive from '@adonisjs/drive/services/main'
import { checkUpload, storeUpload } from '#shared/uploads/uploads'
import { refuseField } from '#shared/ui/forms'
import type { User } from '#accounts'
import ExamSession from '#sessions/models/exam_session'
import {
  applyRegistrationImport,
  planRegistrationImport,
  registrationTemplate,
} from '#sessions/services/registration_import'
import { downloadHeaders } from '#shared/http/downloads'

const PENDING = 'registration_import'

/**
 * Registration by spreadsheet (seed 001 part 4): the session's template (its
 * tests as O/N columns, drop-down lists), then the file, checked whole; the
 * report lists every problem by row and column and nothing is written until
 * the file is clean, then all of it in one transaction.
 */
export default class RegistrationImportsController {
  async show({ params, view, auth, bouncer }: HttpContext) {
    const session = await this.session(auth.getUserOrFail(), params.id)
    await bouncer.with('SessionPolicy').authorize('register', session)
    return view.render('sessions::pages/import', { session })
  }

  async template({ params, response, auth, bouncer, i18n }: HttpContext) {
    const session = await this.session(auth.getUserOrFail(), params.id)
    await bouncer.with('SessionPolicy').authorize('register', session)
    const file = await registrationTemplate(
      session.centre,
      session.product,
      session.tests.map((t) => t.testCode),
      i18n.locale
    )
    downloadHeaders(response, {
      filename: `modele-inscriptions-${session.number}.xlsx`,
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    })
    return response.send(file)
  }

  async preview(ctx: HttpContext) {
    const { params, request, view, auth, bouncer, session: store, i18n } = ctx
    const session = await this.session(auth.getUserOrFail(), params.id)
    await bouncer.with('SessionPolicy').authorize('register', session)
    const file = request.file('file')
    const checked = await checkUpload(file, { kinds: ['xlsx', 'csv'], maxBytes: 5 * 1024 * 1024 })
    if (!checked.ok)
      return refuseField(ctx, 'file', i18n.t(`imports.file_${checked.reason}`, { max: 5 }))
    const plan = await this.plan(session, file!.tmpPath!)
    if (plan.errors.length === 0) {
      const key = await storeUpload(file!, `imports/sessions/${session.id}`, checked.kind)
      store.put(PENDING, { key, sessionId: session.id })
    } else {
      store.forget(PENDING)
    }
    return view.render('sessions::pages/import_preview', { session, plan })
  }

  /** Applies the previewed file, checked again (seats or registrations may have changed). */
  async apply({ params, view, auth, bouncer, session: store, response, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const session = await this.session(actor, params.id)
    await bouncer.with('SessionPolicy').authorize('register', session)
    const pending = store.get(PENDING) as { key: string; sessionId: number } | undefined
    if (!pending || pending.sessionId !== session.id) {
      store.flash('error', i18n.t('imports.nothing_to_apply'))
      return response.redirect().toRoute('registration_imports.show', { id: session.id })
    }
    store.forget(PENDING)
    const path = await this.download(pending.key)
    const plan = await this.plan(session, path).finally(() => rm(path, { force: true }))
    await drive.use().delete(pending.key)
    if (plan.errors.length) return view.render('sessions::pages/import_preview', { session, plan })
    const result = await applyRegistrationImport(actor, session, plan)
    store.flash('success', i18n.t('sessions.import_done', result))
    return response.redirect().toRoute('sessions.show', { id: session.id })
  }

  protected plan(session: ExamSession, path: string) {
    return planRegistrationImport(
      path,
      session,
      session.product,
      session.tests.map((t) => t.testCode)
    )
  }

  protected async session(actor: User, id: unknown) {
    const session = await ExamSession.findVisibleOrFail(actor, id)
    await session.load('product')
    await session.load('centre')
    await session.load('tests')
    return session
  }

  protected async download(key: string) {
    await mkdir(app.tmpPath('imports'), { recursive: true })
    const path = app.tmpPath('imports', `${randomUUID()}.${key.split('.').pop()}`)
    await pipeline(await drive.use().getStream(key), createWriteStream(path))
    return path
  }
}
