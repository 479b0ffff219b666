import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import AuditLog from '#shared/audit/audit_log'
import { countsOf } from '#shared/orm/counts'

async function entries(count: number, action: string) {
  const at = new Date().toISOString().slice(0, 19).replace('T', ' ')
  await db.table('audit_logs').multiInsert(
    Array.from({ length: count }, (_, i) => ({
      action,
      entity_type: 'probe',
      entity_id: String(i + 1),
      created_at: at,
    }))
  )
}

test.group('Counts in one statement', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('each query counted, capped where limited, false as 0, in one statement', async ({
    assert,
  }) => {
    await entries(7, 'count.seven')
    await entries(3, 'count.three')
    // Every statement the database is sent (knex's own event, on both clients).
    const statements: string[] = []
    const listen = (query: { sql: string }) => statements.push(query.sql)
    const connection = db.connection()
    const clients = [...new Set([connection.getReadClient(), connection.getWriteClient()])]
    clients.forEach((client) => client.on('query', listen))
    try {
      const counts = await countsOf({
        seven: AuditLog.query().where('action', 'count.seven'),
        three: db.from('audit_logs').where('action', 'count.three'),
        capped: AuditLog.query().where('action', 'count.seven').limit(5),
        none: AuditLog.query().where('action', 'count.none'),
        skipped: false,
      })
      assert.deepEqual(counts, { seven: 7, three: 3, capped: 5, none: 0, skipped: 0 })
    } finally {
      clients.forEach((client) => client.off('query', listen))
    }
    assert.lengthOf(statements, 1)
    assert.match(statements[0], /union all/i)
  })

  test('nothing asked: no statement, every key 0', async ({ assert }) => {
    assert.deepEqual(await countsOf({ a: false, b: false }), { a: 0, b: 0 })
  })
})
