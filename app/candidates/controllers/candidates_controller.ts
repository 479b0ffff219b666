import type { HttpContext } from '@adonisjs/core/http'
import { COUNT_CAP, pageWith, renderPage } from '#shared/ui/table'
import { calendarDate } from '#shared/dates'
import { exportResponse } from '#shared/spreadsheets/writer'
import { streamStored } from '#shared/uploads/uploads'
import { Group } from '#centres'
import Candidate from '#candidates/models/candidate'
import {
  contactValidator,
  identityValidator,
  informationValidator,
  miscValidator,
} from '#candidates/validators/candidate'
import {
  SECTIONS,
  deleteCandidate,
  inviteCandidate,
  possibleDuplicates,
  updateSection,
  type Section,
} from '#candidates/services/candidate_files'
import CandidateExam from '#candidates/models/candidate_exam'
import { examsCount } from '#candidates/services/candidate_exams'
import {
  candidateRows,
  candidateTable,
  groupOptions,
  statusCounts,
  toCandidateRows,
} from '#candidates/services/candidate_table'
import { filePanels, tableActions } from '#candidates/services/extensions'
import { candidateOptions } from '#candidates/services/options'
import { examColumns } from '#candidates/services/export_columns'

const VALIDATORS = {
  identity: identityValidator,
  information: informationValidator,
  contact: contactValidator,
  misc: miscValidator,
}

export default class CandidatesController {
  /** Seed 004 §6.1: counters, then the table (htmx swaps only the table). */
  async index(ctx: HttpContext) {
    await ctx.bouncer.with('CandidatePolicy').authorize('viewList')
    const { table, query } = candidateTable(ctx)
    const actor = ctx.auth.getUserOrFail()
    const [page, counters, groups, actions] = await Promise.all([
      table.paginate(table.applySort(candidateRows(query), 'candidates.id')),
      statusCounts(actor, { cap: COUNT_CAP }),
      groupOptions(ctx),
      tableActions(actor),
    ])
    const candidates = pageWith(page, await toCandidateRows(page))
    return renderPage(ctx, 'candidates::pages/index', 'candidates::partials/candidates_table', {
      candidates,
      table,
      ...counters,
      groups,
      actions,
      options: candidateOptions(ctx.i18n),
    })
  }

  /** Seed 004 §6.2: the table as shown (filters and order), xlsx or csv. */
  async export(ctx: HttpContext) {
    await ctx.bouncer.with('CandidatePolicy').authorize('viewList')
    const { table, query } = candidateTable(ctx)
    const t = ctx.i18n.t.bind(ctx.i18n)
    const format = ctx.params.format === 'csv' ? 'csv' : 'xlsx'
    const { columns, rows } = examColumns(ctx.i18n, { withGroups: true })
    const filename = t('candidates.export_filename')
    return exportResponse(ctx.response, format, filename, columns, rows(table, query))
  }

  async show({ params, view, auth, bouncer, i18n }: HttpContext) {
    const candidate = await Candidate.findVisibleOrFail(auth.getUserOrFail(), params.id)
    await bouncer.with('CandidatePolicy').authorize('view', candidate)
    await candidate.load('user')
    await candidate.load('groups', (q) => q.orderBy('name'))
    await candidate.load('centre')
    const addable = await Group.query()
      .where('centre_id', candidate.centreId)
      .whereNotIn(
        'id',
        candidate.groups.map((g) => g.id)
      )
      .orderBy('name')
    const history = await CandidateExam.query()
      .where('candidate_id', candidate.id)
      .orderBy('id', 'desc')
      .limit(50)
    const counts = await examsCount([candidate.id])
    const exams = counts.get(candidate.id) ?? 0
    return view.render('candidates::pages/show', {
      candidate,
      addable,
      exams,
      history,
      canEdit: await bouncer.with('CandidatePolicy').allows('amend', candidate),
      panels: await filePanels(candidate, auth.getUserOrFail()),
      sections: SECTIONS,
      options: candidateOptions(i18n),
    })
  }

  /** After step 3: "Continuer" to the optional pages, or back to the table. */
  async created({ params, view, auth, bouncer }: HttpContext) {
    const candidate = await Candidate.findVisibleOrFail(auth.getUserOrFail(), params.id)
    await bouncer.with('CandidatePolicy').authorize('edit', candidate)
    return view.render('candidates::pages/created', { candidate })
  }

  /** One page of the file in edit mode ("Modifier"). */
  async edit({ params, view, auth, bouncer, i18n, request, response, session }: HttpContext) {
    const actor = auth.getUserOrFail()
    const candidate = await Candidate.findVisibleOrFail(actor, params.id)
    await bouncer.with('CandidatePolicy').authorize('edit', candidate)
    const section = params.section as Section
    if (candidate.isLocked && actor.role !== 'network_admin') {
      session.flash('error', i18n.t('errors.candidate_locked'))
      return response.redirect().toRoute('candidates.show', { id: candidate.id })
    }
    return view.render('candidates::pages/edit', {
      candidate,
      section,
      wizard: request.input('wizard') === '1',
      options: candidateOptions(i18n),
    })
  }

  /** "Enregistrer": saves one page; in the wizard, goes on to the next optional page. */
  async update({ params, request, response, auth, bouncer, session, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const candidate = await Candidate.findVisibleOrFail(actor, params.id)
    await bouncer.with('CandidatePolicy').authorize('edit', candidate)
    const section = params.section as Section
    const data = (await request.validateUsing(VALIDATORS[section] as any)) as any
    if (section === 'identity') {
      const birthDate = data.birth_date as Date
      const duplicates = await possibleDuplicates({
        centreId: candidate.centreId,
        lastName: data.last_name,
        firstName: data.first_name,
        birthDate: calendarDate.consume(birthDate)!,
        exceptId: candidate.id,
      })
      if (duplicates.length > 0 && !data.confirm_duplicate) {
        session.flashAll()
        session.flash(
          'duplicates',
          duplicates.map((d) => ({ id: d.id, name: d.fullName, email: d.email }))
        )
        return response.redirect().back()
      }
    }
    await updateSection(actor, candidate, section, data)
    session.flash('success', i18n.t('candidates.saved'))
    const wizard = request.input('wizard') === '1'
    if (wizard && section === 'contact')
      return response.redirect().toPath(`/candidates/${candidate.id}/edit/misc?wizard=1`)
    return response.redirect().toPath(`/candidates/${candidate.id}#${section}`)
  }

  /** Creates the candidate's account and sends the invitation, or sends it again. */
  async invite({ params, response, auth, bouncer, session, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const candidate = await Candidate.findVisibleOrFail(actor, params.id)
    await bouncer.with('CandidatePolicy').authorize('invite', candidate)
    await inviteCandidate(actor, candidate)
    session.flash('success', i18n.t('candidates.invited', { email: candidate.email }))
    return response.redirect().toRoute('candidates.show', { id: candidate.id })
  }

  async destroy({ params, response, auth, bouncer, session, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const candidate = await Candidate.findVisibleOrFail(actor, params.id)
    await bouncer.with('CandidatePolicy').authorize('delete', candidate)
    await deleteCandidate(actor, candidate)
    session.flash('success', i18n.t('candidates.deleted', { name: candidate.fullName }))
    return response.redirect().toRoute('candidates.index')
  }

  /** The photo or the signature, filled by the exam passport; only to those who see the file. */
  async media({ params, response, auth, bouncer }: HttpContext) {
    const candidate = await Candidate.findVisibleOrFail(auth.getUserOrFail(), params.id)
    await bouncer.with('CandidatePolicy').authorize('view', candidate)
    const key = params.kind === 'photo' ? candidate.photoKey : candidate.signatureKey
    if (!key) return response.notFound()
    const mime = key.endsWith('.png')
      ? 'image/png'
      : key.endsWith('.webp')
        ? 'image/webp'
        : 'image/jpeg'
    response.header('Cache-Control', 'private, max-age=300')
    return streamStored(response, key, {
      filename: `${params.kind}-${candidate.id}.${key.split('.').pop()}`,
      mime,
      inline: true,
    })
  }
}
