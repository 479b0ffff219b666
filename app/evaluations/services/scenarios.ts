import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { User } from '#accounts'
import AuditLog from '#shared/audit/audit_log'
import { DomainError } from '#shared/errors'
import type { Actor } from '#shared/roles'
import { toId } from '#shared/tenancy'
import Competence from '#evaluations/models/competence'
import FrameworkVersion from '#evaluations/models/framework_version'
import Scenario from '#evaluations/models/scenario'
import ScenarioCompetence from '#evaluations/models/scenario_competence'
import { frameworkTree } from '#evaluations/services/frameworks'

/** The framework versions a centre uses (the competences its teachers choose from). */
export async function versionsOf(centreId: number) {
  const rows = await db
    .from('centre_frameworks')
    .where('centre_id', centreId)
    .distinct('version_id')
  return FrameworkVersion.query()
    .whereIn(
      'id',
      rows.map((row) => Number(row.version_id))
    )
    .preload('framework')
    .orderBy('id')
}

/** The competence tree picker's data: each framework version of the centre with its tree. */
export async function pickerTrees(centreId: number) {
  const versions = await versionsOf(centreId)
  return Promise.all(
    versions.map(async (version) => ({ version, tree: await frameworkTree(version.id) }))
  )
}

/** Every competence id the picker shows (to tell apart those of a version the centre left). */
export function treeCompetenceIds(trees: Awaited<ReturnType<typeof pickerTrees>>) {
  return new Set(
    trees.flatMap((entry) =>
      entry.tree.flatMap((pole) =>
        pole.classes.flatMap((group) =>
          group.situations.flatMap((situation) => situation.competences.map((c) => c.id))
        )
      )
    )
  )
}

export interface CompetenceChoice {
  competenceId: number
  complexities: string[]
  hazards: string[]
}

/**
 * The competences ticked in the picker, in the order of the form, each with
 * the complexities and hazards ticked next to it (only its own are kept).
 * Form: competences[] = ids; choices[c<id>][complexities][] and [hazards][];
 * order[] = ids in the order wanted (evaluations), when given.
 */
export async function readChoices(
  centreId: number,
  input: Record<string, any>,
  /** Competences the scenario already has: kept even if the centre moved to a newer version. */
  kept: number[] = []
) {
  const raw = input.competences
  const ids = [...new Set((Array.isArray(raw) ? raw : raw ? [raw] : []).map(toId))].filter(Boolean)
  // The order the teacher gave (drag and drop): order[] = ids; the others keep the form's order.
  const order = (Array.isArray(input.order) ? input.order : []).map(toId)
  const rank = (id: number) => (order.includes(id) ? order.indexOf(id) : order.length)
  ids.sort((a, b) => rank(a) - rank(b))
  if (ids.length === 0) throw new DomainError('competences_none')
  if (ids.length > 40) throw new DomainError('competences_too_many')
  const usable = await versionsOf(centreId)
  const versions = usable.map((v) => v.id)
  const competences = await Competence.query()
    .whereIn('id', ids)
    .where((q) => q.whereIn('version_id', [...versions, 0]).orWhereIn('id', [...kept, 0]))
  if (competences.length !== ids.length) throw new DomainError('competence_unknown')
  const byId = new Map(competences.map((c) => [c.id, c]))
  const pick = (value: unknown, allowed: string[]) =>
    [...new Set(Array.isArray(value) ? value.map(String) : value ? [String(value)] : [])].filter(
      (item) => allowed.includes(item)
    )
  return ids.map((id) => {
    const competence = byId.get(id)!
    if (competence.assessedElsewhere)
      throw new DomainError('competence_elsewhere', { code: competence.code })
    const choice = input.choices?.[`c${id}`] ?? {}
    return {
      competenceId: id,
      complexities: pick(choice.complexities, competence.complexities),
      hazards: pick(choice.hazards, competence.hazards),
    }
  })
}

export interface ScenarioInput {
  title: string
  level: string | null
  visibility: 'private' | 'public'
  context: string | null
  materials: string | null
  links: string[]
  resources: string | null
  choices: CompetenceChoice[]
}

async function writeChoices(
  scenario: Scenario,
  choices: CompetenceChoice[],
  trx: TransactionClientContract
) {
  await trx.from('scenario_competences').where('scenario_id', scenario.id).delete()
  await ScenarioCompetence.createMany(
    choices.map((choice, index) => ({ scenarioId: scenario.id, position: index + 1, ...choice })),
    { client: trx }
  )
}

function summary(input: Pick<ScenarioInput, 'title' | 'visibility' | 'choices'>) {
  return {
    title: input.title,
    visibility: input.visibility,
    competences: input.choices.map((c) => c.competenceId),
    hazards: input.choices.flatMap((c) => c.hazards),
    complexities: input.choices.flatMap((c) => c.complexities),
  }
}

export async function createScenario(author: User, centreId: number, input: ScenarioInput) {
  return db.transaction(async (trx) => {
    const { choices, ...fields } = input
    const scenario = await Scenario.create(
      { ...fields, centreId, authorId: author.id },
      { client: trx }
    )
    await writeChoices(scenario, choices, trx)
    await AuditLog.record({
      actor: author,
      action: 'scenario.created',
      entityType: 'scenario',
      entityId: scenario.id,
      centreId,
      after: summary(input),
      client: trx,
    })
    return scenario
  })
}

export async function updateScenario(author: User, scenario: Scenario, input: ScenarioInput) {
  await scenario.load('competences')
  const before = summary({
    title: scenario.title,
    visibility: scenario.visibility,
    choices: scenario.competences
      .sort((a, b) => a.position - b.position)
      .map((c) => ({
        competenceId: c.competenceId,
        complexities: c.complexities,
        hazards: c.hazards,
      })),
  })
  await db.transaction(async (trx) => {
    const { choices, ...fields } = input
    scenario.useTransaction(trx)
    scenario.merge(fields)
    await scenario.save()
    await writeChoices(scenario, choices, trx)
    await AuditLog.record({
      actor: author,
      action: 'scenario.updated',
      entityType: 'scenario',
      entityId: scenario.id,
      centreId: scenario.centreId,
      ...AuditLog.diff(before, summary(input)),
      client: trx,
    })
  })
}

/** "Dupliquer": a copy under a new title and level, owned by whoever copies it, private. */
export async function duplicateScenario(
  actor: User,
  source: Scenario,
  title: string,
  level: string | null
) {
  await source.load('competences')
  return createScenario(actor, source.centreId, {
    title,
    level,
    visibility: 'private',
    context: source.context,
    materials: source.materials,
    links: source.links,
    resources: source.resources,
    choices: source.competences
      .sort((a, b) => a.position - b.position)
      .map((c) => ({
        competenceId: c.competenceId,
        complexities: c.complexities,
        hazards: c.hazards,
      })),
  }).then(async (copy) => {
    copy.copiedFromId = source.id
    await copy.save()
    return copy
  })
}

/** Scenarios the actor may see: its own, and the public ones of its centres. */
export function visibleScenarios(actor: Actor) {
  return Scenario.query()
    .whereIn('centre_id', [...actor.centreIds, 0])
    .where((q) => q.where('visibility', 'public').orWhere('author_id', actor.id))
}
