import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import AuditLog from '#shared/audit/audit_log'
import { makeUser } from '#database/factories/index'
import { assertTextExcludes } from '#tests/helpers/http'

test.group('Audit log page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('filters by action and actor, and pages back in time by keyset', async ({
    client,
    assert,
  }) => {
    const admin = await makeUser('network_admin', [], { email: 'auditor@example.test' })
    for (let i = 0; i < 55; i++) {
      await AuditLog.record({
        actor: admin,
        action: 'centre.updated',
        entityType: 'centre',
        entityId: i,
        after: { n: i },
      })
    }
    await AuditLog.record({ action: 'user.disabled', entityType: 'user', entityId: 7 })

    const filtered = await client.get('/admin/audit?action=user.').loginAs(admin)
    filtered.assertTextIncludes('user.disabled')
    assertTextExcludes(filtered, 'centre.updated')

    const first = await client.get('/admin/audit?action=centre.&actor=auditor').loginAs(admin)
    assert.equal(first.text().split('data-testid="audit-row"').length - 1, 50)
    first.assertTextIncludes('{&quot;n&quot;:54}')
    const next = first.text().match(/href="(\/admin\/audit\?[^"]*before=[^"]+)"/)
    assert.exists(next)
    const older = await client.get(next![1].replaceAll('&amp;', '&')).loginAs(admin)
    assert.equal(older.text().split('data-testid="audit-row"').length - 1, 5)
    older.assertTextIncludes('{&quot;n&quot;:4}')
    assertTextExcludes(older, '{&quot;n&quot;:5}')

    const longAgo = await client.get('/admin/audit?from=2001-01-01&to=2001-12-31').loginAs(admin)
    longAgo.assertTextIncludes('Aucune entrée')
    const today = new Date().toISOString().slice(0, 10)
    const recent = await client.get(`/admin/audit?action=user.&from=${today}`).loginAs(admin)
    recent.assertTextIncludes('user.disabled')

    // % and _ typed in a filter are text, not wildcards.
    const wildcard = await client.get('/admin/audit?action=%25').loginAs(admin)
    wildcard.assertTextIncludes('Aucune entrée')
    const underscore = await client.get('/admin/audit?actor=a_ditor').loginAs(admin)
    underscore.assertTextIncludes('Aucune entrée')
  })
})
