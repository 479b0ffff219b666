import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { TableState } from '#shared/ui/table'

const OPTIONS = { sorts: { id: 'id' }, defaultSort: 'id', perPage: 10 }

async function entries(count: number, action = 'table.test') {
  const at = new Date().toISOString().slice(0, 19).replace('T', ' ')
  const rows = Array.from({ length: count }, (_, i) => ({
    action,
    entity_type: 'probe',
    entity_id: String(i + 1),
    created_at: at,
  }))
  await db.table('audit_logs').multiInsert(rows)
}

const probes = () => db.from('audit_logs').where('action', 'table.test').orderBy('id')

test.group('Table pages', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('below the cap: the exact total, every page reachable', async ({ assert }) => {
    await entries(25)
    const third = await new TableState('/x', { page: '3' }, OPTIONS).paginate(probes(), 10, 100)
    assert.equal(third.total, 25)
    assert.isFalse(third.capped)
    assert.equal(third.lastPage, 3)
    assert.deepEqual(
      third.map((row: any) => row.entity_id),
      ['21', '22', '23', '24', '25']
    )
  })

  test('past the cap: the total says "more than", and pages stop at the cap', async ({
    assert,
  }) => {
    await entries(45)
    const first = await new TableState('/x', {}, OPTIONS).paginate(probes(), 10, 30)
    assert.equal(first.total, 30)
    assert.isTrue(first.capped)
    assert.equal(first.lastPage, 3)
    // A page past the counted rows shows the last counted page, not a deep OFFSET.
    const far = await new TableState('/x', { page: '900' }, OPTIONS).paginate(probes(), 10, 30)
    assert.equal(far.currentPage, 3)
    assert.deepEqual(
      far.map((row: any) => row.entity_id),
      ['21', '22', '23', '24', '25', '26', '27', '28', '29', '30']
    )
  })

  test('a search reads its few matches by id, in the table order, and counts them', async ({
    assert,
  }) => {
    await entries(40)
    const options = { sorts: { entity: 'entity_id' }, defaultSort: 'entity', perPage: 10 }
    const table = new TableState('/x', { q: '1', sort: 'entity', dir: 'desc', page: '2' }, options)
    const query = table.applySearch(db.from('audit_logs').where('action', 'table.test'), [
      'entity_id',
    ])
    const page = await table.paginate(table.applySort(query, 'id'), 10, 100)
    // 1, 10-19, 21, 31: 13 matches, sorted as text, descending; page 2 holds the last 3.
    assert.equal(page.total, 13)
    assert.equal(page.lastPage, 2)
    assert.deepEqual(
      page.map((row: any) => row.entity_id),
      ['11', '10', '1']
    )
    // A search past the cap still says "more than".
    const wide = new TableState('/x', { q: '1' }, OPTIONS)
    const all = wide.applySearch(db.from('audit_logs').where('action', 'table.test'), ['entity_id'])
    const capped = await wide.paginate(wide.applySort(all, 'id'), 5, 5)
    assert.equal(capped.total, 5)
    assert.deepEqual(
      capped.map((row: any) => row.entity_id),
      ['1', '10', '11', '12', '13']
    )
    assert.isTrue(capped.capped)
  })

  test('a search: past its last page, the last; ties by id; a computed sort by its expression', async ({
    assert,
  }) => {
    await entries(40)
    // 13 matches of "1", sorted as text; page 9 does not exist: page 2, the last.
    const options = { sorts: { entity: 'entity_id' }, defaultSort: 'entity', perPage: 10 }
    const far = new TableState('/x', { q: '1', page: '9' }, options)
    const farQuery = far.applySearch(db.from('audit_logs').where('action', 'table.test'), [
      'entity_id',
    ])
    const last = await far.paginate(far.applySort(farQuery, 'id'), 10, 100)
    assert.equal(last.currentPage, 2)
    assert.equal(last.total, 13)
    assert.deepEqual(
      last.map((row: any) => row.entity_id),
      ['19', '21', '31']
    )
    // A column the query computes (an alias) is sorted by its expression; equal lengths by id.
    const computed = new TableState(
      '/x',
      { q: '1', sort: 'length', dir: 'desc' },
      {
        sorts: { length: 'entity_length' },
        sortExpressions: { length: 'length(entity_id)' },
        defaultSort: 'length',
      }
    )
    const lengths = computed.applySearch(
      db
        .from('audit_logs')
        .where('action', 'table.test')
        .select('id', 'entity_id', db.raw('length(entity_id) as entity_length')),
      ['entity_id']
    )
    const page = await computed.paginate(computed.applySort(lengths, 'id'), 5, 100)
    assert.equal(page.total, 13)
    assert.deepEqual(
      page.map((row: any) => row.entity_id),
      ['31', '21', '19', '18', '17']
    )
    const third = new TableState(
      '/x',
      { q: '1', sort: 'length', dir: 'desc', page: '3' },
      {
        sorts: { length: 'entity_length' },
        sortExpressions: { length: 'length(entity_id)' },
        defaultSort: 'length',
      }
    )
    const tail = await third.paginate(third.applySort(lengths.clone(), 'id'), 5, 100)
    assert.deepEqual(
      tail.map((row: any) => row.entity_id),
      ['11', '10', '1']
    )
  })

  test('no rows: an empty page', async ({ assert }) => {
    const none = await new TableState('/x', { page: '4' }, OPTIONS).paginate(probes(), 10, 30)
    assert.equal(none.total, 0)
    assert.lengthOf(none, 0)
    assert.isFalse(none.capped)
  })

  test('an export reads every row in the table order, across chunks, with ties and NULLs', async ({
    assert,
  }) => {
    await entries(23)
    await entries(5, 'table.other')
    // Ties and NULLs in the sort column: the id breaks ties, as on the pages.
    const rows = await probes()
    for (const [i, row] of rows.entries())
      await db
        .from('audit_logs')
        .where('id', row.id)
        .update({ entity_id: i % 3 === 0 ? null : String(i % 4) })
    const options = { sorts: { id: 'id', entity: 'entity_id' }, defaultSort: 'id' }
    for (const dir of ['asc', 'desc'] as const) {
      const table = new TableState('/x', { sort: 'entity', dir }, options)
      const expected = await probes().clearOrder().orderBy('entity_id', dir).orderBy('id', dir)
      const chunks: number[] = []
      const read: unknown[] = []
      for await (const chunk of table.chunks(probes(), { size: 4 })) {
        chunks.push(chunk.length)
        read.push(...chunk.map((row) => row.id))
      }
      assert.deepEqual(
        read,
        expected.map((row) => row.id)
      )
      assert.deepEqual(chunks, [4, 4, 4, 4, 4, 3])
    }
  })

  test('a capped list says so on the page', async ({ assert }) => {
    const { default: edge } = await import('edge.js')
    await entries(12)
    const page = await new TableState('/x', {}, OPTIONS).paginate(probes(), 10, 11)
    const html = await edge.render('components/table/pagination', {
      paginator: page,
      table: new TableState('/x', {}, OPTIONS),
      target: 't',
      t: (key: string, data?: { count?: number }) => `${key}:${data?.count ?? ''}`,
    })
    assert.include(html, 'ui.results_capped:11')
  })
})
