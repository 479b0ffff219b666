import type { HttpContext } from '@adonisjs/core/http'
import { rm } from 'node:fs/promises'
import { DateTime } from 'luxon'
import { exportResponse } from '#shared/spreadsheets/writer'
import { checkUpload } from '#shared/uploads/uploads'
import { refuseField } from '#shared/ui/forms'
import { DomainError } from '#shared/errors'
import type { User } from '#accounts'
import ExamSession from '#sessions/models/exam_session'
import Registration from '#sessions/models/registration'
import Attestation from '#sessions/models/attestation'
import {
  LEVELS,
  appealedRegistrations,
  markedTests,
  maxScore,
  missingResults,
  parseResult,
  publishResults,
  resultsOfSession,
  saveResults,
  withheldRegistrations,
  type ResultEntry,
} from '#sessions/services/results'
import { planResultsImport, resultsTemplate } from '#sessions/services/results_import'
import { publicationValidator } from '#sessions/validators/results'
import { downloadHeaders } from '#shared/http/downloads'

/**
 * The results of a session (seed 001 part 5, "Tableau de résultats"): network
 * staff enter or import them while the session is in correction, the network
 * admin publishes them (now or at a date); the centre reads them once
 * published, the withheld registrations aside; export as shown.
 */
export default class ResultsController {
  async show({ params, view, auth, bouncer }: HttpContext) {
    const actor = auth.getUserOrFail()
    const session = await this.session(actor, params.id)
    await bouncer.with('SessionPolicy').authorize('viewResults', session)
    const network = await bouncer.with('SessionPolicy').allows('enterResults', session)
    const data = await this.table(session, network)
    return view.render('sessions::pages/results', {
      session,
      ...data,
      network,
      canPublish: await bouncer.with('SessionPolicy').allows('publishResults', session),
      editable: network && session.status === 'in_correction',
      remarkable: network && session.status === 'results_published',
      missing: network ? await missingResults(session.id) : 0,
      levels: LEVELS,
      maxScore,
      today: DateTime.now().setZone('Europe/Paris').toISODate(),
    })
  }

  /** The grid of scores and levels, saved whole: one bad cell and nothing is written. */
  async save(ctx: HttpContext) {
    const { params, request, response, auth, bouncer, session: flash, i18n } = ctx
    const actor = auth.getUserOrFail()
    const session = await this.session(actor, params.id)
    await bouncer.with('SessionPolicy').authorize('enterResults', session)
    const grid = request.input('results', {}) as Record<string, Record<string, any>>
    const reasons = request.input('reasons', {}) as Record<string, string>
    const registrations = await Registration.query()
      .where('session_id', session.id)
      .where('status', 'registered')
      .preload('tests')
      .preload('candidate')
    const entries: ResultEntry[] = []
    const problems: string[] = []
    for (const registration of registrations) {
      // Keys are 'r<id>': numeric keys would be read as a (compacted) array.
      const row = grid?.[`r${registration.id}`]
      if (!row || typeof row !== 'object') continue
      for (const code of markedTests(registration)) {
        const cell = row[code]
        if (!cell || typeof cell !== 'object') continue
        const parsed = parseResult(code, String(cell.score ?? ''), String(cell.level ?? ''))
        if ('error' in parsed)
          problems.push(
            i18n.t(`errors.${parsed.error}_cell`, {
              number: registration.number,
              name: registration.candidate.fullName,
              test: code,
              max: maxScore(code),
            })
          )
        else if (!('empty' in parsed))
          entries.push({ registrationId: registration.id, testCode: code, ...parsed })
      }
    }
    if (problems.length) {
      flash.flashAll()
      flash.flash('error', i18n.t('sessions.results.grid_errors', { count: problems.length }))
      flash.flash('resultProblems', problems.slice(0, 20))
      return response.redirect().back()
    }
    const cleanReasons: Record<number, string> = {}
    for (const [key, reason] of Object.entries(reasons ?? {}))
      if (typeof reason === 'string' && reason.trim() && /^r\d+$/.test(key))
        cleanReasons[Number(key.slice(1))] = reason.trim().slice(0, 500)
    try {
      const { changed } = await saveResults(actor, session.id, entries, 'manual', cleanReasons)
      flash.flash('success', i18n.t('sessions.results.saved', { count: changed }))
    } catch (error) {
      // Keep what was typed: the message says which row needs what.
      if (error instanceof DomainError) flash.flashAll()
      throw error
    }
    return response.redirect().toRoute('results.show', { id: session.id })
  }

  async template({ params, response, auth, bouncer }: HttpContext) {
    const session = await this.session(auth.getUserOrFail(), params.id)
    await bouncer.with('SessionPolicy').authorize('enterResults', session)
    const file = await resultsTemplate(session, this.tests(session))
    downloadHeaders(response, {
      filename: `resultats-${session.number}.xlsx`,
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    })
    return response.send(file)
  }

  /** The results file, checked whole; the report lists every problem and nothing is written. */
  async import(ctx: HttpContext) {
    const { params, request, view, response, auth, bouncer, session: flash, i18n } = ctx
    const actor = auth.getUserOrFail()
    const session = await this.session(actor, params.id)
    await bouncer.with('SessionPolicy').authorize('enterResults', session)
    const file = request.file('file')
    const checked = await checkUpload(file, { kinds: ['xlsx', 'csv'], maxBytes: 5 * 1024 * 1024 })
    if (!checked.ok)
      return refuseField(ctx, 'file', i18n.t(`imports.file_${checked.reason}`, { max: 5 }))
    const plan = await planResultsImport(file!.tmpPath!, session, this.tests(session)).finally(() =>
      rm(file!.tmpPath!, { force: true })
    )
    if (plan.errors.length)
      return view.render('sessions::pages/results_import_report', { session, plan })
    const { changed } = await saveResults(actor, session.id, plan.entries, 'import')
    flash.flash('success', i18n.t('sessions.results.imported', { count: changed }))
    return response.redirect().toRoute('results.show', { id: session.id })
  }

  /** Export as shown: what this user sees on the page. */
  async export({ params, response, auth, bouncer, i18n }: HttpContext) {
    const session = await this.session(auth.getUserOrFail(), params.id)
    await bouncer.with('SessionPolicy').authorize('viewResults', session)
    const network = await bouncer.with('SessionPolicy').allows('enterResults', session)
    const { rows: lines, tests } = await this.table(session, network)
    const t = i18n.t.bind(i18n)
    const columns = [
      { key: 'number', header: 'N°', width: 8 },
      { key: 'lastName', header: t('sessions.last_name'), width: 22 },
      { key: 'firstName', header: t('sessions.first_name'), width: 18 },
      ...tests.flatMap((code) => [
        { key: `score_${code}`, header: `${code} /${maxScore(code)}`, width: 10 },
        { key: `level_${code}`, header: `${code} ${t('sessions.results.level')}`, width: 10 },
      ]),
      { key: 'state', header: t('sessions.status_label'), width: 24 },
    ]
    async function* rows() {
      for (const line of lines) {
        const row: Record<string, unknown> = {
          number: line.registration.number,
          lastName: line.registration.candidate.lastName.toUpperCase(),
          firstName: line.registration.candidate.firstName,
          state: line.state ? t(`sessions.results.state.${line.state}`) : '',
        }
        for (const code of tests) {
          const result = line.hidden ? undefined : line.results.get(code)
          row[`score_${code}`] = result?.score ?? ''
          row[`level_${code}`] = result?.level ?? ''
        }
        yield row
      }
    }
    const format = params.format === 'csv' ? 'csv' : 'xlsx'
    return exportResponse(
      response,
      format,
      `${t('sessions.results.filename')}-${session.number}`,
      columns,
      rows()
    )
  }

  /** "Publier les résultats": now, or on a date (then the scheduled command does it). */
  async publish({ params, request, response, auth, bouncer, session: flash, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const session = await this.session(actor, params.id)
    await bouncer.with('SessionPolicy').authorize('publishResults', session)
    const data = await request.validateUsing(publicationValidator)
    const releaseAt = data.release_on
      ? DateTime.fromISO(`${data.release_on}T${data.release_time ?? '00:00'}`, {
          zone: 'Europe/Paris',
        }).toUTC()
      : null
    if (releaseAt && !releaseAt.isValid) throw new DomainError('publication_date_invalid')
    const { scheduled } = await publishResults(actor, session.id, releaseAt)
    flash.flash(
      'success',
      scheduled
        ? i18n.t('sessions.results.scheduled', {
            date: releaseAt!.setZone('Europe/Paris').toFormat('dd/MM/yyyy HH:mm'),
          })
        : i18n.t('sessions.results.published', { number: session.number })
    )
    return response.redirect().toRoute('results.show', { id: session.id })
  }

  /**
   * Rows of the results table for this viewer: the network sees every result;
   * the centre sees them once published, withheld registrations masked.
   */
  protected async table(session: ExamSession, network: boolean) {
    const registrations = await Registration.query()
      .where('session_id', session.id)
      .where('status', 'registered')
      .preload('candidate')
      .preload('tests')
      .orderBy('number')
    const results = await resultsOfSession(session.id)
    const withheld = await withheldRegistrations(session.id)
    const appealed = await appealedRegistrations(session.id)
    const attestations = await Attestation.query()
      .whereIn(
        'registration_id',
        registrations.map((r) => r.id)
      )
      .where('status', 'valid')
    const published = session.status === 'results_published'
    const rows = registrations.map((registration) => {
      const hold = withheld.get(registration.id)
      const state = hold ? (hold === 'open' ? 'withheld' : 'annulled') : null
      return {
        registration,
        marked: markedTests(registration),
        results: results.get(registration.id) ?? new Map(),
        state,
        hidden: !network && (!published || state !== null),
        appealed: appealed.has(registration.id),
        attestation: attestations.find((a) => a.registrationId === registration.id) ?? null,
      }
    })
    return { rows, tests: this.tests(session), published }
  }

  protected tests(session: ExamSession) {
    const order = session.product.tests.map((t) => t.code)
    return session.tests.map((t) => t.testCode).sort((a, b) => order.indexOf(a) - order.indexOf(b))
  }

  protected async session(actor: User, id: unknown) {
    const session = await ExamSession.findVisibleOrFail(actor, id)
    await session.load('product', (q) => q.preload('tests'))
    await session.load('centre')
    await session.load('tests')
    return session
  }
}
