import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import AuditLog from '#shared/audit/audit_log'
import { DomainError } from '#shared/errors'
import { toId } from '#shared/tenancy'
import Product from '#sessions/models/product'
import GridCriterion from '#sessions/models/grid_criterion'
import ExamSubject from '#sessions/models/exam_subject'
import { oralParts, parseLevels } from '#sessions/services/oral_grids'

const criterionValidator = vine.create({
  part: vine.string().trim().maxLength(12),
  label: vine.string().trim().minLength(2).maxLength(160),
  levels: vine.string().trim().minLength(1).maxLength(400),
})

const subjectValidator = vine.create({
  part: vine.string().trim().maxLength(12),
  code: vine
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9-]{1,16}$/),
  title: vine.string().trim().minLength(3).maxLength(200),
  instructions: vine.string().trim().maxLength(4000).optional(),
})

/**
 * Produits › Grilles et sujets (network admins): per oral part of a product,
 * the grid's criteria with their levels and the subject bank the exam
 * passport offers examiners. Criteria and subjects are retired, not deleted,
 * so that grades and choices already recorded keep their meaning.
 */
export default class OralGridsController {
  async show({ params, view, bouncer }: HttpContext) {
    await bouncer.with('ProductPolicy').authorize('manage')
    const product = await this.product(params.id)
    const criteria = await GridCriterion.query().where('product_id', product.id).orderBy('position')
    const subjects = await ExamSubject.query().where('product_id', product.id).orderBy('code')
    return view.render('sessions::pages/products/oral', {
      product,
      parts: oralParts(product).map((part) => ({
        ...part,
        criteria: criteria.filter((c) => c.part === part.part),
        subjects: subjects.filter((s) => s.part === part.part),
      })),
    })
  }

  async addCriterion({ params, request, response, auth, bouncer, session, i18n }: HttpContext) {
    await bouncer.with('ProductPolicy').authorize('manage')
    const product = await this.product(params.id)
    const data = await request.validateUsing(criterionValidator)
    this.assertPart(product, data.part)
    const levels = parseLevels(data.levels)
    if (levels.length < 2 || levels.length > 12 || levels.some((l) => l.length > 40))
      throw new DomainError('grid_levels')
    const last = await GridCriterion.query()
      .where('product_id', product.id)
      .where('part', data.part)
      .max('position as position')
    const criterion = await GridCriterion.create({
      productId: product.id,
      part: data.part,
      label: data.label,
      levels,
      position: Number(last[0]?.$extras.position ?? 0) + 1,
      active: true,
    })
    await AuditLog.record({
      actor: auth.getUserOrFail(),
      action: 'grid_criterion.created',
      entityType: 'grid_criterion',
      entityId: criterion.id,
      after: { product: product.code, part: data.part, label: data.label, levels },
    })
    session.flash('success', i18n.t('sessions.oral.criterion_added'))
    return response.redirect().toPath(`/products/${product.id}/oral#${data.part}`)
  }

  async toggleCriterion({ params, response, auth, bouncer, session, i18n }: HttpContext) {
    await bouncer.with('ProductPolicy').authorize('manage')
    const product = await this.product(params.id)
    const criterion = await GridCriterion.query()
      .where('product_id', product.id)
      .where('id', toId(params.criterionId))
      .firstOrFail()
    criterion.active = !criterion.active
    await criterion.save()
    await AuditLog.record({
      actor: auth.getUserOrFail(),
      action: criterion.active ? 'grid_criterion.restored' : 'grid_criterion.retired',
      entityType: 'grid_criterion',
      entityId: criterion.id,
    })
    session.flash(
      'success',
      i18n.t(criterion.active ? 'sessions.oral.restored' : 'sessions.oral.retired')
    )
    return response.redirect().toPath(`/products/${product.id}/oral#${criterion.part}`)
  }

  async addSubject({ params, request, response, auth, bouncer, session, i18n }: HttpContext) {
    await bouncer.with('ProductPolicy').authorize('manage')
    const product = await this.product(params.id)
    const data = await request.validateUsing(subjectValidator)
    this.assertPart(product, data.part)
    if (await ExamSubject.query().where('product_id', product.id).where('code', data.code).first())
      throw new DomainError('subject_code_taken', { code: data.code })
    const subject = await ExamSubject.create({
      productId: product.id,
      part: data.part,
      code: data.code,
      title: data.title,
      instructions: data.instructions ?? null,
      active: true,
    })
    await AuditLog.record({
      actor: auth.getUserOrFail(),
      action: 'exam_subject.created',
      entityType: 'exam_subject',
      entityId: subject.id,
      after: { product: product.code, part: data.part, code: data.code, title: data.title },
    })
    session.flash('success', i18n.t('sessions.oral.subject_added'))
    return response.redirect().toPath(`/products/${product.id}/oral#${data.part}`)
  }

  async toggleSubject({ params, response, auth, bouncer, session, i18n }: HttpContext) {
    await bouncer.with('ProductPolicy').authorize('manage')
    const product = await this.product(params.id)
    const subject = await ExamSubject.query()
      .where('product_id', product.id)
      .where('id', toId(params.subjectId))
      .firstOrFail()
    subject.active = !subject.active
    await subject.save()
    await AuditLog.record({
      actor: auth.getUserOrFail(),
      action: subject.active ? 'exam_subject.restored' : 'exam_subject.retired',
      entityType: 'exam_subject',
      entityId: subject.id,
    })
    session.flash(
      'success',
      i18n.t(subject.active ? 'sessions.oral.restored' : 'sessions.oral.retired')
    )
    return response.redirect().toPath(`/products/${product.id}/oral#${subject.part}`)
  }

  protected assertPart(product: Product, part: string) {
    if (!oralParts(product).some((p) => p.part === part)) throw new DomainError('oral_part_unknown')
  }

  protected product(id: unknown) {
    return Product.query().where('id', toId(id)).preload('tests').firstOrFail()
  }
}
