import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { insertMany, refreshStatsAfterGrowth, type BulkRow } from '#shared/orm/bulk'

const isPg = () => db.connection().dialect.name === 'postgres'

/** A table of every kind of column the imports write, for this test's transaction only. */
async function probeTable(name: string) {
  const client = db.connection()
  await client.rawQuery(
    isPg()
      ? `create temporary table ${name} (id integer primary key, code varchar(8) unique not null,
          label text, amount integer, day date, at timestamptz, flag boolean)`
      : `create temporary table ${name} (id integer primary key, code varchar(8) unique not null,
          label text, amount integer, day date, at datetime, flag boolean)`
  )
  return client
}

function row(i: number): BulkRow {
  return {
    id: i,
    code: `c${i}`,
    label: i % 7 === 0 ? null : `Élève « ${i} » l'été, "quoted", ?, {"json": [${i}]}`,
    amount: i % 5 === 0 ? null : i * 3,
    day: '2026-12-01',
    at: '2026-12-01 08:30:00',
    flag: i % 2 === 0,
  }
}

test.group('Bulk writes (insertMany)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('writes every row, over several statements, values read back as sent', async ({
    assert,
  }) => {
    const client = await probeTable('bulk_probe_a')
    const rows = Array.from({ length: 12_345 }, (_, i) => row(i + 1))
    await insertMany(client, 'bulk_probe_a', rows)
    const stored = await client.from('bulk_probe_a').orderBy('id')
    assert.lengthOf(stored, 12_345)
    for (const i of [1, 5, 7, 10, 12_345]) {
      const got = stored[i - 1]
      const want = row(i)
      assert.equal(got.code, want.code)
      assert.equal(got.label, want.label)
      assert.equal(got.amount, want.amount)
      assert.equal(Boolean(got.flag), want.flag)
    }
  })

  test('stores what knex’s own insert stores: nulls, dates, instants, booleans, quotes', async ({
    assert,
  }) => {
    const client = await probeTable('bulk_probe_f')
    await probeTable('bulk_probe_g')
    const rows = [row(1), row(7), { ...row(10), at: new Date('2026-12-01T08:30:00.123Z') }]
    await insertMany(client, 'bulk_probe_f', rows)
    await client.table('bulk_probe_g').multiInsert(rows)
    const ours = await client.from('bulk_probe_f').orderBy('id')
    const knex = await client.from('bulk_probe_g').orderBy('id')
    assert.lengthOf(ours, 3)
    assert.deepEqual(ours, knex)
  })

  test('an upsert updates the named columns of the rows already there and adds the others', async ({
    assert,
  }) => {
    const client = await probeTable('bulk_probe_b')
    await insertMany(client, 'bulk_probe_b', [row(1), row(2)])
    await insertMany(
      client,
      'bulk_probe_b',
      [
        { ...row(20), code: 'c1', label: 'new label', amount: 999 },
        { ...row(3), label: 'third' },
      ],
      { conflict: ['code'], merge: ['label'] }
    )
    const stored = await client.from('bulk_probe_b').orderBy('id')
    assert.deepEqual(
      stored.map((r) => [r.id, r.code, r.label, r.amount]),
      [
        [1, 'c1', 'new label', 3],
        [2, 'c2', row(2).label, 6],
        [3, 'c3', 'third', 9],
      ]
    )
  })

  test('a text too long for its column is refused on PostgreSQL, not cut', async ({ assert }) => {
    if (!isPg()) return assert.isTrue(true)
    const client = await probeTable('bulk_probe_c')
    await assert.rejects(
      () => insertMany(client, 'bulk_probe_c', [{ ...row(1), code: 'far too long' }]),
      /too long/
    )
  })

  test('no rows: nothing is sent', async ({ assert }) => {
    const client = await probeTable('bulk_probe_d')
    await insertMany(client, 'bulk_probe_d', [])
    assert.lengthOf(await client.from('bulk_probe_d'), 0)
  })
})

test.group('Bulk writes (refreshStatsAfterGrowth)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a table that more than doubled is analysed, inside the transaction', async ({ assert }) => {
    const client = await probeTable('bulk_probe_e')
    if (!isPg()) {
      await refreshStatsAfterGrowth(client, 'bulk_probe_e', 5000)
      return assert.isTrue(true)
    }
    const known = async () =>
      Number(
        (
          await client.rawQuery(
            "select reltuples from pg_class where oid = 'bulk_probe_e'::regclass"
          )
        ).rows[0].reltuples
      )
    await insertMany(client, 'bulk_probe_e', [row(1), row(2), row(3)])
    await client.rawQuery('analyze bulk_probe_e')
    assert.equal(await known(), 3)
    const more = Array.from({ length: 3000 }, (_, i) => row(i + 4))
    await insertMany(client, 'bulk_probe_e', more)
    // Under the threshold (fewer than 500 added): left alone.
    await refreshStatsAfterGrowth(client, 'bulk_probe_e', 100)
    assert.equal(await known(), 3)
    await refreshStatsAfterGrowth(client, 'bulk_probe_e', more.length)
    assert.equal(await known(), 3003)
    // Statistics that already know the table: not analysed again.
    await insertMany(client, 'bulk_probe_e', [row(9001)])
    await refreshStatsAfterGrowth(client, 'bulk_probe_e', 600)
    assert.equal(await known(), 3003)
  })
})
