import { BaseModel } from '@adonisjs/lucid/orm'

/**
 * Lucid 22's preloads match every parent against every related row: each
 * relation's `setRelatedForMany` filters the whole related list once per
 * parent. A session page of 250 registrations with their 750 tests made
 * 187,500 comparisons through model proxies: 40 % of the page's CPU in a
 * profile (bench/README.md). These replacements group the related rows by
 * their key once (a Map), then hand each parent its group: the same matches,
 * in the same order, with the same strict equality (`===`) and the same
 * treatment of undefined keys, in linear time.
 *
 * The relation classes are not exported by Lucid, so they are reached through
 * a probe model that declares one relation of each kind. `installed()` lets a
 * test check the patch is in place after a Lucid upgrade.
 */

const PATCHED = Symbol.for('passerelle.linearPreloads')

type Row = Record<string, any> & { $extras: Record<string, any> }
interface Relation {
  booted: boolean
  relationName: string
  localKey: string
  foreignKey: string
  foreignKeyColumnName: string
  pivotForeignKey: string
  setRelated(parent: Row, related: Row | Row[] | null): void
  pivotAlias(key: string): string
  throughAlias(key: string): string
}

function ensureBooted(relation: Relation) {
  if (!relation.booted) throw new Error('Relationship is not booted. Make sure to call boot first')
}

/** Related rows by key, in their order; rows whose key is undefined are left out. */
function groupBy(rows: Row[], keyOf: (row: Row) => unknown) {
  const groups = new Map<unknown, Row[]>()
  for (const row of rows) {
    const key = keyOf(row)
    if (key === undefined) continue
    const group = groups.get(key)
    if (group) group.push(row)
    else groups.set(key, [row])
  }
  return groups
}

/** Each parent gets the rows whose key equals its own (none when its key is undefined). */
function setMany(relation: Relation, parents: Row[], related: Row[], keyOf: (row: Row) => unknown) {
  ensureBooted(relation)
  const groups = groupBy(related, keyOf)
  for (const parent of parents) {
    const value = parent[relation.localKey]
    relation.setRelated(parent, value === undefined ? [] : [...(groups.get(value) ?? [])])
  }
}

/** Each parent gets the first row whose key equals its value, or null. */
function setOne(
  relation: Relation,
  parents: Row[],
  related: Row[],
  keyOf: (row: Row) => unknown,
  valueOf: (parent: Row) => unknown
) {
  ensureBooted(relation)
  const groups = groupBy(related, keyOf)
  for (const parent of parents) {
    const value = valueOf(parent)
    relation.setRelated(parent, value === undefined ? null : (groups.get(value)?.[0] ?? null))
  }
}

const replacements: Record<string, (this: Relation, parents: Row[], related: Row[]) => void> = {
  hasMany(parents, related) {
    setMany(this, parents, related, (row) => row[this.foreignKey])
  },
  hasOne(parents, related) {
    setOne(
      this,
      parents,
      related,
      (row) => row[this.foreignKey],
      (parent) => parent[this.localKey]
    )
  },
  belongsTo(parents, related) {
    setOne(
      this,
      parents,
      related,
      (row) => row[this.localKey],
      (parent) => parent[this.foreignKey]
    )
  },
  manyToMany(parents, related) {
    const alias = this.pivotAlias(this.pivotForeignKey)
    setMany(this, parents, related, (row) => row.$extras[alias])
  },
  hasManyThrough(parents, related) {
    const alias = this.throughAlias(this.foreignKeyColumnName)
    setMany(this, parents, related, (row) => row.$extras[alias])
  },
}

class PreloadProbe extends BaseModel {}

function relationClasses() {
  PreloadProbe.boot()
  const target = () => PreloadProbe
  const options: Record<string, object> = {
    hasMany: {},
    hasOne: {},
    belongsTo: {},
    manyToMany: {},
    hasManyThrough: { throughModel: target },
  }
  return Object.keys(replacements).map((kind) => {
    const name = `probe_${kind}`
    if (!PreloadProbe.$hasRelation(name))
      PreloadProbe.$addRelation(name, kind as any, target as any, options[kind] as any)
    return [kind, Object.getPrototypeOf(PreloadProbe.$getRelation(name as any))] as const
  })
}

export function installLinearPreloads() {
  for (const [kind, prototype] of relationClasses()) {
    if (prototype[PATCHED]) continue
    prototype.setRelatedForMany = replacements[kind]
    prototype[PATCHED] = true
  }
}

/** The relation kinds whose preloads are linear (all five once installed). */
export function installed() {
  return relationClasses()
    .filter(([, prototype]) => prototype[PATCHED])
    .map(([kind]) => kind)
}
