import { test } from '@japa/runner'
import { TableState, queryText } from '#shared/ui/table'

const options = {
  sorts: { name: 'last_name', email: 'email' },
  defaultSort: 'name',
  filters: ['role'],
}

test.group('TableState', () => {
  test('keeps only known sorts, valid pages and given filters', ({ assert }) => {
    const table = new TableState(
      '/users',
      { sort: 'password', dir: 'sideways', page: '-3', role: 'x', other: 'y', q: '  zo ' },
      options
    )
    assert.equal(table.sort, 'name')
    assert.equal(table.sortColumn, 'last_name')
    assert.equal(table.dir, 'asc')
    assert.equal(table.page, 1)
    assert.deepEqual(table.filters, { role: 'x' })
    assert.equal(table.q, 'zo')
  })

  test('builds URLs that keep the state and toggle the sort direction', ({ assert }) => {
    const table = new TableState(
      '/users',
      { q: 'zo', sort: 'email', page: '3', role: 'evaluator' },
      options
    )
    assert.equal(table.pageUrl(4), '/users?q=zo&role=evaluator&sort=email&page=4')
    assert.equal(table.sortUrl('email'), '/users?q=zo&role=evaluator&sort=email&dir=desc')
    assert.equal(table.sortUrl('name'), '/users?q=zo&role=evaluator')
    assert.equal(table.ariaSort('email'), 'ascending')
    assert.equal(table.resetUrl(), '/users')
    assert.isTrue(table.isFiltered)
  })

  test('reads only text, without control characters (a NUL byte breaks PostgreSQL)', ({
    assert,
  }) => {
    const table = new TableState(
      '/users',
      { q: 'a\u0000b\tc ', role: ['a', 'b'], sort: { a: 1 } },
      options
    )
    assert.equal(table.q, 'a b c')
    assert.deepEqual(table.filters, {})
    assert.equal(table.sort, 'name')
    assert.equal(queryText(' x\u0000'.repeat(80)).length, 100)
    assert.equal(queryText(42), '')
  })

  test("a sort is one of the table's own keys, never an inherited one", ({ assert }) => {
    for (const sort of ['constructor', 'toString', '__proto__', 'hasOwnProperty'])
      assert.equal(new TableState('/users', { sort }, options).sortColumn, 'last_name', sort)
  })
})
