import db from '@adonisjs/lucid/services/db'
import { User, sendInvitation, suggestLogin, uniqueLogin } from '#accounts'
import AuditLog from '#shared/audit/audit_log'
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

/** Applies a clean plan in one transaction; invitations go out once it commits. */
export async function applyImport(plan: ImportPlan, centre: Centre, actor: User) {
  if (plan.errors.length) throw new Error('applyImport: the plan has errors')
  const invited = await db.transaction(async (trx) => {
    const divisions = new Map<string, Division>()
    const divisionOf = async (name: string) => {
      const key = name.toLowerCase()
      if (!divisions.has(key)) {
        const existing = await Division.query({ client: trx })
          .where('centre_id', centre.id)
          .whereRaw('lower(name) = ?', [key])
          .first()
        divisions.set(
          key,
          existing ?? (await Division.create({ centreId: centre.id, name }, { client: trx }))
        )
      }
      return divisions.get(key)!
    }
    // Groups live in the row's first class; a learner's groups in this centre are replaced.
    const setGroups = async (user: User, item: ImportRow) => {
      const centreGroups = trx
        .from('learner_groups')
        .whereIn('division_id', trx.from('divisions').where('centre_id', centre.id).select('id'))
        .select('id')
      await trx
        .from('learner_group_members')
        .where('user_id', user.id)
        .whereIn('learner_group_id', centreGroups)
        .delete()
      if (item.groups.length === 0) return
      const division = await divisionOf(item.classes[0])
      for (const name of new Set(item.groups)) {
        const group =
          (await LearnerGroup.query({ client: trx })
            .where('division_id', division.id)
            .whereRaw('lower(name) = ?', [name.toLowerCase()])
            .first()) ??
          (await LearnerGroup.create({ divisionId: division.id, name }, { client: trx }))
        await trx
          .table('learner_group_members')
          .insert({ learner_group_id: group.id, user_id: user.id })
      }
    }
    const setClasses = async (user: User, names: string[]) => {
      const ids: number[] = []
      for (const name of names) {
        const division = await divisionOf(name)
        ids.push(division.id)
      }
      const centreDivisions = trx.from('divisions').where('centre_id', centre.id).select('id')
      await trx
        .from('division_members')
        .where('user_id', user.id)
        .whereIn('division_id', centreDivisions)
        .delete()
      if (ids.length)
        await trx
          .table('division_members')
          .multiInsert([...new Set(ids)].map((id) => ({ division_id: id, user_id: user.id })))
    }

    const loginRows = await trx.from('users').whereNotNull('login').select('login')
    const takenLogins = new Set(loginRows.map((r) => r.login as string))
    const created: User[] = []
    for (const item of plan.creates) {
      const login = uniqueLogin(suggestLogin(item.first_name, item.last_name), (l) =>
        takenLogins.has(l)
      )
      takenLogins.add(login)
      const user = await User.create(
        {
          firstName: item.first_name,
          lastName: item.last_name,
          email: item.email,
          externalId: item.external_id,
          login,
          role: item.type,
          status: 'invited',
          locale: 'fr',
        },
        { client: trx }
      )
      await trx
        .table('centre_memberships')
        .insert({ user_id: user.id, centre_id: centre.id, created_at: new Date() })
      await setClasses(user, item.classes)
      await setGroups(user, item)
      created.push(user)
    }
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
      await user.save()
      await setClasses(user, row.classes)
      await setGroups(user, row)
    }
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
  for (const user of invited) await sendInvitation(user)
  return { created: invited.length, updated: plan.updates.length, disabled: plan.disables.length }
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
