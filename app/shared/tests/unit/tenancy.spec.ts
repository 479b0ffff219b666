import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { canSeeCentre, scopeToCentres, sharesCentre } from '#shared/tenancy'
import type { Actor } from '#shared/roles'

const admin: Actor = { id: 1, role: 'network_admin', centreIds: [] }
const manager: Actor = { id: 2, role: 'centre_manager', centreIds: [10, 11] }
const orphan: Actor = { id: 3, role: 'centre_staff', centreIds: [] }

test.group('Tenancy', () => {
  test('a network admin sees every centre; others only theirs', ({ assert }) => {
    assert.isTrue(canSeeCentre(admin, 99))
    assert.isTrue(canSeeCentre(manager, 10))
    assert.isFalse(canSeeCentre(manager, 12))
    assert.isFalse(canSeeCentre(manager, null))
    assert.isTrue(sharesCentre(manager, [12, 11]))
    assert.isFalse(sharesCentre(manager, [12]))
  })

  test('queries are scoped to the centres of the actor, and to nothing without centres', ({
    assert,
  }) => {
    const sql = (actor: Actor) => scopeToCentres(db.from('sessions'), actor).toQuery()
    assert.notInclude(sql(admin), 'where')
    assert.include(
      sql(manager),
      '`centre_id` in (10, 11)'.replace(/`/g, sql(manager).includes('`') ? '`' : '"')
    )
    assert.include(sql(orphan), '1 = 0')
  })
})
