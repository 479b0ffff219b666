import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { mkdir } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import ExcelJS from 'exceljs'
import { User } from '#accounts'
import { Division } from '#centres'
import AuditLog from '#shared/audit/audit_log'
import { lastMailTo } from '#shared/mail/mailbox'
import { CentreFactory, makeUser } from '#database/factories/index'
import { assertFieldError, expectStatus } from '#tests/helpers/http'
import { linkInLastMailTo } from '#tests/helpers/mailbox'

const HEADER = ['Type', 'Nom', 'Prénom', 'Email', 'Identifiant externe', 'Classes', 'Groupes']

async function xlsx(name: string, rows: unknown[][]) {
  await mkdir(app.tmpPath('test-fixtures'), { recursive: true })
  const path = app.tmpPath('test-fixtures', name)
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Utilisateurs')
  ;[HEADER, ...rows].forEach((row) => sheet.addRow(row))
  await workbook.xlsx.writeFile(path)
  return path
}

async function setup() {
  const centre = await CentreFactory.merge({ kind: 'training', name: 'Lycée Jules-Verne' }).create()
  const manager = await makeUser('centre_manager', [centre])
  return { centre, manager }
}

const count = async (query: any) => Number((await query.count('* as n'))[0].$extras.n)

test.group('User import', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a file with errors shows every error and writes nothing', async ({ client, assert }) => {
    const { manager } = await setup()
    const before = await count(User.query())
    const path = await xlsx('errors.xlsx', [
      ['Apprenant', 'Bernard', 'Jean-François', 'jf.bernard@example.test', 'A1', 'BTS COM 1'],
      ['Directeur', 'Petit', 'Léa', 'pas-un-email', '', ''],
    ])
    const page = await client
      .post('/imports/users/preview')
      .loginAs(manager)
      .file('file', path)
      .withCsrfToken()
    page.assertTextIncludes('2 erreurs dans le fichier')
    page.assertTextIncludes('Type inconnu : Enseignant ou Apprenant')
    page.assertTextIncludes('Email invalide')
    page.assertTextIncludes('pas-un-email')

    const duplicates = await xlsx('duplicates.xlsx', [
      ['Apprenant', 'Bernard', 'Jean-François', 'jf.bernard@example.test', 'A1', ''],
      ['Apprenant', 'Bernard', 'Jules', 'JF.Bernard@example.test', 'A1', ''],
    ])
    const twice = await client
      .post('/imports/users/preview')
      .loginAs(manager)
      .file('file', duplicates)
      .withCsrfToken()
    twice.assertTextIncludes('2 erreurs dans le fichier')
    twice.assertTextIncludes('En double dans le fichier')
    assert.equal(await count(User.query()), before)
    const apply = await client
      .post('/imports/users/apply')
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    apply.assertFlashMessage(
      'error',
      "Aucun fichier vérifié à importer : envoyez d'abord le fichier."
    )
  })

  test('a clean file creates users with logins and classes; a second import updates and disables', async ({
    client,
    assert,
  }) => {
    const { centre, manager } = await setup()
    const first = await xlsx('first.xlsx', [
      [
        'Enseignant',
        'Martin',
        'Claire',
        'claire.martin@example.test',
        'E1',
        'BTS COM 1, BTS COM 2',
      ],
      ['Apprenant', 'Bernard', 'Jean-François', 'jf.bernard@example.test', 'A1', 'BTS COM 1'],
      ['Apprenant', "N'Diaye-Larochefoucauld", 'Éloïse', 'eloise@example.test', 'A2', 'BTS COM 2'],
    ])
    const preview = await client
      .post('/imports/users/preview')
      .loginAs(manager)
      .file('file', first)
      .withCsrfToken()
    preview.assertTextIncludes('3 utilisateurs créés')
    // Nothing is written by the dry run.
    assert.isNull(await User.findBy('email', 'claire.martin@example.test'))
    const applied = await client
      .post('/imports/users/apply')
      .loginAs(manager)
      .withSession(preview.session())
      .withCsrfToken()
      .redirects(0)
    applied.assertFlashMessage(
      'success',
      'Import terminé : 3 créé(s), 0 mis à jour, 0 désactivé(s).'
    )

    const jf = await User.findByOrFail('email', 'jf.bernard@example.test')
    assert.equal(jf.login, 'jf.bernard')
    assert.equal(jf.role, 'learner')
    assert.equal(
      (await User.findByOrFail('email', 'eloise@example.test')).login,
      'eloise.ndiaye-laroch'
    )
    assert.deepEqual(await User.centreIdsOf(jf.id), [centre.id])
    const bts1 = await Division.query()
      .where('centre_id', centre.id)
      .where('name', 'BTS COM 1')
      .preload('members')
      .firstOrFail()
    assert.sameMembers(
      bts1.members.map((u) => u.email),
      ['claire.martin@example.test', 'jf.bernard@example.test']
    )
    assert.equal(
      (await lastMailTo('jf.bernard@example.test'))?.subject,
      'Votre compte Passerelle a été créé'
    )
    // The links are issued in bulk: each opens its own user's page.
    for (const [email, name] of [
      ['jf.bernard@example.test', 'Jean-François'],
      ['claire.martin@example.test', 'Claire'],
    ]) {
      const { url } = await linkInLastMailTo(email, '/invitations')
      const invitation = await client.get(url)
      invitation.assertTextIncludes(`Bonjour ${name}, choisissez votre mot de passe`)
    }

    // Second import: Jean-François changed email (same external id), Éloïse left, a newcomer.
    const second = await xlsx('second.xlsx', [
      ['Enseignant', 'Martin', 'Claire', 'claire.martin@example.test', 'E1', 'BTS COM 1'],
      [
        'Apprenant',
        'Bernard',
        'Jean-François',
        'jean-francois.bernard@example.test',
        'A1',
        'BTS COM 2',
      ],
      ['Apprenant', 'Roy', 'Zoé', 'zoe.roy@example.test', 'A9', 'BTS COM 1'],
    ])
    const plan = await client
      .post('/imports/users/preview')
      .loginAs(manager)
      .file('file', second)
      .withCsrfToken()
    plan.assertTextIncludes('1 utilisateur créé')
    plan.assertTextIncludes('2 utilisateurs mis à jour')
    plan.assertTextIncludes('1 utilisateur désactivé')
    await client
      .post('/imports/users/apply')
      .loginAs(manager)
      .withSession(plan.session())
      .withCsrfToken()
    await jf.refresh()
    assert.equal(jf.email, 'jean-francois.bernard@example.test')
    assert.equal(await count(User.query().where('external_id', 'A1')), 1)
    const eloise = await User.findByOrFail('email', 'eloise@example.test')
    assert.equal(eloise.status, 'disabled')
    assert.equal(await count(AuditLog.query().where('action', 'users.imported')), 2)
  })

  test('an email of another centre is refused, not taken over', async ({ client }) => {
    const { manager } = await setup()
    const stranger = await makeUser('learner', [await CentreFactory.create()])
    const path = await xlsx('taken.xlsx', [['Apprenant', 'X', 'Y', stranger.email, '', '']])
    const page = await client
      .post('/imports/users/preview')
      .loginAs(manager)
      .file('file', path)
      .withCsrfToken()
    page.assertTextIncludes('Email déjà utilisé par un autre compte')
  })

  test('only managers of training centres import; the template is an xlsx with the columns', async ({
    client,
    assert,
  }) => {
    const { centre, manager } = await setup()
    const template = await client.get('/imports/users/template').loginAs(manager)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(template.body())
    assert.deepEqual((workbook.worksheets[0].getRow(1).values as unknown[]).slice(1), HEADER)
    const examCentre = await CentreFactory.merge({ kind: 'exam' }).create()
    await expectStatus(
      client.get('/imports/users').loginAs(await makeUser('centre_manager', [examCentre])),
      403
    )
    await expectStatus(
      client.get('/imports/users').loginAs(await makeUser('teacher', [centre])),
      403
    )
    await expectStatus(
      client.get('/imports/users').loginAs(await makeUser('centre_staff', [centre])),
      403
    )
    const path = await xlsx('x.xlsx', [['Apprenant', 'X', 'Y', 'x@example.test', '', '']])
    const other = await CentreFactory.merge({ kind: 'training' }).create()
    await expectStatus(
      client
        .post('/imports/users/preview')
        .loginAs(manager)
        .field('centre_id', String(other.id))
        .file('file', path)
        .withCsrfToken(),
      404
    )
  })
})

test.group('User import | file', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a file that is not a spreadsheet is refused by its content', async ({ client }) => {
    const { writeFile } = await import('node:fs/promises')
    const { manager } = await setup()
    await mkdir(app.tmpPath('test-fixtures'), { recursive: true })
    const path = app.tmpPath('test-fixtures', 'photo.xlsx')
    await writeFile(
      path,
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01])
    )
    const response = await client
      .post('/imports/users/preview')
      .loginAs(manager)
      .file('file', path)
      .withCsrfToken()
      .redirects(0)
    assertFieldError(response, 'file', 'Le fichier doit être un classeur xlsx ou un csv.')
  })
})

test.group('User import | groups of learners', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('learners join groups of their first class; a re-import moves them; a group needs a class', async ({
    client,
    assert,
  }) => {
    const LearnerGroupModel = (await import('#centres/models/learner_group')).default
    const { manager } = await setup()
    const first = await xlsx('groups-1.xlsx', [
      ['Apprenant', 'Roy', 'Zoé', 'zoe.roy@example.test', 'A9', 'BTS COM 1', 'Groupe A'],
      [
        'Apprenant',
        'Petit',
        'Léo',
        'leo.petit@example.test',
        'A8',
        'BTS COM 1',
        'Groupe A, Groupe B',
      ],
    ])
    const preview = await client
      .post('/imports/users/preview')
      .loginAs(manager)
      .file('file', first)
      .withCsrfToken()
    await client
      .post('/imports/users/apply')
      .loginAs(manager)
      .withSession(preview.session())
      .withCsrfToken()
    const groupA = await LearnerGroupModel.query()
      .where('name', 'Groupe A')
      .preload('members')
      .firstOrFail()
    assert.sameMembers(
      groupA.members.map((u) => u.email),
      ['zoe.roy@example.test', 'leo.petit@example.test']
    )

    const page = await client.get('/classes').loginAs(manager)
    page.assertTextIncludes('Groupe A, Groupe B')

    const second = await xlsx('groups-2.xlsx', [
      ['Apprenant', 'Roy', 'Zoé', 'zoe.roy@example.test', 'A9', 'BTS COM 1', 'Groupe B'],
      ['Apprenant', 'Petit', 'Léo', 'leo.petit@example.test', 'A8', 'BTS COM 1', ''],
    ])
    const plan = await client
      .post('/imports/users/preview')
      .loginAs(manager)
      .file('file', second)
      .withCsrfToken()
    await client
      .post('/imports/users/apply')
      .loginAs(manager)
      .withSession(plan.session())
      .withCsrfToken()
    const groupB = await LearnerGroupModel.query()
      .where('name', 'Groupe B')
      .preload('members')
      .firstOrFail()
    assert.deepEqual(
      groupB.members.map((u) => u.email),
      ['zoe.roy@example.test']
    )
    await groupA.load('members')
    assert.lengthOf(groupA.members, 0)

    const orphan = await xlsx('groups-3.xlsx', [
      ['Apprenant', 'Roy', 'Zoé', 'zoe.roy@example.test', 'A9', '', 'Groupe B'],
    ])
    const refused = await client
      .post('/imports/users/preview')
      .loginAs(manager)
      .file('file', orphan)
      .withCsrfToken()
    refused.assertTextIncludes('Un groupe demande une classe')
  })
})

test.group('User import | conflicts', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("an external id matched to one user with another user's email is an error, not a crash", async ({
    client,
    assert,
  }) => {
    const { manager } = await setup()
    const first = await xlsx('conflict-1.xlsx', [
      ['Apprenant', 'Roy', 'Zoé', 'zoe.roy@example.test', 'A9', '', ''],
      ['Apprenant', 'Petit', 'Léo', 'leo.petit@example.test', 'A8', '', ''],
    ])
    const preview = await client
      .post('/imports/users/preview')
      .loginAs(manager)
      .file('file', first)
      .withCsrfToken()
    await client
      .post('/imports/users/apply')
      .loginAs(manager)
      .withSession(preview.session())
      .withCsrfToken()

    const second = await xlsx('conflict-2.xlsx', [
      ['Apprenant', 'Roy', 'Zoé', 'leo.petit@example.test', 'A9', '', ''],
    ])
    const page = await client
      .post('/imports/users/preview')
      .loginAs(manager)
      .file('file', second)
      .withCsrfToken()
    page.assertStatus(200)
    page.assertTextIncludes('Email déjà utilisé par un autre compte')
    assert.equal((await User.findByOrFail('external_id', 'A9')).email, 'zoe.roy@example.test')
  })
})
