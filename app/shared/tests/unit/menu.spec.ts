import { test } from '@japa/runner'
import { activeHref, menuFor, menuItem } from '#shared/ui/menu'

const keys = (role: Parameters<typeof menuFor>[0]) => {
  const all: string[] = []
  const walk = (items: ReturnType<typeof menuFor>) =>
    items.forEach((i) => (all.push(i.key), i.children && walk(i.children)))
  walk(menuFor(role))
  return all
}

test.group('Menu per role', () => {
  test('centre managers have "Mon centre" with their users; staff do not manage users', ({
    assert,
  }) => {
    assert.includeMembers(keys('centre_manager'), [
      'dashboard',
      'messaging',
      'sessions',
      'candidates',
      'centre_profile',
      'my_users',
      'tariffs',
    ])
    assert.notInclude(keys('centre_staff'), 'my_users')
  })

  test('account managers have the request lists; evaluators only the exam passport', ({
    assert,
  }) => {
    assert.includeMembers(keys('account_manager'), [
      'centres',
      'accommodations',
      'anomalies',
      'exemptions',
      'frauds',
      'appeals',
      'postponements',
    ])
    assert.deepEqual(keys('evaluator'), ['exam_passport'])
    assert.include(keys('network_admin'), 'audit')
    assert.notInclude(keys('account_manager'), 'audit')
  })

  test('finds an entry at any depth', ({ assert }) => {
    assert.equal(menuItem('centre_manager', 'tariffs')?.key, 'tariffs')
    assert.isUndefined(menuItem('learner', 'tariffs'))
  })
})

test.group('Menu · the current entry', () => {
  test('a page belongs to the longest entry its path continues', ({ assert }) => {
    assert.equal(activeHref('centre_staff', '/candidates/12/edit/contact'), '/candidates')
    assert.equal(activeHref('centre_staff', '/groups/3/candidates'), '/groups')
    assert.equal(activeHref('network_admin', '/candidates/retention'), '/candidates/retention')
    assert.equal(activeHref('centre_staff', '/'), '/')
    assert.isNull(activeHref('centre_staff', '/profile'))
    assert.equal(activeHref('centre_staff', '/candidates?q=x'), '/candidates')
  })
})
