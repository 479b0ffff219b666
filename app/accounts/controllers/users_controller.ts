import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import AuditLog from '#shared/audit/audit_log'
import { CENTRE_ROLES, ROLES } from '#shared/roles'
import { refuseField } from '#shared/ui/forms'
import { canSeeCentre } from '#shared/tenancy'
import { TableState, renderPage } from '#shared/ui/table'
import { exportResponse } from '#shared/spreadsheets/writer'
import User from '#accounts/models/user'
import UserPolicy from '#accounts/policies/user_policy'
import { sendInvitation } from '#accounts/services/account_links'
import { createUserValidator, updateUserValidator } from '#accounts/validators/user'
import { centreOptionsFor } from '#accounts/services/centre_options'

export default class UsersController {
  /** Users the actor may see, with search, filters, sort and pagination. */
  async index(ctx: HttpContext) {
    await ctx.bouncer.with('UserPolicy').authorize('viewList')
    const { table, query } = this.filtered(ctx)
    const users = await table.paginate(table.applySort(query))
    return renderPage(ctx, 'accounts::pages/users/index', 'accounts::partials/users_table', {
      users,
      table,
      roles: ROLES,
    })
  }

  /** The table as shown (same filters, same order), as xlsx or csv. */
  async export(ctx: HttpContext) {
    await ctx.bouncer.with('UserPolicy').authorize('viewList')
    const { table, query } = this.filtered(ctx)
    const t = ctx.i18n.t.bind(ctx.i18n)
    const columns = [
      { key: 'lastName', header: t('accounts.users.last_name'), width: 22 },
      { key: 'firstName', header: t('accounts.users.first_name'), width: 20 },
      { key: 'email', header: t('accounts.users.email'), width: 32 },
      { key: 'role', header: t('accounts.users.role'), width: 24 },
      { key: 'status', header: t('accounts.users.status'), width: 12 },
      { key: 'lastLoginAt', header: t('accounts.users.last_login'), numFmt: 'dd/mm/yyyy hh:mm' },
    ]
    async function* rows() {
      for await (const user of table.rows(query)) {
        yield {
          lastName: user.lastName.toUpperCase(),
          firstName: user.firstName,
          email: user.email,
          role: t(`roles.${user.role}`),
          status: t(`roles.status_${user.status}`),
          lastLoginAt: user.lastLoginAt,
        }
      }
    }
    const format = ctx.params.format === 'csv' ? 'csv' : 'xlsx'
    return exportResponse(
      ctx.response,
      format,
      t('accounts.users.export_filename'),
      columns,
      rows()
    )
  }

  protected filtered(ctx: HttpContext) {
    const table = TableState.from(ctx, {
      sorts: {
        name: 'last_name',
        email: 'email',
        role: 'role',
        status: 'status',
        last_login: 'last_login_at',
      },
      defaultSort: 'name',
      filters: ['role', 'status'],
    })
    const query = User.visibleTo(User.query(), ctx.auth.getUserOrFail())
    table.applySearch(query, ['last_name', 'first_name', 'email'])
    if (table.filters.role) query.where('role', table.filters.role)
    if (table.filters.status) query.where('status', table.filters.status)
    return { table, query }
  }

  /** A user's page; a user outside the actor's centres does not exist for it. */
  async show({ params, view, auth, bouncer }: HttpContext) {
    const actor = auth.getUserOrFail()
    const user = await User.findVisibleOrFail(actor, params.id)
    await bouncer.with('UserPolicy').authorize('view', user)
    // Only the centres the actor may see: a user's other centres are not its business.
    const shown = user.centreIds.filter((id) => canSeeCentre(actor, id))
    const centres = await db
      .from('centres')
      .whereIn('id', shown.length ? shown : [0])
      .orderBy('name')
      .select('id', 'code', 'name')
    return view.render('accounts::pages/users/show', { user, centres })
  }

  /** Form to create a user (network admin, account manager). */
  async create({ view, auth, bouncer }: HttpContext) {
    await bouncer.with('UserPolicy').authorize('create')
    const actor = auth.getUserOrFail()
    return view.render('accounts::pages/users/form', {
      user: null,
      roles: assignableRoles(actor),
      centres: await centreOptionsFor(actor),
    })
  }

  /** Creates the user and sends the invitation link. */
  async store(ctx: HttpContext) {
    const { request, response, auth, bouncer, session, i18n } = ctx
    await bouncer.with('UserPolicy').authorize('create')
    const actor = auth.getUserOrFail()
    const data = await request.validateUsing(createUserValidator)
    await bouncer.with('UserPolicy').authorize('assignRole', data.role)
    const centreIds = this.allowedCentres(actor, data.centre_ids ?? [])
    // A centre user created by a manager belongs to one of its centres, or it
    // would be an account nobody but the network admin could ever see again.
    if (actor.role !== 'network_admin' && CENTRE_ROLES.includes(data.role) && !centreIds.length)
      return refuseField(ctx, 'centre_ids', i18n.t('errors.user_centre_required'))
    const user = await db.transaction(async (trx) => {
      const created = await User.create(
        {
          firstName: data.first_name,
          lastName: data.last_name,
          email: data.email,
          gender: data.gender ?? null,
          phone: data.phone ?? null,
          role: data.role,
          status: 'invited',
          locale: 'fr',
        },
        { client: trx }
      )
      await created.syncCentres(centreIds, trx)
      await AuditLog.record({
        actor,
        action: 'user.created',
        entityType: 'user',
        entityId: created.id,
        after: { email: created.email, role: created.role, centreIds },
        client: trx,
      })
      return created
    })
    await sendInvitation(user)
    session.flash('success', i18n.t('accounts.users.created', { email: user.email }))
    return response.redirect().toRoute('users.show', { id: user.id })
  }

  /** Form to edit a user. */
  async edit({ params, view, auth, bouncer }: HttpContext) {
    const actor = auth.getUserOrFail()
    const user = await User.findVisibleOrFail(actor, params.id)
    await bouncer.with('UserPolicy').authorize('edit', user)
    return view.render('accounts::pages/users/form', {
      user,
      roles: assignableRoles(actor),
      centres: await centreOptionsFor(actor),
    })
  }

  /** Saves a user; role and centre changes are audited with before/after. */
  async update({ params, request, response, auth, bouncer, session, i18n }: HttpContext) {
    const actor = auth.getUserOrFail()
    const user = await User.findVisibleOrFail(actor, params.id)
    await bouncer.with('UserPolicy').authorize('edit', user)
    const data = await request.validateUsing(updateUserValidator, { meta: { userId: user.id } })
    await bouncer.with('UserPolicy').authorize('assignRole', data.role)
    // An account manager keeps the user's centres outside its portfolio.
    const foreign = user.centreIds.filter((id) => !this.allowedCentres(actor, [id]).length)
    const centreIds = [...foreign, ...this.allowedCentres(actor, data.centre_ids ?? [])]
    const before = snapshot(user)
    await db.transaction(async (trx) => {
      user.useTransaction(trx)
      user.merge({
        firstName: data.first_name,
        lastName: data.last_name,
        email: data.email,
        gender: data.gender ?? null,
        phone: data.phone ?? null,
        role: data.role,
      })
      await user.save()
      await user.syncCentres(centreIds, trx)
      const changes = AuditLog.diff(before, snapshot(user))
      if (Object.keys(changes.after).length) {
        const action = 'role' in changes.after ? 'user.role_changed' : 'user.updated'
        await AuditLog.record({
          actor,
          action,
          entityType: 'user',
          entityId: user.id,
          ...changes,
          client: trx,
        })
      }
    })
    session.flash('success', i18n.t('accounts.users.saved'))
    return response.redirect().toRoute('users.show', { id: user.id })
  }

  protected allowedCentres(actor: User, ids: number[]) {
    if (actor.role === 'network_admin') return ids
    return ids.filter((id) => actor.centreIds.includes(id))
  }
}

function assignableRoles(actor: User) {
  return ROLES.filter((role) => new UserPolicy().assignRole(actor, role))
}

function snapshot(user: User) {
  return {
    firstName: user.firstName,
    lastName: user.lastName,
    email: user.email,
    gender: user.gender,
    phone: user.phone,
    role: user.role,
    centreIds: [...user.centreIds].sort((a, b) => a - b),
  }
}
