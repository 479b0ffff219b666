import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { mkdir, writeFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import { User } from '#accounts'
import { CentreFactory, TEST_PASSWORD, makeUser } from '#database/factories/index'
import { logIn } from '#tests/browser/helpers'

async function csv(name: string, lines: string[]) {
  await mkdir(app.tmpPath('test-fixtures'), { recursive: true })
  const path = app.tmpPath('test-fixtures', name)
  await writeFile(
    path,
    '\uFEFF' + ['Type;Nom;Prénom;Email;Identifiant externe;Classes', ...lines].join('\r\n')
  )
  return path
}

test.group('Browser | user import', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('errors are reported and nothing written; a clean file creates users; a second import updates them', async ({
    visit,
    assert,
  }) => {
    const centre = await CentreFactory.merge({ kind: 'training' }).create()
    const manager = await makeUser('centre_manager', [centre])
    const page = await visit('/login')
    await logIn(page, manager.email, TEST_PASSWORD)
    await page.getByTestId('current-user').waitFor()
    await page.goto('/users')
    await page.getByRole('link', { name: 'Importer des utilisateurs' }).click()

    await page.setInputFiles(
      '#f-file',
      await csv('bad.csv', ['Apprenant;Roy;Zoé;zoe-at-example;;BTS 1'])
    )
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click()
    await page.getByTestId('import-errors').waitFor()
    await page.assertTextContains('[data-testid="import-error"]', 'Email invalide')
    assert.isNull(await User.findBy('last_name', 'Roy'))

    await page.getByRole('link', { name: 'Envoyer un fichier corrigé' }).click()
    await page.setInputFiles(
      '#f-file',
      await csv('good.csv', ['Apprenant;Roy;Zoé;zoe.roy@example.test;A9;BTS 1'])
    )
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click()
    await page.assertTextContains('[data-testid="import-plan"]', '1 utilisateur créé')
    await page.getByRole('button', { name: 'Importer' }).click()
    await page.assertTextContains(
      '.flash-success',
      'Import terminé : 1 créé(s), 0 mis à jour, 0 désactivé(s).'
    )
    await page.assertTextContains('#users-table', 'ROY')

    await page.goto('/imports/users')
    await page.setInputFiles(
      '#f-file',
      await csv('again.csv', ['Apprenant;Roy-Martin;Zoé;zoe.roy@example.test;A9;BTS 2'])
    )
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click()
    await page.assertTextContains('[data-testid="import-plan"]', '1 utilisateur mis à jour')
    await page.getByRole('button', { name: 'Importer' }).click()
    await page.assertTextContains('.flash-success', '0 créé(s), 1 mis à jour')
    const zoe = await User.findByOrFail('email', 'zoe.roy@example.test')
    assert.equal(zoe.lastName, 'Roy-Martin')
  })
})
