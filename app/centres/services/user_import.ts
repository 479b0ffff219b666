import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { User, suggestLogin, uniqueLogin } from '#accounts'
import AuditLog from '#shared/audit/audit_log'
import { insertMany, refreshStatsAfterGrowth } from '#shared/orm/bulk'
import { readSpreadsheet, type ImportColumn, type ReadError } from '#shared/spreadsheets/reader'
import Division from '#centres/models/division'
import LearnerGroup from '#centres/models/learner_group'
import type Centre from '#centres/models/centre'

/**
 * Import of a training centre's teachers and learners (seed 002 §3.1), in two
 * steps: a dry run that validates every row and shows the plan, then the same
 * file applied in one transaction. A re-import updates (matched by external id,
 * then email) and never duplicates; teachers and learners of the centre absent
 * from the file are disabled, never deleted.
 */
export const IMPORT_COLUMNS: ImportColumn[] = [
  {
    key: 'type',
    header: 'Type',
    required: true,
    parse: (raw) => {
      const value = raw
        .normalize('NFD')
        .replace(/[\u0300-\u036F]/g, '')
        .toLowerCase()
      if (['enseignant', 'teacher'].includes(value)) return 'teacher'
      if (['apprenant', 'learner', 'eleve'].includes(value)) return 'learner'
      return { error: 'invalid_type' }
    },
  },
  {
    key: 'last_name',
    header: 'Nom',
    required: true,
    parse: (raw) => (raw.length <= 100 ? raw : { error: 'too_long' }),
  },
  {
    key: 'first_name',
    header: 'Prénom',
    aliases: ['Prenom'],
    required: true,
    parse: (raw) => (raw.length <= 100 ? raw : { error: 'too_long' }),
  },
  {
    key: 'email',
    header: 'Email',
    aliases: ['Courriel', 'E-mail'],
    required: true,
    parse: (raw) =>
      /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw) && raw.length <= 254
        ? raw.toLowerCase()
        : { error: 'invalid_email' },
  },
  {
    key: 'external_id',
    header: 'Identifiant externe',
    aliases: ['Identifiant'],
    parse: (raw) => raw.slice(0, 64),
  },
  { key: 'classes', header: 'Classes', aliases: ['Classe', 'Division'], parse: nameList },
  /** Groups of learners, inside the row's first class. */
  { key: 'groups', header: 'Groupes', aliases: ['Groupe'], parse: nameList },
]

function nameList(raw: string) {
  return raw
    .split(/[,;]/)
    .map((name) => name.trim().slice(0, 80))
    .filter(Boolean)
}

interface ImportRow {
  row: number
  type: 'teacher' | 'learner'
  last_name: string
  first_name: string
  email: string
  external_id: string | null
  classes: string[]
  groups: string[]
}

export interface ImportPlan {
  errors: ReadError[]
  creates: ImportRow[]
  updates: { row: ImportRow; user: User }[]
  disables: User[]
}

/** Reads and checks the file against the centre's users; writes nothing. */
export async function planImport(filePath: string, centre: Centre): Promise<ImportPlan> {
  const { rows, errors } = await readSpreadsheet(filePath, {
    columns: IMPORT_COLUMNS,
    maxRows: 5000,
  })
  const plan: ImportPlan = { errors: [...errors], creates: [], updates: [], disables: [] }
  if (errors.length) return plan

  const items = rows.map(
    ({ row, values }) =>
      ({
        row,
        ...values,
        classes: (values.classes as string[]) ?? [],
        groups: (values.groups as string[]) ?? [],
      }) as ImportRow
  )
  const seenEmails = new Map<string, number>()
  const seenIds = new Map<string, number>()
  for (const item of items) {
    if (item.groups.length && item.classes.length === 0) {
      plan.errors.push({
        row: item.row,
        column: 'Groupes',
        value: item.groups.join(', '),
        reason: 'group_without_class',
      })
    }
    if (seenEmails.has(item.email))
      plan.errors.push({ row: item.row, column: 'Email', value: item.email, reason: 'duplicate' })
    seenEmails.set(item.email, item.row)
    if (item.external_id) {
      if (seenIds.has(item.external_id))
        plan.errors.push({
          row: item.row,
          column: 'Identifiant externe',
          value: item.external_id,
          reason: 'duplicate',
        })
      seenIds.set(item.external_id, item.row)
    }
  }

  const members = await centreMembers(centre.id, ['teacher', 'learner'])
  const byId = new Map(members.filter((u) => u.externalId).map((u) => [u.externalId!, u]))
  const byEmail = new Map(members.map((u) => [u.email, u]))
  // Who owns each email of the file, inside or outside the centre.
  const owners = await User.query().whereIn('email', [...seenEmails.keys()])
  const ownerOf = new Map(owners.map((u) => [u.email, u.id]))
  const matched = new Set<number>()
  for (const item of items) {
    const user = (item.external_id && byId.get(item.external_id)) || byEmail.get(item.email)
    const owner = ownerOf.get(item.email)
    if (user && owner !== undefined && owner !== user.id) {
      // Matched by external id, but the new email is someone else's.
      plan.errors.push({ row: item.row, column: 'Email', value: item.email, reason: 'email_taken' })
    } else if (user && matched.has(user.id)) {
      plan.errors.push({ row: item.row, column: 'Email', value: item.email, reason: 'duplicate' })
    } else if (user) {
      matched.add(user.id)
      plan.updates.push({ row: item, user })
    } else if (owner !== undefined) {
      plan.errors.push({ row: item.row, column: 'Email', value: item.email, reason: 'email_taken' })
    } else {
      plan.creates.push(item)
    }
  }
  plan.disables = members.filter((u) => !matched.has(u.id) && u.status !== 'disabled')
  return plan
}

/** Rows per multi-row insert (SQLite's compound insert stops at 500) and ids per IN list. */
const ROWS = 500

function slices<T>(list: T[], size = ROWS) {
  const parts: T[][] = []
  for (let i = 0; i < list.length; i += size) parts.push(list.slice(i, i + size))
  return parts
}

/**
 * Applies a clean plan in one transaction and returns the new users, whom the
 * caller invites once it has committed (sendInvitations). A file holds up to 5,000 users: the classes and groups it names
 * are looked up (or created) once, new users, memberships and their classes
 * and groups are written with multi-row inserts, and only the users whose
 * details changed are saved.
 */
export async function applyImport(plan: ImportPlan, centre: Centre, actor: User) {
  if (plan.errors.length) throw new Error('applyImport: the plan has errors')
  const invited = await db.transaction(async (trx) => {
    const now = DateTime.utc().toFormat(trx.dialect.dateTimeFormat)
    const items = [...plan.creates, ...plan.updates.map(({ row }) => row)]
    const divisions = await centreDivisions(trx, centre, items)
    const groups = await learnerGroups(trx, divisions, items)

    // New users, with a login unique in the network, then their centre.
    const loginRows = await trx.from('users').whereNotNull('login').select('login')
    const takenLogins = new Set(loginRows.map((r) => r.login as string))
    const fresh = plan.creates.map((item) => {
      const login = uniqueLogin(suggestLogin(item.first_name, item.last_name), (l) =>
        takenLogins.has(l)
      )
      takenLogins.add(login)
      return {
        first_name: item.first_name,
        last_name: item.last_name,
        email: item.email,
        external_id: item.external_id,
        login,
        role: item.type,
        status: 'invited',
        locale: 'fr',
        created_at: now,
        updated_at: now,
      }
    })
    await insertMany(trx, 'users', fresh)
    // The first import of a network multiplies its users: the foreign-key checks below re-plan.
    await refreshStatsAfterGrowth(trx, 'users', fresh.length)
    const created: User[] = []
    for (const part of slices(plan.creates.map((item) => item.email)))
      created.push(...(await User.query({ client: trx }).whereIn('email', part)))
    await insertMany(
      trx,
      'centre_memberships',
      created.map((user) => ({ user_id: user.id, centre_id: centre.id, created_at: now }))
    )

    // Users already there: saved when something changed (a re-import changes nothing).
    for (const { row, user } of plan.updates) {
      user.useTransaction(trx)
      user.merge({
        firstName: row.first_name,
        lastName: row.last_name,
        email: row.email,
        role: row.type,
        externalId: row.external_id ?? user.externalId,
      })
      if (user.status === 'disabled') user.status = user.password ? 'active' : 'invited'
      if (user.$isDirty) await user.save()
    }

    // Classes and groups in this centre are replaced by the file's; groups live in the row's first class.
    const idOf = new Map(created.map((user) => [user.email, user.id]))
    for (const { user } of plan.updates) idOf.set(user.email, user.id)
    for (const ids of slices(plan.updates.map(({ user }) => user.id))) {
      await trx
        .from('division_members')
        .whereIn('user_id', ids)
        .whereIn('division_id', trx.from('divisions').where('centre_id', centre.id).select('id'))
        .delete()
      await trx
        .from('learner_group_members')
        .whereIn('user_id', ids)
        .whereIn(
          'learner_group_id',
          trx
            .from('learner_groups')
            .whereIn(
              'division_id',
              trx.from('divisions').where('centre_id', centre.id).select('id')
            )
            .select('id')
        )
        .delete()
    }
    const classRows: { division_id: number; user_id: number }[] = []
    const groupRows: { learner_group_id: number; user_id: number }[] = []
    for (const item of items) {
      const userId = idOf.get(item.email)!
      const classIds = new Set(item.classes.map((name) => divisions.get(name.toLowerCase())!))
      for (const id of classIds) classRows.push({ division_id: id, user_id: userId })
      if (item.groups.length === 0) continue
      const division = divisions.get(item.classes[0].toLowerCase())!
      const groupIds = new Set(
        item.groups.map((name) => groups.get(`${division}:${name.toLowerCase()}`)!)
      )
      for (const id of groupIds) groupRows.push({ learner_group_id: id, user_id: userId })
    }
    await insertMany(trx, 'division_members', classRows)
    await insertMany(trx, 'learner_group_members', groupRows)

    // Saved one by one: disabling a user ends its sessions.
    for (const user of plan.disables) {
      user.useTransaction(trx)
      user.status = 'disabled'
      await user.save()
    }
    await AuditLog.record({
      actor,
      action: 'users.imported',
      entityType: 'centre',
      entityId: centre.id,
      centreId: centre.id,
      after: {
        created: created.length,
        updated: plan.updates.length,
        disabled: plan.disables.map((u) => u.email),
      },
      client: trx,
    })
    return created
  })
  return {
    created: invited.length,
    updated: plan.updates.length,
    disabled: plan.disables.length,
    /** The new users, to invite once this has committed (sendInvitations). */
    invited,
  }
}

/** The centre's classes by lower-case name, those the file names created (with its first spelling). */
async function centreDivisions(trx: TransactionClientContract, centre: Centre, items: ImportRow[]) {
  const divisions = new Map<string, number>()
  const existing = await Division.query({ client: trx }).where('centre_id', centre.id).orderBy('id')
  for (const division of existing) {
    const key = division.name.toLowerCase()
    if (!divisions.has(key)) divisions.set(key, division.id)
  }
  for (const name of items.flatMap((item) => item.classes)) {
    const key = name.toLowerCase()
    if (divisions.has(key)) continue
    const division = await Division.create({ centreId: centre.id, name }, { client: trx })
    divisions.set(key, division.id)
  }
  return divisions
}

/** The learner groups the file names, by "division id:lower-case name", created when missing. */
async function learnerGroups(
  trx: TransactionClientContract,
  divisions: Map<string, number>,
  items: ImportRow[]
) {
  const groups = new Map<string, number>()
  const existing = await LearnerGroup.query({ client: trx })
    .whereIn('division_id', [...new Set(divisions.values())])
    .orderBy('id')
  for (const group of existing) {
    const key = `${group.divisionId}:${group.name.toLowerCase()}`
    if (!groups.has(key)) groups.set(key, group.id)
  }
  for (const item of items) {
    if (item.groups.length === 0) continue
    const divisionId = divisions.get(item.classes[0].toLowerCase())!
    for (const name of item.groups) {
      const key = `${divisionId}:${name.toLowerCase()}`
      if (groups.has(key)) continue
      const group = await LearnerGroup.create({ divisionId, name }, { client: trx })
      groups.set(key, group.id)
    }
  }
  return groups
}

function centreMembers(centreId: number, roles: string[]) {
  return User.query()
    .whereIn('role', roles)
    .whereExists((q) =>
      q
        .from('centre_memberships')
        .whereColumn('centre_memberships.user_id', 'users.id')
        .where('centre_memberships.centre_id', centreId)
    )
}
