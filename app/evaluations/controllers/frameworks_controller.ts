import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import { rm } from 'node:fs/promises'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { Centre } from '#centres'
import AuditLog from '#shared/audit/audit_log'
import { checkUpload } from '#shared/uploads/uploads'
import { refuseField } from '#shared/ui/forms'
import { toId } from '#shared/tenancy'
import Framework from '#evaluations/models/framework'
import FrameworkVersion from '#evaluations/models/framework_version'
import { applyFrameworkImport, planFrameworkImport } from '#evaluations/services/framework_import'
import { frameworkTree } from '#evaluations/services/frameworks'

const importValidator = vine.create({
  code: vine
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9-]{2,32}$/),
  name: vine.string().trim().minLength(2).maxLength(200),
})

const assignValidator = vine.create({
  version_id: vine.number().withoutDecimals().range([1, 2147483647]),
  centres: vine.array(vine.number().withoutDecimals().range([1, 2147483647])).optional(),
})

/**
 * Réseau › Référentiels: the frameworks, each version's tree, the import of a
 * new framework or of a new version, and the centres a version is assigned to.
 */
export default class FrameworksController {
  async index({ view, bouncer }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('manage')
    const frameworks = await Framework.query()
      .preload('versions', (q) => q.orderBy('version', 'desc'))
      .orderBy('name')
    const assigned = await db
      .from('centre_frameworks')
      .groupBy('framework_id')
      .select('framework_id')
      .count('* as total')
    return view.render('evaluations::pages/frameworks/index', {
      frameworks,
      assigned: Object.fromEntries(assigned.map((r) => [Number(r.framework_id), Number(r.total)])),
    })
  }

  async show({ params, request, view, bouncer }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('manage')
    const framework = await Framework.query()
      .where('id', toId(params.id))
      .preload('versions', (q) => q.orderBy('version', 'desc'))
      .firstOrFail()
    const wanted = toId(request.input('version'))
    const version = framework.versions.find((v) => v.id === wanted) ?? framework.versions[0]
    const centres = await Centre.query().orderBy('name').select('id', 'name', 'code')
    const assignments = await db
      .from('centre_frameworks')
      .where('framework_id', framework.id)
      .select('centre_id', 'version_id')
    return view.render('evaluations::pages/frameworks/show', {
      framework,
      version,
      tree: version ? await frameworkTree(version.id) : [],
      centres,
      assignments: Object.fromEntries(
        assignments.map((a) => [Number(a.centre_id), Number(a.version_id)])
      ),
    })
  }

  async create({ view, bouncer, request }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('manage')
    const framework = await Framework.find(toId(request.input('framework')))
    return view.render('evaluations::pages/frameworks/import', { framework })
  }

  /** The file is checked whole: a report and nothing written, or a new version. */
  async store(ctx: HttpContext) {
    const { request, response, view, auth, bouncer, session, i18n } = ctx
    await bouncer.with('FrameworkPolicy').authorize('manage')
    const data = await request.validateUsing(importValidator)
    const file = request.file('file')
    const checked = await checkUpload(file, { kinds: ['xlsx', 'csv'], maxBytes: 2 * 1024 * 1024 })
    if (!checked.ok)
      return refuseField(ctx, 'file', i18n.t(`imports.file_${checked.reason}`, { max: 2 }))
    // Plain text is a csv, or a JSON file when it says so (then it must parse as JSON).
    const kind =
      checked.kind === 'csv' && file!.extname?.toLowerCase() === 'json'
        ? 'json'
        : (checked.kind as 'xlsx' | 'csv')
    const plan = await planFrameworkImport(file!.tmpPath!, kind).finally(() =>
      rm(file!.tmpPath!, { force: true })
    )
    if (plan.errors.length)
      return view.render('evaluations::pages/frameworks/import_report', { plan, data })
    const { framework, version } = await applyFrameworkImport(
      auth.getUserOrFail(),
      { code: data.code, name: data.name, sourceName: file!.clientName },
      plan
    )
    session.flash(
      'success',
      i18n.t('evaluations.frameworks.imported', { version: version.version, ...plan.counts })
    )
    return response.redirect().toPath(`/frameworks/${framework.id}?version=${version.id}`)
  }

  /** Which centres use which version (a centre uses one version of a framework). */
  async assign({ params, request, response, auth, bouncer, session, i18n }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('manage')
    const framework = await Framework.findOrFail(toId(params.id))
    const data = await request.validateUsing(assignValidator)
    const version = await FrameworkVersion.query()
      .where('id', data.version_id)
      .where('framework_id', framework.id)
      .firstOrFail()
    const wanted = [...new Set(data.centres ?? [])]
    const centres = await Centre.query()
      .whereIn('id', [...wanted, 0])
      .select('id')
    await db.transaction(async (trx) => {
      const before = await trx
        .from('centre_frameworks')
        .where('framework_id', framework.id)
        .where('version_id', version.id)
        .select('centre_id')
      await trx
        .from('centre_frameworks')
        .where('framework_id', framework.id)
        .where((q) =>
          q.where('version_id', version.id).orWhereIn(
            'centre_id',
            centres.map((c) => c.id)
          )
        )
        .delete()
      if (centres.length)
        await trx.table('centre_frameworks').multiInsert(
          centres.map((centre) => ({
            centre_id: centre.id,
            framework_id: framework.id,
            version_id: version.id,
            assigned_at: DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss'),
          }))
        )
      await AuditLog.record({
        actor: auth.getUserOrFail(),
        action: 'framework.assigned',
        entityType: 'framework',
        entityId: framework.id,
        before: { version: version.version, centres: before.map((r) => Number(r.centre_id)) },
        after: { version: version.version, centres: centres.map((c) => c.id) },
        client: trx,
      })
    })
    session.flash('success', i18n.t('evaluations.frameworks.assigned', { count: centres.length }))
    return response.redirect().toPath(`/frameworks/${framework.id}?version=${version.id}`)
  }
}
