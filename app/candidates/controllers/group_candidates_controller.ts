import type { HttpContext } from '@adonisjs/core/http'
import { toId } from '#shared/tenancy'
import db from '@adonisjs/lucid/services/db'
import vine from '@vinejs/vine'
import AuditLog from '#shared/audit/audit_log'
import { renderPage } from '#shared/ui/table'
import { exportResponse } from '#shared/spreadsheets/writer'
import { Group } from '#centres'
import Candidate from '#candidates/models/candidate'
import { candidateTable, groupOptions } from '#candidates/services/candidate_table'
import { candidateOptions } from '#candidates/services/options'
import { examColumns } from '#candidates/services/export_columns'

const associateValidator = vine.create({
  candidate_ids: vine
    .array(vine.number().withoutDecimals().range([1, 2147483647]))
    .minLength(1)
    .maxLength(500),
})

/**
 * A group's candidates (seed 004 §5.6-5.10): the list with its export, the
 * picker of candidates not yet in it, associating and dissociating.
 */
export default class GroupCandidatesController {
  async index(ctx: HttpContext) {
    const group = await this.group(ctx, 'viewList')
    const { table, query } = candidateTable(ctx, { inGroup: group.id })
    const candidates = await table.paginate(table.applySort(query, 'candidates.id'))
    return renderPage(
      ctx,
      'candidates::pages/group',
      'candidates::partials/group_candidates_table',
      { group, candidates, table, options: candidateOptions(ctx.i18n) }
    )
  }

  async export(ctx: HttpContext) {
    const group = await this.group(ctx, 'viewList')
    const { table, query } = candidateTable(ctx, { inGroup: group.id })
    const format = ctx.params.format === 'csv' ? 'csv' : 'xlsx'
    const { columns, rows } = examColumns(ctx.i18n, { groupName: group.name })
    const filename = `${ctx.i18n.t('candidates.export_filename')}-${group.name}`
    return exportResponse(ctx.response, format, filename, columns, rows(table, query))
  }

  /** "Associer des candidats": everyone of the centre not yet in the group. */
  async picker(ctx: HttpContext) {
    const group = await this.group(ctx, 'edit')
    const { table, query } = candidateTable(ctx, { notInGroup: group.id })
    query.where('candidates.centre_id', group.centreId)
    const candidates = await table.paginate(table.applySort(query, 'candidates.id'))
    return renderPage(ctx, 'candidates::pages/picker', 'candidates::partials/picker_table', {
      group,
      candidates,
      table,
      groups: await groupOptions(ctx),
      options: candidateOptions(ctx.i18n),
    })
  }

  async associate(ctx: HttpContext) {
    const { request, response, session, i18n } = ctx
    const group = await this.group(ctx, 'edit')
    const { candidate_ids: ids } = await request.validateUsing(associateValidator)
    // Only the group's centre's candidates, whatever ids were posted.
    const candidates = await Candidate.query()
      .where('centre_id', group.centreId)
      .whereIn('id', ids)
      .whereNull('anonymised_at')
      .select('id')
    const added = await this.insert(
      ctx,
      group,
      candidates.map((c) => c.id)
    )
    session.flash('success', i18n.t('candidates.associated', { count: added, group: group.name }))
    return response.redirect().toRoute('group_candidates.index', { id: group.id })
  }

  /** From a candidate's file: into one group of its centre. */
  async addOne(ctx: HttpContext) {
    const { params, request, response, auth, bouncer, session, i18n } = ctx
    const candidate = await Candidate.findVisibleOrFail(auth.getUserOrFail(), params.id)
    await bouncer.with('CandidatePolicy').authorize('group', candidate)
    const groupId = toId(request.input('group_id'))
    const group = await Group.query()
      .where('centre_id', candidate.centreId)
      .where('id', groupId)
      .firstOrFail()
    const added = await this.insert(ctx, group, [candidate.id])
    session.flash('success', i18n.t('candidates.associated', { count: added, group: group.name }))
    return response.redirect().toPath(`/candidates/${candidate.id}#groups`)
  }

  /** From a candidate's file: out of one group. */
  async removeOne(ctx: HttpContext) {
    const { params, response, auth, bouncer, session, i18n } = ctx
    const candidate = await Candidate.findVisibleOrFail(auth.getUserOrFail(), params.id)
    await bouncer.with('CandidatePolicy').authorize('group', candidate)
    const group = await Group.query()
      .where('centre_id', candidate.centreId)
      .where('id', toId(params.groupId))
      .firstOrFail()
    await this.remove(ctx, group, candidate)
    session.flash(
      'success',
      i18n.t('candidates.dissociated', { name: candidate.fullName, group: group.name })
    )
    return response.redirect().toPath(`/candidates/${candidate.id}#groups`)
  }

  protected async insert({ auth }: HttpContext, group: Group, wanted: number[]) {
    return db.transaction(async (trx) => {
      const existing = await trx
        .from('candidate_group')
        .where('group_id', group.id)
        .whereIn('candidate_id', wanted.length ? wanted : [0])
        .select('candidate_id')
      const already = new Set(existing.map((r) => Number(r.candidate_id)))
      const fresh = wanted.filter((id) => !already.has(id))
      if (fresh.length) {
        const now = new Date()
        await trx
          .table('candidate_group')
          .multiInsert(
            fresh.map((id) => ({ candidate_id: id, group_id: group.id, created_at: now }))
          )
        await AuditLog.record({
          actor: auth.getUserOrFail(),
          action: 'group.candidates_associated',
          entityType: 'group',
          entityId: group.id,
          centreId: group.centreId,
          after: { candidateIds: fresh },
          client: trx,
        })
      }
      return fresh.length
    })
  }

  async dissociate(ctx: HttpContext) {
    const { params, response, session, i18n } = ctx
    const group = await this.group(ctx, 'edit')
    const candidate = await Candidate.query()
      .where('centre_id', group.centreId)
      .where('id', toId(params.candidateId))
      .firstOrFail()
    await this.remove(ctx, group, candidate)
    session.flash(
      'success',
      i18n.t('candidates.dissociated', { name: candidate.fullName, group: group.name })
    )
    return response.redirect().toRoute('group_candidates.index', { id: group.id })
  }

  protected async remove({ auth }: HttpContext, group: Group, candidate: Candidate) {
    const removed = await db
      .from('candidate_group')
      .where({ group_id: group.id, candidate_id: candidate.id })
      .delete()
    if (removed)
      await AuditLog.record({
        actor: auth.getUserOrFail(),
        action: 'group.candidate_dissociated',
        entityType: 'group',
        entityId: group.id,
        centreId: group.centreId,
        before: { candidateId: candidate.id },
      })
  }

  /** The group, in the actor's centres (404 otherwise), and the right to act on it. */
  protected async group({ params, auth, bouncer }: HttpContext, ability: 'viewList' | 'edit') {
    const actor = auth.getUserOrFail()
    const group = await Group.findVisibleOrFail(actor, params.id)
    if (ability === 'edit') await bouncer.with('CandidatePolicy').authorize('create')
    else await bouncer.with('CandidatePolicy').authorize('viewList')
    return group
  }
}
