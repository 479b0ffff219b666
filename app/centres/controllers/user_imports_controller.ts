import type { HttpContext } from '@adonisjs/core/http'
import { createWriteStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { randomUUID } from 'node:crypto'
import { pipeline } from 'node:stream/promises'
import app from '@adonisjs/core/services/app'
import drive from '@adonisjs/drive/services/main'
import ExcelJS from 'exceljs'
import { checkUpload, storeUpload } from '#shared/uploads/uploads'
import { refuseField } from '#shared/ui/forms'
import { sendInvitations } from '#accounts'
import Centre from '#centres/models/centre'
import { IMPORT_COLUMNS, applyImport, planImport } from '#centres/services/user_import'
import { downloadHeaders } from '#shared/http/downloads'

const SESSION_KEY = 'user_import'

export default class UserImportsController {
  /** Import page: the template, then the file. */
  async show({ view, auth, bouncer }: HttpContext) {
    const centres = await this.centres(auth.getUserOrFail())
    await bouncer.with('CentrePolicy').authorize('importUsers', centres[0] ?? null)
    return view.render('centres::pages/imports/users', { centres })
  }

  /** The xlsx template, with a drop-down for the type. */
  async template({ response, bouncer, auth }: HttpContext) {
    const centres = await this.centres(auth.getUserOrFail())
    await bouncer.with('CentrePolicy').authorize('importUsers', centres[0] ?? null)
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Utilisateurs')
    sheet.columns = IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: 22 }))
    sheet.getRow(1).font = { bold: true }
    sheet.addRow({
      type: 'Enseignant',
      last_name: 'Martin',
      first_name: 'Claire',
      email: 'claire.martin@exemple.fr',
      external_id: 'ENS-001',
      classes: 'BTS COM 1, BTS COM 2',
      groups: '',
    })
    sheet.addRow({
      type: 'Apprenant',
      last_name: 'Bernard',
      first_name: 'Jean-François',
      email: 'jf.bernard@exemple.fr',
      external_id: '0123456789A',
      classes: 'BTS COM 1',
      groups: 'Groupe A',
    })
    for (let row = 2; row <= 1000; row++) {
      sheet.getCell(row, 1).dataValidation = {
        type: 'list',
        allowBlank: false,
        formulae: ['"Enseignant,Apprenant"'],
      }
    }
    downloadHeaders(response, {
      filename: 'modele-import-utilisateurs.xlsx',
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    })
    return response.send(Buffer.from(await workbook.xlsx.writeBuffer()))
  }

  /** Dry run: every row checked, the plan shown; nothing written. */
  async preview(ctx: HttpContext) {
    const { request, view, auth, bouncer, session, i18n } = ctx
    const actor = auth.getUserOrFail()
    const centre = await this.centre(actor, request.input('centre_id'))
    await bouncer.with('CentrePolicy').authorize('importUsers', centre)
    const file = request.file('file')
    const checked = await checkUpload(file, { kinds: ['xlsx', 'csv'], maxBytes: 5 * 1024 * 1024 })
    if (!checked.ok)
      return refuseField(ctx, 'file', i18n.t(`imports.file_${checked.reason}`, { max: 5 }))
    const plan = await planImport(file!.tmpPath!, centre)
    if (plan.errors.length === 0) {
      const key = await storeUpload(file!, `imports/${centre.id}`, checked.kind)
      session.put(SESSION_KEY, { key, centreId: centre.id })
    } else {
      session.forget(SESSION_KEY)
    }
    return view.render('centres::pages/imports/preview', { centre, plan })
  }

  /** Applies the previewed file, checked again, in one transaction. */
  async apply({ view, auth, bouncer, session, response, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const pending = session.get(SESSION_KEY) as { key: string; centreId: number } | undefined
    if (!pending) {
      session.flash('error', i18n.t('imports.nothing_to_apply'))
      return response.redirect().toRoute('user_imports.show')
    }
    const centre = await Centre.findVisibleOrFail(actor, pending.centreId)
    await bouncer.with('CentrePolicy').authorize('importUsers', centre)
    const path = await this.download(pending.key)
    const plan = await planImport(path, centre).finally(() => rm(path, { force: true }))
    session.forget(SESSION_KEY)
    await drive.use().delete(pending.key)
    if (plan.errors.length) return view.render('centres::pages/imports/preview', { centre, plan })
    const { invited, ...counts } = await applyImport(plan, centre, actor)
    // Committed: the new users get their invitation (one mail each).
    await sendInvitations(invited)
    session.flash('success', i18n.t('imports.done', counts))
    return response.redirect().toRoute('users.index')
  }

  protected async download(key: string) {
    await mkdir(app.tmpPath('imports'), { recursive: true })
    const path = app.tmpPath('imports', `${randomUUID()}.${key.split('.').pop()}`)
    await pipeline(await drive.use().getStream(key), createWriteStream(path))
    return path
  }

  /** Training centres the actor may import into. */
  protected centres(actor: Parameters<typeof Centre.visibleTo>[1]) {
    return Centre.visibleTo(Centre.query(), actor)
      .whereIn('kind', ['training', 'both'])
      .orderBy('name')
  }

  /** The chosen centre (404 outside the actor's centres), or its first training centre. */
  protected async centre(actor: Parameters<typeof Centre.visibleTo>[1], id: unknown) {
    if (id) return Centre.findVisibleOrFail(actor, id)
    const [first] = await this.centres(actor)
    return first ?? Centre.findVisibleOrFail(actor, 0)
  }
}
