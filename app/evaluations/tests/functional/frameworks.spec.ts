import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import ExcelJS from 'exceljs'
import AuditLog from '#shared/audit/audit_log'
import Framework from '#evaluations/models/framework'
import FrameworkVersion from '#evaluations/models/framework_version'
import { FRAMEWORK_COLUMNS } from '#evaluations/services/framework_import'
import { CentreFactory, makeUser } from '#database/factories/index'
import { assertFieldError, expectStatus } from '#tests/helpers/http'
import { fixture } from '#tests/helpers/files'

type Line = (string | undefined)[]

/** A framework file as an admin would fill it: the header, then one row per situation-competence. */
async function workbook(name: string, lines: Line[]) {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('Référentiel')
  sheet.addRow(FRAMEWORK_COLUMNS.map((c) => c.header))
  for (const line of lines) sheet.addRow(line)
  return fixture(name, Buffer.from(await book.xlsx.writeBuffer()))
}

const GOOD: Line[] = [
  [
    'P1',
    'Conseil',
    'S11',
    'Relation annonceur',
    'S111',
    "Prise en charge du dossier de l'annonceur",
    'C11.1',
    'Prendre en charge le dossier',
    'E6',
    'N',
    'Budget contraint; Multi-sites',
    'Brief incomplet',
  ],
  [
    'P1',
    'Conseil',
    'S13',
    'Solutions de communication',
    'S131',
    'Élaboration de messages',
    'C13.1',
    'Concevoir des messages',
    'E6',
    'N',
    '',
    'Délai raccourci',
  ],
  [
    'P1',
    'Conseil',
    'S13',
    'Solutions de communication',
    'S131',
    'Élaboration de messages',
    'C11.1',
    'Prendre en charge le dossier',
    'E6',
    'N',
    'Budget contraint; Multi-sites',
    'Brief incomplet',
  ],
  [
    'P3',
    'Veille',
    'S32',
    'Études et veille',
    'S322',
    "Réalisation d'une étude ponctuelle",
    'C32.2',
    'Conduire une étude ponctuelle',
    'E5',
    'O',
    '',
    '',
  ],
]

test.group('Evaluations · competency frameworks', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a broken file gives a report row by row and writes nothing', async ({ client, assert }) => {
    const admin = await makeUser('network_admin')
    const file = await workbook('broken.xlsx', [
      [
        'P1',
        'Conseil',
        'S11',
        'Relation annonceur',
        'S1111',
        'Trop long',
        'C11.1',
        'Prendre en charge',
        'E6',
      ],
      [
        'P1',
        'Conseil',
        'S11',
        'Relation annonceur',
        'S111',
        'Prise en charge',
        'C11.1',
        'Prendre en charge',
        'E9',
      ],
      [
        'P1',
        'Autre intitulé',
        'S11',
        'Relation annonceur',
        'S112',
        'Analyse',
        'C11.2',
        'Analyser',
        'E6',
      ],
      [
        'P1',
        'Conseil',
        'S11',
        'Relation annonceur',
        'S113',
        'Trois',
        'C11.1',
        'Prendre en charge',
        'E6',
      ],
      ['P1', 'Conseil', 'S11', 'Relation annonceur', 'S113', 'Trois', 'C11.2', 'Analyser', 'E6'],
      ['P1', 'Conseil', 'S11', 'Relation annonceur', 'S113', 'Trois', 'C11.3', 'Troisième', 'E6'],
    ])
    const report = await client
      .post('/frameworks')
      .loginAs(admin)
      .field('code', 'bts-com')
      .field('name', 'BTS Communication')
      .file('file', file)
      .withCsrfToken()
    report.assertTextIncludes('Rien n&#x27;a été enregistré')
    report.assertTextIncludes('Code au mauvais format')
    report.assertTextIncludes('Épreuve inconnue : E4, E5 ou E6.')
    report.assertTextIncludes('Ce code est déjà décrit autrement plus haut dans le fichier.')
    report.assertTextIncludes('Une situation se rattache à deux compétences au plus.')
    assert.lengthOf(await Framework.all(), 0)
    assert.lengthOf(await db.from('competences'), 0)
  })

  test('a good file creates the tree; E5 competences are shown as assessed elsewhere', async ({
    client,
    assert,
  }) => {
    const admin = await makeUser('network_admin')
    const created = await client
      .post('/frameworks')
      .loginAs(admin)
      .field('code', 'bts-com')
      .field('name', 'BTS Communication')
      .file('file', await workbook('good.xlsx', GOOD))
      .withCsrfToken()
      .redirects(0)
    const framework = await Framework.findByOrFail('code', 'BTS-COM')
    const version = await FrameworkVersion.findByOrFail('framework_id', framework.id)
    assert.equal(created.header('location'), `/frameworks/${framework.id}?version=${version.id}`)
    created.assertFlashMessage(
      'success',
      'Version 1 importée : 2 pôles, 3 classes, 3 situations, 3 compétences.'
    )
    const page = await client.get(`/frameworks/${framework.id}`).loginAs(admin)
    page.assertTextIncludes('S131')
    page.assertTextIncludes('Élaboration de messages')
    assert.match(
      page.text(),
      /class="competence-elsewhere" data-testid="competence" data-elsewhere="yes">\s*<strong>C32\.2<\/strong>/
    )
    page.assertTextIncludes('Budget contraint · Multi-sites')
    // S131 maps to two competences.
    const mapped = await db
      .from('situation_competences')
      .join('situations', 'situations.id', 'situation_competences.situation_id')
      .where('situations.code', 'S131')
    assert.lengthOf(mapped, 2)
    const audit = await AuditLog.findByOrFail('action', 'framework.imported')
    assert.equal((audit.after as any).version, 1)
  })

  test('a known code imports a new version; the old one stays; versions are assigned to centres', async ({
    client,
    assert,
  }) => {
    const admin = await makeUser('network_admin')
    const nantes = await CentreFactory.create()
    const lyon = await CentreFactory.create()
    for (const name of ['v1.xlsx', 'v2.xlsx'])
      await client
        .post('/frameworks')
        .loginAs(admin)
        .field('code', 'BTS-COM')
        .field('name', 'BTS Communication')
        .file('file', await workbook(name, name === 'v1.xlsx' ? GOOD : GOOD.slice(0, 2)))
        .withCsrfToken()
    const framework = await Framework.findByOrFail('code', 'BTS-COM')
    const [v1, v2] = await FrameworkVersion.query()
      .where('framework_id', framework.id)
      .orderBy('version')
    assert.equal(v2.version, 2)
    assert.lengthOf(await db.from('competences').where('version_id', v1.id), 3)
    assert.lengthOf(await db.from('competences').where('version_id', v2.id), 2)

    await client
      .put(`/frameworks/${framework.id}/assignments`)
      .loginAs(admin)
      .form({ 'version_id': v1.id, 'centres[]': [nantes.id, lyon.id] })
      .withCsrfToken()
    await client
      .put(`/frameworks/${framework.id}/assignments`)
      .loginAs(admin)
      .form({ 'version_id': v2.id, 'centres[]': String(lyon.id) })
      .withCsrfToken()
    const rows = await db.from('centre_frameworks').orderBy('centre_id')
    assert.deepEqual(
      rows.map((r) => [Number(r.centre_id), Number(r.version_id)]),
      [
        [nantes.id, v1.id],
        [lyon.id, v2.id],
      ]
    )
    const list = await client.get('/frameworks').loginAs(admin)
    list.assertTextIncludes('BTS Communication')
  })

  test('the JSON format is read by the same rules; a malformed file is refused cleanly', async ({
    client,
    assert,
  }) => {
    const admin = await makeUser('network_admin')
    const rows = GOOD.map((line) =>
      Object.fromEntries(FRAMEWORK_COLUMNS.map((c, i) => [c.key, line[i] ?? '']))
    )
    await client
      .post('/frameworks')
      .loginAs(admin)
      .field('code', 'CQP')
      .field('name', 'CQP Vendeur')
      .file('file', await fixture('framework.json', Buffer.from(JSON.stringify({ rows }))), {
        filename: 'framework.json',
      })
      .withCsrfToken()
    const framework = await Framework.findByOrFail('code', 'CQP')
    assert.lengthOf(
      await db
        .from('situations')
        .whereIn(
          'version_id',
          db.from('framework_versions').where('framework_id', framework.id).select('id')
        ),
      3
    )
    const broken = await client
      .post('/frameworks')
      .loginAs(admin)
      .field('code', 'CQP2')
      .field('name', 'CQP cassé')
      .file('file', await fixture('broken.json', Buffer.from('{"rows": [')), {
        filename: 'broken.json',
      })
      .withCsrfToken()
    broken.assertTextIncludes('Fichier illisible')
    assert.isNull(await Framework.findBy('code', 'CQP2'))

    // A formula is refused as it is in a spreadsheet.
    const formula = rows.map((row, i) =>
      i === 1 ? { ...row, competence: '=HYPERLINK("http://evil.example","C")' } : row
    )
    const refused = await client
      .post('/frameworks')
      .loginAs(admin)
      .field('code', 'CQP3')
      .field('name', 'CQP formule')
      .file('file', await fixture('formula.json', Buffer.from(JSON.stringify({ rows: formula }))), {
        filename: 'formula.json',
      })
      .withCsrfToken()
    refused.assertTextIncludes('Les formules ne sont pas acceptées')
    refused.assertTextIncludes('=HYPERLINK(&quot;http://evil.example&quot;,&quot;C&quot;)')
    assert.isNull(await Framework.findBy('code', 'CQP3'))
  })

  test("a file over the frameworks' 2 MB cap is refused with that figure", async ({
    client,
    assert,
  }) => {
    const admin = await makeUser('network_admin')
    const header = FRAMEWORK_COLUMNS.map((c) => c.header).join(';')
    const big = Buffer.from(
      header + '\n' + 'P1;Pôle;S11;Classe;S111;Situation;C11.1;C;E4\n'.repeat(70_000)
    )
    const refused = await client
      .post('/frameworks')
      .loginAs(admin)
      .header('referer', '/frameworks/import')
      .field('code', 'BIG')
      .field('name', 'Trop gros')
      .file('file', await fixture('big.csv', big))
      .withCsrfToken()
      .redirects(0)
    assertFieldError(refused, 'file', 'Le fichier dépasse 2 Mo.')
    assert.isNull(await Framework.findBy('code', 'BIG'))
  })

  test('stricter cells: yes/no words, E5 assessed elsewhere by default, JSON types, shifted csv rows', async ({
    client,
    assert,
  }) => {
    const admin = await makeUser('network_admin')
    const file = await workbook('flags.xlsx', [
      [
        'P3',
        'Veille',
        'S32',
        'Études',
        'S321',
        'Mise en place',
        'C32.1',
        'Organiser une veille',
        'E5',
        '',
        '',
        '',
      ],
      [
        'P3',
        'Veille',
        'S32',
        'Études',
        'S322',
        'Étude',
        'C32.2',
        'Conduire une étude',
        'E6',
        'Oops',
        '',
        '',
      ],
    ])
    const report = await client
      .post('/frameworks')
      .loginAs(admin)
      .field('code', 'FLAGS')
      .field('name', 'Drapeaux')
      .file('file', file)
      .withCsrfToken()
    report.assertTextIncludes('Oops')
    await client
      .post('/frameworks')
      .loginAs(admin)
      .field('code', 'FLAGS')
      .field('name', 'Drapeaux')
      .file('file', await workbook('flags-ok.xlsx', [GOOD[3].map((v, i) => (i === 9 ? '' : v))]))
      .withCsrfToken()
    const e5 = await db.from('competences').where('code', 'C32.2').firstOrFail()
    assert.isTrue(Boolean(e5.assessed_elsewhere))

    const json = JSON.stringify({
      rows: [
        {
          ...Object.fromEntries(FRAMEWORK_COLUMNS.map((c, i) => [c.key, GOOD[0][i] ?? ''])),
          pole: { evil: 1 },
        },
      ],
    })
    const typed = await client
      .post('/frameworks')
      .loginAs(admin)
      .field('code', 'TYPED')
      .field('name', 'Types')
      .file('file', await fixture('typed.json', Buffer.from(json)), { filename: 'typed.json' })
      .withCsrfToken()
    typed.assertTextIncludes('Valeur invalide')
    assert.isNull(await Framework.findBy('code', 'TYPED'))

    // A file without the optional last column (Rattachements), as most are.
    const header = FRAMEWORK_COLUMNS.filter((c) => c.key !== 'links')
      .map((c) => c.header)
      .join(';')
    const shifted = `${header}\nP1;Conseil;S11;Relation;S111;Prise en charge;C11.1;Prendre en charge;E6;N;Budget contraint; Multi-sites;Brief incomplet\n`
    const csv = await client
      .post('/frameworks')
      .loginAs(admin)
      .field('code', 'CSV')
      .field('name', 'Csv')
      .file('file', await fixture('shifted.csv', Buffer.from(shifted)), { filename: 'shifted.csv' })
      .withCsrfToken()
    csv.assertTextIncludes('Valeur au-delà de la dernière colonne')
    assert.isNull(await Framework.findBy('code', 'CSV'))
  })

  test('a situation may be attached to competences of another framework (Rattachements); a bad link is reported', async ({
    client,
    assert,
  }) => {
    const admin = await makeUser('network_admin')
    const row = (links: string[]) => ({
      ...Object.fromEntries(FRAMEWORK_COLUMNS.map((c, i) => [c.key, GOOD[0][i] ?? ''])),
      links,
    })
    const send = (code: string, rows: unknown[]) =>
      client
        .post('/frameworks')
        .loginAs(admin)
        .field('code', code)
        .field('name', code)
        .file('file', Buffer.from(JSON.stringify({ rows })), { filename: `${code}.json` })
        .withCsrfToken()
    const bad = await send('LINKS-BAD', [row(['CQP VENTE C21.1'])])
    bad.assertTextIncludes('Rattachement au mauvais format')
    assert.isNull(await Framework.findBy('code', 'LINKS-BAD'))

    await send('LINKS', [row(['cqp-vente : c21.1', 'CQP-VENTE:C22.1'])])
    const framework = await Framework.findByOrFail('code', 'LINKS')
    const situation = await db
      .from('situations')
      .join('framework_versions', 'framework_versions.id', 'situations.version_id')
      .where('framework_versions.framework_id', framework.id)
      .select('situations.id')
      .firstOrFail()
    const links = await db.from('situation_links').where('situation_id', situation.id).orderBy('id')
    assert.deepEqual(
      links.map((l) => `${l.framework_code}:${l.competence_code}`),
      ['CQP-VENTE:C21.1', 'CQP-VENTE:C22.1']
    )
  })

  test('only the network admin reaches the frameworks', async ({ client }) => {
    const centre = await CentreFactory.create()
    const framework = await Framework.create({ code: 'X', name: 'X' })
    for (const role of [
      'account_manager',
      'centre_manager',
      'centre_staff',
      'teacher',
      'learner',
    ] as const) {
      const user = await makeUser(role, [centre])
      await expectStatus(client.get('/frameworks').loginAs(user), 403)
      await expectStatus(client.get('/frameworks/import').loginAs(user), 403)
      await expectStatus(client.get(`/frameworks/${framework.id}`).loginAs(user), 403)
      await expectStatus(
        client.post('/frameworks').loginAs(user).form({ code: 'Y', name: 'Yyy' }).withCsrfToken(),
        403
      )
      await expectStatus(
        client
          .put(`/frameworks/${framework.id}/assignments`)
          .loginAs(user)
          .form({ version_id: 1 })
          .withCsrfToken(),
        403
      )
    }
  })
})
