import { test } from '@japa/runner'
import { BaseModel, belongsTo, column, hasMany, hasOne, manyToMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany, HasOne, ManyToMany } from '@adonisjs/lucid/types/relations'
import { installLinearPreloads, installed } from '#shared/orm/linear_preloads'

class Child extends BaseModel {
  @column({ isPrimary: true }) declare id: number
  @column() declare parentId: number | null
}

class Parent extends BaseModel {
  @column({ isPrimary: true }) declare id: number
  @column() declare favouriteId: number | null
  @hasMany(() => Child) declare children: HasMany<typeof Child>
  @hasOne(() => Child) declare eldest: HasOne<typeof Child>
  @belongsTo(() => Child, { foreignKey: 'favouriteId' }) declare favourite: BelongsTo<typeof Child>
  @manyToMany(() => Child, { pivotTable: 'parent_child' }) declare friends: ManyToMany<typeof Child>
}

const make = <T extends typeof BaseModel>(Model: T, rows: Record<string, unknown>[]) =>
  rows.map((row) => {
    const model = new Model()
    model.merge(row as any)
    return model as InstanceType<T> & Record<string, any>
  })

function relation(name: string) {
  const found = Parent.$getRelation(name as any) as any
  found.boot()
  return found
}

test.group('Linear preloads', (group) => {
  group.setup(() => installLinearPreloads())

  test('every relation kind is patched', ({ assert }) => {
    assert.sameMembers(installed(), [
      'hasMany',
      'hasOne',
      'belongsTo',
      'manyToMany',
      'hasManyThrough',
    ])
  })

  test('hasMany: each parent its rows in order, an empty list for none', ({ assert }) => {
    const parents = make(Parent, [{ id: 1 }, { id: 2 }, { id: 3 }])
    const children = make(Child, [
      { id: 10, parentId: 2 },
      { id: 11, parentId: 1 },
      { id: 12, parentId: 2 },
      { id: 13, parentId: null },
    ])
    relation('children').setRelatedForMany(parents, children)
    assert.deepEqual(
      parents.map((p) => p.children.map((c: Child) => c.id)),
      [[11], [10, 12], []]
    )
    // Each parent gets its own list.
    assert.notStrictEqual(parents[0].children, parents[2].children)
  })

  test('hasOne and belongsTo: the first match or null; a key never matches undefined', ({
    assert,
  }) => {
    const parents = make(Parent, [
      { id: 1, favouriteId: 12 },
      { id: 2, favouriteId: 99 },
      { id: 3 },
    ])
    const children = make(Child, [
      { id: 11, parentId: 1 },
      { id: 12, parentId: 1 },
      { id: 13, parentId: 2 },
    ])
    relation('eldest').setRelatedForMany(parents, children)
    assert.deepEqual(
      parents.map((p) => p.eldest?.id ?? null),
      [11, 13, null]
    )
    relation('favourite').setRelatedForMany(parents, children)
    assert.deepEqual(
      parents.map((p) => p.favourite?.id ?? null),
      [12, null, null]
    )
  })

  test('manyToMany: rows are matched by their pivot key, a row may serve several parents', ({
    assert,
  }) => {
    const parents = make(Parent, [{ id: 1 }, { id: 2 }])
    const alias = relation('friends').pivotAlias('parent_id')
    const children = make(Child, [{ id: 20 }, { id: 21 }, { id: 20 }])
    children[0].$extras[alias] = 2
    children[1].$extras[alias] = 1
    children[2].$extras[alias] = 1
    relation('friends').setRelatedForMany(parents, children)
    assert.deepEqual(
      parents.map((p) => p.friends.map((c: Child) => c.id)),
      [[21, 20], [20]]
    )
  })

  test('an unbooted relation still refuses to be filled', ({ assert }) => {
    const unbooted = Object.create(Object.getPrototypeOf(Parent.$getRelation('children')))
    unbooted.booted = false
    assert.throws(() => unbooted.setRelatedForMany([], []), /not booted/)
  })
})
