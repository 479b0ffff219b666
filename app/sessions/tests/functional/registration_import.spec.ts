import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import app from '@adonisjs/core/services/app'
import { mkdir, writeFile } from 'node:fs/promises'
import ExcelJS from 'exceljs'
import { DateTime } from 'luxon'
import { Candidate } from '#candidates'
import { Registration } from '#sessions'
import { CentreFactory, makeCandidate, makeSession, makeUser } from '#database/factories/index'
import { assertRedirect } from '#tests/helpers/http'

const HEADER = [
  'Nom',
  'Prénom',
  'Date de naissance',
  'Genre F (femme) H (homme) N (non binaire)',
  'Langue maternelle',
  'email',
  'Nationalité',
  'Motivation',
  "numéro Pièce d'identité",
  'CE Inscription O (oui) N (non)',
  'CO Inscription O (oui) N (non)',
  'EE Inscription O (oui) N (non)',
  'EO Inscription O (oui) N (non)',
]

async function xlsx(name: string, rows: unknown[][]) {
  await mkdir(app.tmpPath('test-fixtures'), { recursive: true })
  const path = app.tmpPath('test-fixtures', name)
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Candidats')
  sheet.addRow(HEADER)
  for (const row of rows) sheet.addRow(row)
  await workbook.xlsx.writeFile(path)
  return path
}

const row = (
  last: string,
  first: string,
  birth: string,
  email: string,
  tests = ['O', 'O', 'N', 'O']
) => [
  last,
  first,
  birth,
  'F',
  'ARA_arabe',
  email,
  'DZ_Algérie',
  'CAN_Immigration au Canada',
  '123456',
  ...tests,
]

test.group('Sessions · registration by spreadsheet', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the template has the seed columns, the session tests and drop-down lists', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    const session = await makeSession(centre)
    const response = await client.get(`/sessions/${session.id}/import/template`).loginAs(staff)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(response.body() as any)
    const sheet = workbook.getWorksheet('Candidats')!
    assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), HEADER)
    assert.equal(sheet.getCell('D2').dataValidation?.type, 'list')
    assert.equal(sheet.getCell('E2').dataValidation?.type, 'list')
    assert.equal(sheet.getCell('J2').dataValidation?.type, 'list')
    const lists = workbook.getWorksheet('Listes')!
    const languages = lists.getColumn(1).values as unknown[]
    assert.include(languages, 'ARA_arabe')
    assert.include(lists.getColumn(2).values as unknown[], 'DZ_Algérie')
    assert.isNull(sheet.getCell('A2').value, 'no example row to import by mistake')
  })

  test('a file with errors gives a report by row and column, and writes nothing', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    const session = await makeSession(centre)
    const path = await xlsx('bad-registrations.xlsx', [
      row('Dupont', 'Marcel', '01/01/1965', 'marcel@example.test'),
      [
        'Durand',
        '',
        '31/02/1990',
        'X',
        'KLINGON_x',
        'pas-un-mail',
        'ZZ_Nulle part',
        'Z_?',
        '',
        'O',
        'N',
        'N',
        'peut-être',
      ],
      row('Dupont', 'Marcel', '1965-01-01', 'autre@example.test'),
      row('Petit', 'Léa', '12/12/2001', 'lea@example.test', ['N', 'N', 'N', 'N']),
    ])
    const response = await client
      .post(`/sessions/${session.id}/import/preview`)
      .loginAs(staff)
      .file('file', path)
      .withCsrfToken()
    response.assertTextIncludes('Corrigez le fichier')
    const text = response.text()
    for (const expected of [
      'Valeur obligatoire manquante',
      'Date invalide',
      'F, H ou N.',
      'Code inconnu',
      'Email invalide',
      'O (oui) ou N (non).',
      'Ce candidat figure deux fois dans le fichier.',
      'Aucune épreuve choisie',
    ])
      assert.include(text, expected)
    assert.lengthOf(await Registration.query().where('session_id', session.id), 0)
    assert.lengthOf(await Candidate.query().where('centre_id', centre.id), 0)
    const apply = await client
      .post(`/sessions/${session.id}/import/apply`)
      .loginAs(staff)
      .withCsrfToken()
      .redirects(0)
    assertRedirect(apply, `/sessions/${session.id}/import`)
  })

  test('a clean file registers everyone in one go, reusing known candidates', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    const session = await makeSession(centre, { seats: 300 })
    const known = await makeCandidate(centre, {
      lastName: 'Dupont',
      firstName: 'Marcel',
      birthDate: DateTime.utc(1965, 1, 1),
      email: null,
    })
    const rows = [row('DUPONT', 'marcel', '01/01/1965', 'marcel.dupont@example.test')]
    for (let i = 0; i < 199; i++)
      rows.push(
        row(`Nom${i}`, `Prénom${i}`, '15/06/1990', `c${i}@example.test`, ['O', 'N', 'N', 'N'])
      )
    const path = await xlsx('good-registrations.xlsx', rows)
    const preview = await client
      .post(`/sessions/${session.id}/import/preview`)
      .loginAs(staff)
      .file('file', path)
      .withCsrfToken()
    preview.assertTextIncludes('200 candidats seront inscrits')
    preview.assertTextIncludes('dont 199 nouveaux dossiers candidats')
    assert.lengthOf(
      await Registration.query().where('session_id', session.id),
      0,
      'preview writes nothing'
    )

    const apply = await client
      .post(`/sessions/${session.id}/import/apply`)
      .loginAs(staff)
      .withSession(preview.session())
      .withCsrfToken()
      .redirects(0)
    assertRedirect(apply, `/sessions/${session.id}`)
    const registrations = await Registration.query()
      .where('session_id', session.id)
      .preload('tests')
      .orderBy('number')
    assert.lengthOf(registrations, 200)
    assert.equal(registrations[0].candidateId, known.id)
    assert.sameMembers(
      registrations[0].tests.map((t) => t.testCode),
      ['CE', 'CO', 'EO']
    )
    assert.equal(registrations[0].channel, 'import')
    const created = await Candidate.findByOrFail('email', 'c7@example.test')
    assert.equal(created.civility, 'mme')
    assert.equal(created.nationality, 'DZ')
    assert.equal(created.motherTongue, 'ar')
    assert.equal(created.examStatus, 'planned')

    // The same file again: everyone is already registered.
    const again = await client
      .post(`/sessions/${session.id}/import/preview`)
      .loginAs(staff)
      .file('file', path)
      .withCsrfToken()
    again.assertTextIncludes('Ce candidat est déjà inscrit à la session.')
  })

  test('a csv file works too; seats left are checked', async ({ client, assert }) => {
    const centre = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    const session = await makeSession(centre, { seats: 1 })
    await mkdir(app.tmpPath('test-fixtures'), { recursive: true })
    const path = app.tmpPath('test-fixtures', 'registrations.csv')
    const lines = [
      HEADER,
      row('Un', 'A', '01/01/1990', 'a@example.test'),
      row('Deux', 'B', '01/01/1991', 'b@example.test'),
    ]
    await writeFile(path, lines.map((l) => l.join(';')).join('\n'))
    const response = await client
      .post(`/sessions/${session.id}/import/preview`)
      .loginAs(staff)
      .file('file', path)
      .withCsrfToken()
    response.assertTextIncludes('Plus de candidats que de places restantes')
    response.assertTextIncludes('2 / 1')
    assert.lengthOf(await Registration.query().where('session_id', session.id), 0)
  })

  test('the default mother tongue and nationality of the template fill the empty cells', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    const session = await makeSession(centre)
    const template = await client.get(`/sessions/${session.id}/import/template`).loginAs(staff)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(template.body() as any)
    const sheet = workbook.getWorksheet('Candidats')!
    sheet.addRow([
      'Moreau',
      'Lina',
      '05/05/2000',
      'F',
      '',
      'lina@example.test',
      '',
      '',
      '',
      'O',
      'N',
      'N',
      'N',
    ])
    sheet.addRow([
      'Girard',
      'Noé',
      '06/06/2001',
      'H',
      'ENG_anglais',
      'noe@example.test',
      'CA_Canada',
      '',
      '',
      'O',
      'N',
      'N',
      'N',
    ])
    const defaults = workbook.getWorksheet('Valeurs par défaut')!
    defaults.getCell('B2').value = 'ARA_arabe'
    defaults.getCell('B3').value = 'MA_Maroc'
    await mkdir(app.tmpPath('test-fixtures'), { recursive: true })
    const path = app.tmpPath('test-fixtures', 'defaults.xlsx')
    await workbook.xlsx.writeFile(path)
    const preview = await client
      .post(`/sessions/${session.id}/import/preview`)
      .loginAs(staff)
      .file('file', path)
      .withCsrfToken()
    preview.assertTextIncludes('2 candidats seront inscrits')
    await client
      .post(`/sessions/${session.id}/import/apply`)
      .loginAs(staff)
      .withSession(preview.session())
      .withCsrfToken()
    const lina = await Candidate.findByOrFail('email', 'lina@example.test')
    assert.equal(lina.motherTongue, 'ar')
    assert.equal(lina.nationality, 'MA')
    const noe = await Candidate.findByOrFail('email', 'noe@example.test')
    assert.equal(noe.motherTongue, 'en')
    assert.equal(noe.nationality, 'CA')
  })
})
