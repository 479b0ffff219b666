import type { HttpContext } from '@adonisjs/core/http'
import AuditLog from '#shared/audit/audit_log'
import { DomainError } from '#shared/errors'
import { exportResponse } from '#shared/spreadsheets/writer'
import { sendPasswordReset } from '#accounts'
import Centre from '#centres/models/centre'
import Division from '#centres/models/division'
import { divisionValidator, learnerSelectionValidator } from '#centres/validators/division'

export default class DivisionsController {
  /** Seed 002 §3.3: pick a class, see its learners. */
  async index({ request, view, auth, bouncer }: HttpContext) {
    await bouncer.with('DivisionPolicy').authorize('viewList')
    const actor = auth.getUserOrFail()
    const divisions = await Division.visibleTo(Division.query(), actor)
      .preload('members')
      .preload('groups', (q) => q.preload('members').orderBy('name'))
      .orderBy('name')
    const wanted = Number(request.qs().division)
    const division = divisions.find((d) => d.id === wanted) ?? divisions[0] ?? null
    const learners = division ? learnersOf(division) : []
    const centres = await Centre.visibleTo(Centre.query(), actor)
      .whereIn('kind', ['training', 'both'])
      .orderBy('name')
    // Each learner's groups in the chosen class, for the table.
    const groupsOf = new Map<number, string[]>()
    for (const group of division?.groups ?? []) {
      for (const member of group.members)
        groupsOf.set(member.id, [...(groupsOf.get(member.id) ?? []), group.name])
    }
    return view.render('centres::pages/divisions/index', {
      divisions,
      division,
      learners,
      centres,
      groupsOf: Object.fromEntries(groupsOf),
    })
  }

  /** "CSV de la division": the class list as xlsx or csv. */
  async export({ params, auth, bouncer, response, i18n }: HttpContext) {
    await bouncer.with('DivisionPolicy').authorize('viewList')
    const division = await Division.findVisibleOrFail(auth.getUserOrFail(), params.id)
    await division.load('members')
    const t = i18n.t.bind(i18n)
    const columns = [
      { key: 'lastName', header: t('accounts.users.last_name'), width: 22 },
      { key: 'firstName', header: t('accounts.users.first_name'), width: 20 },
      { key: 'email', header: t('accounts.users.email'), width: 32 },
      { key: 'status', header: t('accounts.users.status'), width: 12 },
      { key: 'lastLoginAt', header: t('accounts.users.last_login'), numFmt: 'dd/mm/yyyy hh:mm' },
    ]
    const rows = learnersOf(division).map((u) => ({
      lastName: u.lastName.toUpperCase(),
      firstName: u.firstName,
      email: u.email,
      status: t(`roles.status_${u.status}`),
      lastLoginAt: u.lastLoginAt,
    }))
    const format = params.format === 'csv' ? 'csv' : 'xlsx'
    return exportResponse(
      response,
      format,
      `${t('divisions.export_filename')}-${division.name}`,
      columns,
      rows
    )
  }

  async store({ request, response, auth, bouncer, session, i18n }: HttpContext) {
    await bouncer.with('DivisionPolicy').authorize('create')
    const actor = auth.getUserOrFail()
    const data = await request.validateUsing(divisionValidator)
    const centre = await Centre.findVisibleOrFail(actor, data.centre_id ?? actor.centreIds[0])
    const taken = await Division.query()
      .where('centre_id', centre.id)
      .whereRaw('lower(name) = ?', [data.name.toLowerCase()])
      .first()
    if (taken) throw new DomainError('division_name_taken', { name: data.name })
    const division = await Division.create({ centreId: centre.id, name: data.name })
    await AuditLog.record({
      actor,
      action: 'division.created',
      entityType: 'division',
      entityId: division.id,
      centreId: centre.id,
      after: { name: division.name },
    })
    session.flash('success', i18n.t('divisions.created', { name: division.name }))
    return response.redirect(`/classes?division=${division.id}`)
  }

  /** Sends a password link to each selected learner of the class. */
  async sendLinks({ params, request, response, auth, bouncer, session, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const division = await Division.findVisibleOrFail(actor, params.id)
    await bouncer.with('DivisionPolicy').authorize('sendLinks', division)
    const { user_ids: ids } = await request.validateUsing(learnerSelectionValidator)
    await division.load('members')
    // Only learners of this class: ids from elsewhere are ignored.
    const learners = learnersOf(division).filter(
      (u) => ids.includes(u.id) && u.status !== 'disabled'
    )
    for (const learner of learners) await sendPasswordReset(learner)
    await AuditLog.record({
      actor,
      action: 'division.reset_links_sent',
      entityType: 'division',
      entityId: division.id,
      centreId: division.centreId,
      after: { userIds: learners.map((u) => u.id) },
    })
    session.flash('success', i18n.t('divisions.links_sent', { count: learners.length }))
    return response.redirect(`/classes?division=${division.id}`)
  }
}

function learnersOf(division: Division) {
  return division.members
    .filter((u) => u.role === 'learner')
    .sort(
      (a, b) =>
        a.lastName.localeCompare(b.lastName, 'fr') || a.firstName.localeCompare(b.firstName, 'fr')
    )
}
