import { DateTime } from 'luxon'
import drive from '@adonisjs/drive/services/main'
import db from '@adonisjs/lucid/services/db'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type { User } from '#accounts'
import { frameworksOfClasses, pickerTrees, situationLinks } from '#evaluations'
import AuditLog from '#shared/audit/audit_log'
import { DomainError } from '#shared/errors'
import { checkUpload, storeUpload } from '#shared/uploads/uploads'
import { queryText } from '#shared/ui/table'
import { parseIsoDate } from '#shared/dates'
import CompetenceLock from '#passports/models/competence_lock'
import ProfessionalSituation from '#passports/models/professional_situation'
import SituationAttachment from '#passports/models/situation_attachment'
import SituationSupport from '#passports/models/situation_support'

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
export const MAX_ATTACHMENTS = 10

type Tree = Awaited<ReturnType<typeof pickerTrees>>

/** The centre a learner's passport belongs to: the first of its centres. */
export function learnerCentre(learner: User) {
  const centreId = learner.centreIds[0]
  if (!centreId) throw new DomainError('passport_no_centre')
  return centreId
}

/**
 * The frameworks a learner works with: those of its classes (or all of its
 * centre's when a class has none), each as the centre's version with its tree.
 */
export async function learnerTrees(learner: User): Promise<Tree> {
  const centreId = learnerCentre(learner)
  const classes = await db
    .from('division_members')
    .join('divisions', 'divisions.id', 'division_members.division_id')
    .where('division_members.user_id', learner.id)
    .where('divisions.centre_id', centreId)
    .select('divisions.id')
  return treesOfClasses(
    centreId,
    classes.map((c) => Number(c.id))
  )
}

/** The frameworks a class works with, as trees (the heat map's columns, teachers' filters). */
export function classTrees(centreId: number, divisionId: number): Promise<Tree> {
  return treesOfClasses(centreId, [divisionId])
}

async function treesOfClasses(centreId: number, divisionIds: number[]): Promise<Tree> {
  const byClass = await frameworksOfClasses(centreId, divisionIds)
  const frameworkIds = new Set([...byClass.values()].flat())
  const trees = await pickerTrees(centreId)
  return trees.filter((entry) => frameworkIds.has(entry.version.frameworkId))
}

/** Every situation of the trees with its class, in order (the grouped drop-down). */
export function situationOptions(trees: Tree) {
  return trees.flatMap((entry) =>
    entry.tree.flatMap((pole) =>
      pole.classes.map((group) => ({
        framework: entry.version.name,
        code: group.code,
        name: group.name,
        situations: group.situations.map((situation) => ({
          id: situation.id,
          frameworkId: entry.version.frameworkId,
          code: situation.code,
          name: situation.name,
          // Seed 003: the Projet box only for situations numbered 1xx or 3xx.
          project: /^S?[13]/i.test(situation.code),
          competences: situation.competences.map((c) => ({
            id: c.id,
            frameworkId: entry.version.frameworkId,
            frameworkCode: entry.version.framework.code,
            frameworkName: entry.version.name,
            code: c.code,
            name: c.name,
            unit: c.examUnit,
            elsewhere: c.assessedElsewhere,
            complexities: c.complexities,
            hazards: c.hazards,
          })),
        })),
      }))
    )
  )
}

export type SituationOption = ReturnType<typeof situationOptions>[number]['situations'][number]
export type CompetenceOption = SituationOption['competences'][number]

/**
 * What each situation is attached to in the learner's other frameworks
 * (seed 002 §3.7: "rattachée à une ou plusieurs activités du BEP MSA"):
 * situation id → the competences of those frameworks, as the learner's
 * versions have them. Links to a framework the learner does not work with
 * are left out.
 */
export async function linkedOptions(options: Options) {
  const competences = new Map<string, CompetenceOption>()
  for (const group of options)
    for (const situation of group.situations)
      for (const c of situation.competences) competences.set(`${c.frameworkCode}:${c.code}`, c)
  const situations = options.flatMap((g) => g.situations)
  const links = await situationLinks(situations.map((s) => s.id))
  const linked = new Map<number, CompetenceOption[]>()
  for (const situation of situations) {
    const found = (links.get(situation.id) ?? [])
      .map((link) => competences.get(`${link.frameworkCode}:${link.competenceCode}`))
      .filter((c): c is CompetenceOption => !!c && c.frameworkId !== situation.frameworkId)
    if (found.length) linked.set(situation.id, found)
  }
  return linked
}

/**
 * "framework id:code" of situations or competences by id, whatever their
 * version (the same node across versions of a framework). One query.
 */
export async function frameworkKeys(table: 'situations' | 'competences', ids: number[]) {
  if (ids.length === 0) return new Map<number, string>()
  const rows = await db
    .from(table)
    .join('framework_versions', 'framework_versions.id', `${table}.version_id`)
    .whereIn(`${table}.id`, ids)
    .select(`${table}.id`, `${table}.code`, 'framework_versions.framework_id')
  return new Map(
    rows.map((row) => [Number(row.id), `${Number(row.framework_id)}:${String(row.code)}`])
  )
}

/**
 * Ids of another framework version, read as those of the learner's current
 * one: a situation, competence or lock recorded before the centre moved to a
 * new version keeps its meaning through its framework and code.
 */
export function currentIds(options: Options) {
  const situations = options.flatMap((g) => g.situations)
  const competences = situations.flatMap((s) => s.competences)
  const byKey = <T extends { id: number; code: string; frameworkId: number }>(list: T[]) =>
    new Map(list.map((item) => [`${item.frameworkId}:${item.code}`, item]))
  const situationByKey = byKey(situations)
  const competenceByKey = byKey(competences)
  const situationById = new Map(situations.map((x) => [x.id, x]))
  const competenceById = new Map(competences.map((x) => [x.id, x]))
  return {
    /** Resolves ids met in stored rows (one query per table for those not current). */
    async load(situationIds: number[], competenceIds: number[]) {
      const oldSituations = await frameworkKeys(
        'situations',
        [...new Set(situationIds)].filter((id) => !situationById.has(id))
      )
      const oldCompetences = await frameworkKeys(
        'competences',
        [...new Set(competenceIds)].filter((id) => !competenceById.has(id))
      )
      return {
        situation: (id: number) =>
          situationById.get(id) ?? situationByKey.get(oldSituations.get(id) ?? '') ?? null,
        competence: (id: number) =>
          competenceById.get(id) ?? competenceByKey.get(oldCompetences.get(id) ?? '') ?? null,
      }
    },
  }
}

type Options = ReturnType<typeof situationOptions>

/** The competences a teacher locked for a learner (as ids of its current framework versions). */
export async function lockedCompetences(learnerId: number, options: Options) {
  const rows = await CompetenceLock.query().where('user_id', learnerId)
  const resolve = await currentIds(options).load(
    [],
    rows.map((r) => r.competenceId)
  )
  return new Set(rows.map((row) => resolve.competence(row.competenceId)?.id ?? row.competenceId))
}

/** Arrays from the form: qs gives an object instead of an array past 20 items. */
export function listOf(value: unknown): Record<string, unknown>[] {
  const items = Array.isArray(value)
    ? value
    : value && typeof value === 'object'
      ? Object.values(value)
      : []
  return items.filter((item) => item && typeof item === 'object') as Record<string, unknown>[]
}

export interface SituationInput {
  title: string
  situation_id: number
  project?: boolean
  description: string
  partners?: string | null
  location: ProfessionalSituation['location']
  starts_on: Date
  ends_on: Date
  source: ProfessionalSituation['source']
  kind: ProfessionalSituation['kind']
  tasks?: string | null
  objectives?: string | null
  actors?: { name?: string | null; role?: string | null }[]
  means?: string | null
  quantitative_results?: string | null
  qualitative_results?: string | null
  supports?: { designation?: string | null; origin?: string | null; nature?: string | null }[]
  competence_id: number
  secondary_competence_id?: number | null
  competence_description?: string | null
  complexities?: string[]
  hazards?: string[]
}

const day = (value: Date) =>
  DateTime.utc(value.getFullYear(), value.getMonth() + 1, value.getDate())

/**
 * Checks what only the server knows: the situation is one of the learner's
 * frameworks, the competence is one of that situation's (exactly one),
 * neither locked for the learner nor assessed elsewhere (E5); the Projet box
 * only where it exists; complexities and hazards among the competence's;
 * each support complete. Field errors come back as { field: message key }.
 */
export function checkChoices(
  options: SituationOption[],
  locked: Set<number>,
  input: SituationInput,
  keptCompetenceId: number | null,
  linked: Map<number, CompetenceOption[]> = new Map()
) {
  const errors: Record<string, string> = {}
  const situation = options.find((s) => s.id === input.situation_id)
  if (!situation) return { errors: { situation_id: 'situation_unknown' } }
  const competence = situation.competences.find((c) => c.id === input.competence_id)
  if (!competence) errors.competence_id = 'competence_not_of_situation'
  else if (competence.elsewhere) errors.competence_id = 'competence_elsewhere'
  else if (locked.has(competence.id) && competence.id !== keptCompetenceId)
    errors.competence_id = 'competence_locked'
  if (input.project && !situation.project) errors.project = 'project_not_here'
  if (
    input.secondary_competence_id &&
    !(linked.get(situation.id) ?? []).some((c) => c.id === input.secondary_competence_id)
  )
    errors.secondary_competence_id = 'secondary_not_linked'
  // Blank rows are dropped; a started one must be complete (its row number as on the form).
  ;(input.supports ?? []).forEach((support, index) => {
    const started = support.designation || support.origin || support.nature
    if (started && (!support.designation || !support.origin || !support.nature))
      errors[`supports.${index}`] = 'support_incomplete'
  })
  const supports = (input.supports ?? []).filter((s) => s.designation || s.origin || s.nature)
  const complexities = [...new Set(input.complexities ?? [])].filter((c) =>
    competence?.complexities.includes(c)
  )
  const hazards = [...new Set(input.hazards ?? [])].filter((h) => competence?.hazards.includes(h))
  return { errors, situation, competence, supports, complexities, hazards }
}

/**
 * Creates or updates a situation with its supports and new attachments, in
 * one transaction; files are checked (pdf or zip, 10 MB) before anything is
 * written. Audited.
 */
export async function saveSituation(
  learner: User,
  existing: ProfessionalSituation | null,
  input: SituationInput,
  checked: {
    supports: NonNullable<SituationInput['supports']>
    complexities: string[]
    hazards: string[]
  },
  files: MultipartFile[]
) {
  const stored: { key: string; name: string; mime: string; size: number }[] = []
  const accepted = []
  for (const file of files) {
    const check = await checkUpload(file, { kinds: ['pdf', 'zip'], maxBytes: MAX_ATTACHMENT_BYTES })
    if (!check.ok) throw new DomainError(`attachment_${check.reason}`, { name: file.clientName })
    accepted.push({ file, check })
  }
  const attached = existing
    ? await SituationAttachment.query().where('professional_situation_id', existing.id)
    : []
  if (attached.length + files.length > MAX_ATTACHMENTS)
    throw new DomainError('attachments_too_many', { max: MAX_ATTACHMENTS })
  try {
    for (const { file, check } of accepted) {
      const key = await storeUpload(file, `situations/${learner.id}`, check.kind)
      stored.push({
        key,
        name: file.clientName.slice(0, 200),
        mime: check.mime,
        size: file.size,
      })
    }
    const keepsEvaluation =
      !!existing?.evaluatedAt &&
      existing.competenceId === input.competence_id &&
      existing.situationId === input.situation_id
    return await db.transaction(async (trx) => {
      const situation = existing ?? new ProfessionalSituation()
      const before = existing ? snapshot(existing) : null
      situation.useTransaction(trx)
      situation.merge({
        userId: learner.id,
        centreId: existing?.centreId ?? learnerCentre(learner),
        situationId: input.situation_id,
        competenceId: input.competence_id,
        secondaryCompetenceId: input.secondary_competence_id ?? null,
        title: input.title,
        project: Boolean(input.project),
        description: input.description,
        partners: input.partners ?? null,
        location: input.location,
        startsOn: day(input.starts_on),
        endsOn: day(input.ends_on),
        source: input.source,
        kind: input.kind,
        tasks: input.tasks ?? null,
        objectives: input.objectives ?? null,
        actors: (input.actors ?? [])
          .filter((a) => a.name || a.role)
          .map((a) => ({ name: a.name ?? '', role: a.role ?? '' })),
        means: input.means ?? null,
        quantitativeResults: input.quantitative_results ?? null,
        qualitativeResults: input.qualitative_results ?? null,
        competenceDescription: input.competence_description ?? null,
        // A teacher's adjustment is kept while the evaluation stands.
        complexities: keepsEvaluation ? existing!.complexities : checked.complexities,
        hazards: keepsEvaluation ? existing!.hazards : checked.hazards,
      })
      // Another situation or competence is another claim: the evaluation no longer applies.
      if (existing?.evaluatedAt && !keepsEvaluation)
        situation.merge({ result: null, appreciation: null, evaluatedBy: null, evaluatedAt: null })
      await situation.save()
      await SituationSupport.query({ client: trx })
        .where('professional_situation_id', situation.id)
        .delete()
      if (checked.supports.length)
        await SituationSupport.createMany(
          checked.supports.map((support, index) => ({
            professionalSituationId: situation.id,
            designation: support.designation!,
            origin: support.origin as SituationSupport['origin'],
            nature: support.nature as SituationSupport['nature'],
            position: index + 1,
          })),
          { client: trx }
        )
      if (stored.length)
        await SituationAttachment.createMany(
          stored.map((file) => ({
            professionalSituationId: situation.id,
            name: file.name,
            storageKey: file.key,
            mime: file.mime,
            size: file.size,
          })),
          { client: trx }
        )
      await AuditLog.record({
        actor: learner,
        action: existing ? 'pro_situation.updated' : 'pro_situation.created',
        entityType: 'professional_situation',
        entityId: situation.id,
        centreId: situation.centreId,
        before,
        after: { ...snapshot(situation), attachments: stored.map((f) => f.name) },
        client: trx,
      })
      return situation
    })
  } catch (error) {
    // Nothing half-written: files stored for a save that failed go too.
    for (const file of stored)
      await drive
        .use()
        .delete(file.key)
        .catch(() => {})
    throw error
  }
}

function snapshot(situation: ProfessionalSituation) {
  return {
    title: situation.title,
    situation: situation.situationId,
    competence: situation.competenceId,
    startsOn: situation.startsOn?.toISODate() ?? null,
    endsOn: situation.endsOn?.toISODate() ?? null,
  }
}

/** Deletes a situation, its supports and attachments (files too); audited. */
export async function deleteSituation(actor: User, situation: ProfessionalSituation) {
  const attachments = await SituationAttachment.query().where(
    'professional_situation_id',
    situation.id
  )
  await db.transaction(async (trx) => {
    situation.useTransaction(trx)
    await situation.delete()
    await AuditLog.record({
      actor,
      action: 'pro_situation.deleted',
      entityType: 'professional_situation',
      entityId: situation.id,
      centreId: situation.centreId,
      before: { ...snapshot(situation), attachments: attachments.map((a) => a.name) },
      client: trx,
    })
  })
  for (const attachment of attachments)
    await drive
      .use()
      .delete(attachment.storageKey)
      .catch(() => {})
}

export interface ListFilters {
  q: string
  date: string
  competence: string
}

/** The list's filters from the query string (seed 002 §3.7.2: title, date, competence). */
export function readListFilters(input: (key: string) => unknown): ListFilters {
  return {
    q: queryText(input('q')),
    date: queryText(input('date'), 10),
    competence: queryText(input('competence')),
  }
}

/**
 * A learner's situations, newest first, with their framework situation and
 * competence, filtered by title, by a date within the situation, and by a
 * competence's code or text.
 */
export async function situationList(learner: User, filters: ListFilters, options: Options) {
  const query = ProfessionalSituation.query()
    .where('user_id', learner.id)
    .withCount('attachments')
    .orderBy('starts_on', 'desc')
    .orderBy('id', 'desc')
  if (filters.q)
    query.whereRaw(`lower(title) like ? escape '\\'`, [`%${likeText(filters.q.toLowerCase())}%`])
  if (parseIsoDate(filters.date))
    query.where('starts_on', '<=', filters.date).where('ends_on', '>=', filters.date)
  const rows = await query
  const resolve = await currentIds(options).load(
    rows.map((r) => r.situationId),
    rows.flatMap((r) => [r.competenceId, r.secondaryCompetenceId ?? 0]).filter(Boolean)
  )
  const needle = filters.competence.toLowerCase()
  return rows
    .map((row) => ({
      row,
      situation: resolve.situation(row.situationId),
      competence: resolve.competence(row.competenceId),
      secondary: row.secondaryCompetenceId ? resolve.competence(row.secondaryCompetenceId) : null,
    }))
    .filter(
      (line) =>
        !needle ||
        line.competence?.code.toLowerCase().includes(needle) ||
        line.competence?.name.toLowerCase().includes(needle)
    )
}

/** Text searched literally in a LIKE pattern: % and _ are not wildcards here. */
function likeText(text: string) {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/** Deletes one attachment of a situation, row then file; audited. */
export async function deleteAttachment(
  actor: User,
  situation: ProfessionalSituation,
  attachment: SituationAttachment
) {
  await db.transaction(async (trx) => {
    attachment.useTransaction(trx)
    await attachment.delete()
    await AuditLog.record({
      actor,
      action: 'pro_situation.attachment_deleted',
      entityType: 'professional_situation',
      entityId: situation.id,
      centreId: situation.centreId,
      before: { attachment: attachment.name, size: attachment.size },
      client: trx,
    })
  })
  await drive
    .use()
    .delete(attachment.storageKey)
    .catch(() => {})
}
