import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { CentreFactory, TEST_PASSWORD, makeUser } from '#database/factories/index'
import { logIn, menuLabels } from '#tests/browser/helpers'
import type { Role } from '#shared/roles'

/** What each role must find in its menu, and what it must not. */
const MENUS: Record<Role, { has: string[]; hasNot: string[] }> = {
  network_admin: {
    has: ['Centres', 'Utilisateurs', "Journal d'audit", 'Référentiels'],
    hasNot: ['Mon centre'],
  },
  account_manager: {
    has: ['Centres', 'Aménagements', 'Anomalies', 'Dispenses', 'Fraudes', 'Recours', 'Reports'],
    hasNot: ["Journal d'audit", 'Mon centre'],
  },
  centre_manager: {
    has: [
      'Tableau de bord',
      'Messagerie',
      'Sessions',
      'Candidats',
      'Mon centre',
      'Ma fiche centre',
      'Mes utilisateurs',
      'Tarifs',
    ],
    hasNot: ['Centres'],
  },
  centre_staff: {
    has: ['Sessions', 'Candidats', 'Ma fiche centre', 'Tarifs'],
    hasNot: ['Mes utilisateurs'],
  },
  evaluator: { has: ['Passeport – sessions en cours'], hasNot: ['Tableau de bord', 'Candidats'] },
  teacher: { has: ['Scénarios', 'Évaluations', 'Passeports professionnels'], hasNot: ['Sessions'] },
  learner: { has: ['Mon passeport', 'Mes évaluations', 'Mes résultats'], hasNot: ['Scénarios'] },
}

test.group('Browser | login', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  for (const [role, menu] of Object.entries(MENUS) as [Role, (typeof MENUS)[Role]][]) {
    test(`a ${role} logs in and sees its menu`, async ({ visit, assert }) => {
      const centre = await CentreFactory.create()
      const user = await makeUser(role, role === 'network_admin' ? [] : [centre], {
        firstName: 'Mathilde',
      })
      const page = await visit('/login')
      await logIn(page, user.email, TEST_PASSWORD)
      await page.getByTestId('current-user').waitFor()
      await page.assertTextContains('[data-testid="current-user"]', 'Mathilde')
      const labels = await menuLabels(page)
      assert.includeMembers(labels, menu.has)
      for (const label of menu.hasNot) assert.notInclude(labels, label)
    })
  }

  test('a wrong password shows the error and keeps the email', async ({ visit }) => {
    const user = await makeUser('centre_manager')
    const page = await visit('/login')
    await logIn(page, user.email, 'not-my-password')
    await page.assertTextContains('[role="alert"]', 'Email ou mot de passe incorrect.')
    await page.assertInputValue('input[name="email"]', user.email)
    await page.assertPath('/login')
  })

  test('the 6th failed login is throttled', async ({ visit }) => {
    const user = await makeUser('centre_staff')
    const page = await visit('/login')
    for (let attempt = 1; attempt <= 5; attempt++) {
      await logIn(page, user.email, `wrong-${attempt}-password`)
      await page.assertTextContains('[role="alert"]', 'Email ou mot de passe incorrect.')
    }
    await logIn(page, user.email, TEST_PASSWORD)
    await page.assertTextContains('[role="alert"]', 'Trop de tentatives de connexion')
    await page.assertPath('/login')
  })

  test('a user switches the interface to English and back', async ({ visit }) => {
    const user = await makeUser('centre_manager')
    const page = await visit('/login')
    await page.getByRole('button', { name: 'English' }).click()
    await page.assertTextContains('h1', 'Log in')
    await page.getByLabel('Email').fill(user.email)
    await page.getByLabel('Password').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.assertTextContains('h1', 'Dashboard')
    await page.assertTextContains('[data-testid="main-menu"]', 'My centre')
    await page.getByRole('button', { name: 'Français' }).click()
    await page.assertTextContains('h1', 'Tableau de bord')
  })
})
