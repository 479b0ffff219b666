import { test } from '@japa/runner'
import type { ApiResponse } from '@japa/api-client'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import ExcelJS from 'exceljs'
import { DateTime } from 'luxon'
import { Group } from '#centres'
import { assignCredit } from '#orders'
import { registerCandidates } from '#sessions/services/registrations'
import RegistrationRequest from '#sessions/models/registration_request'
import SessionAnomaly from '#sessions/models/session_anomaly'
import {
  CentreFactory,
  makeCandidate,
  makeCreditProduct,
  makeCreditStock,
  makeDivision,
  makeSession,
  makeUser,
} from '#database/factories/index'
import { csvRows, readZip } from '#tests/helpers/files'
import { getRoutesWhoseHandler } from '#tests/helpers/routes'

/**
 * Formula injection, read back through the real exports: records whose
 * user-typed text starts with = + - @, a tab or a carriage return are exported
 * as csv and xlsx by the users allowed to, and every such cell comes back
 * neutralised the way the writer does it (app/shared/spreadsheets/writer.ts:
 * a leading apostrophe, so that the spreadsheet keeps it as text); no xlsx
 * cell is a formula; a real negative number stays a number.
 */

/** What the writer neutralises: a text cell starting with one of these. */
const DANGEROUS = /^[=+\-@\t\r]/
const neutralised = (text: string) => `'${text}`
/** A number as the csv writer prints it (French Excel: a decimal comma). */
const NUMBER = /^-?\d+(,\d+)?$/

const HYPERLINK = '=HYPERLINK("http://evil","x")'

async function world() {
  const centre = await CentreFactory.merge({
    name: '-Centre formule',
    city: '+Lyon',
    kind: 'both',
  }).create()
  const admin = await makeUser('network_admin')
  const manager = await makeUser('centre_manager', [centre])
  const accountManager = await makeUser('account_manager', [centre], {
    firstName: '=Acc',
    lastName: 'Manager',
  })
  await makeUser('centre_staff', [centre], { firstName: '@SUM(A1)', lastName: '-2+3' })
  const learner = await makeUser('learner', [centre], { firstName: '\tLea', lastName: '=1+1' })
  const division = await makeDivision(centre, 'Classe', [learner])

  const hyperlink = await makeCandidate(centre, {
    lastName: HYPERLINK,
    firstName: '+1+1',
    email: '-2+3@example.test',
  })
  const tab = await makeCandidate(centre, { lastName: '@SUM(A1)', firstName: '\tTab' })
  await makeCandidate(centre, { lastName: '\rCr', firstName: '-2+3' })
  const coded = await makeCandidate(centre, { lastName: '+Code', firstName: '=Zoé' })
  const group = await Group.create({
    centreId: centre.id,
    name: "+cmd|' /C calc'!A0",
    category: 'other',
  })
  await db.table('candidate_group').insert({
    candidate_id: hyperlink.id,
    group_id: group.id,
    created_at: DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss'),
  })

  const session = await makeSession(centre)
  await session.merge({ place: '-1+1' }).save()
  const [registration] = await registerCandidates(null, session.id, [
    { candidate: hyperlink, input: { tests: ['CE', 'CO', 'EE', 'EO'], channel: 'on_site' } },
    { candidate: tab, input: { tests: ['CE'], channel: 'on_site' } },
  ])
  await session.merge({ status: 'in_correction' }).save()
  // A real negative number (the file's score) and a typed exam type, after the registration's summary.
  await hyperlink.merge({ examScore: -2, examType: '=2+2' }).save()
  await RegistrationRequest.create({
    kind: 'postponement',
    centreId: centre.id,
    sessionId: session.id,
    registrationId: registration.id,
    candidateId: hyperlink.id,
    status: 'submitted',
    description: '@malade',
  })
  await SessionAnomaly.create({
    sessionId: session.id,
    centreId: centre.id,
    registrationId: registration.id,
    kind: 'identity',
    description: HYPERLINK,
    status: 'submitted',
    submittedAt: DateTime.utc(),
  })

  const product = await makeCreditProduct({ name: '@SUM(1)', type: 'mock_manual' })
  await makeCreditStock(centre, 2, product, admin)
  await assignCredit(manager, coded.id, { type: 'mock_manual' })

  return {
    actors: { admin, manager, accountManager },
    ids: {
      group: group.id,
      division: division.id,
      session: session.id,
      coded: coded.id,
    },
  }
}

type World = Awaited<ReturnType<typeof world>>

interface Exported {
  route: string
  url: (ids: World['ids'], format: 'csv' | 'xlsx') => string
  as: keyof World['actors']
  /** Cells that must come back exactly so (neutralised text). */
  cells: string[]
  /** Only an xlsx (the import templates). */
  xlsxOnly?: boolean
}

const NAME = HYPERLINK.toUpperCase()

/** Every export and template that writes user-typed text (see the last test). */
const EXPORTS: Exported[] = [
  {
    route: 'GET /users/export/:format',
    url: (_ids, format) => `/users/export/${format}`,
    as: 'admin',
    cells: [neutralised('-2+3'), neutralised('@SUM(A1)'), neutralised('=1+1'), "'\tLea"],
  },
  {
    route: 'GET /candidates/export/:format',
    url: (_ids, format) => `/candidates/export/${format}`,
    as: 'manager',
    cells: [
      neutralised(`${NAME} +1+1`),
      neutralised('-2+3@example.test'),
      neutralised('=2+2'),
      neutralised('@SUM(A1) \tTab'),
      neutralised('\rCR -2+3'),
    ],
  },
  {
    route: 'GET /groups/:id/candidates/export/:format',
    url: (ids, format) => `/groups/${ids.group}/candidates/export/${format}`,
    as: 'manager',
    cells: [neutralised(`${NAME} +1+1`), neutralised("+cmd|' /C calc'!A0")],
  },
  {
    route: 'GET /centres/export/:format',
    url: (_ids, format) => `/centres/export/${format}`,
    as: 'admin',
    cells: [neutralised('-Centre formule'), neutralised('+Lyon'), neutralised('=Acc MANAGER')],
  },
  {
    route: 'GET /groups/export/:format',
    url: (_ids, format) => `/groups/export/${format}`,
    as: 'manager',
    cells: [neutralised("+cmd|' /C calc'!A0")],
  },
  {
    route: 'GET /classes/:id/export/:format',
    url: (ids, format) => `/classes/${ids.division}/export/${format}`,
    as: 'manager',
    cells: [neutralised('=1+1'), neutralised('\tLea')],
  },
  {
    route: 'GET /sessions/export/:format',
    url: (_ids, format) => `/sessions/export/${format}`,
    as: 'manager',
    cells: [neutralised('-1+1'), neutralised('-Centre formule')],
  },
  {
    route: 'GET /sessions/:id/registrations/export/:format',
    url: (ids, format) => `/sessions/${ids.session}/registrations/export/${format}`,
    as: 'manager',
    cells: [
      neutralised(NAME),
      neutralised('+1+1'),
      neutralised('-2+3@example.test'),
      neutralised('@SUM(A1)'),
      neutralised('\tTab'),
    ],
  },
  {
    route: 'GET /anomalies/export/:format',
    url: (_ids, format) => `/anomalies/export/${format}`,
    as: 'manager',
    cells: [neutralised(HYPERLINK), neutralised(NAME), neutralised('-Centre formule')],
  },
  {
    route: 'GET /sessions/:id/results/export/:format',
    url: (ids, format) => `/sessions/${ids.session}/results/export/${format}`,
    as: 'manager',
    cells: [neutralised(NAME), neutralised('+1+1'), neutralised('@SUM(A1)')],
  },
  {
    route: 'GET /requests/:kind/export/:format',
    url: (_ids, format) => `/requests/postponements/export/${format}`,
    as: 'manager',
    cells: [neutralised(NAME), neutralised('+1+1'), neutralised('-Centre formule')],
  },
  {
    route: 'GET /orders/export/:format',
    url: (_ids, format) => `/orders/export/${format}`,
    as: 'manager',
    cells: [neutralised('@SUM(1)'), neutralised('-Centre formule')],
  },
  {
    route: 'GET /activation-codes/export/:format',
    url: (ids, format) => `/activation-codes/export/${format}?candidate_ids[]=${ids.coded}`,
    as: 'manager',
    cells: [neutralised('+CODE =Zoé')],
  },
  {
    route: 'GET /sessions/:id/results/template',
    url: (ids) => `/sessions/${ids.session}/results/template`,
    as: 'accountManager',
    cells: [neutralised(NAME), neutralised('+1+1'), neutralised('@SUM(A1)'), "'\tTab"],
    xlsxOnly: true,
  },
  {
    route: 'GET /sessions/:id/import/template',
    url: (ids) => `/sessions/${ids.session}/import/template`,
    as: 'manager',
    cells: [],
    xlsxOnly: true,
  },
  {
    route: 'GET /imports/users/template',
    url: () => '/imports/users/template',
    as: 'manager',
    cells: [],
    xlsxOnly: true,
  },
]

/** Every cell of every sheet of an xlsx, with its exceljs type; and whether the XML has a formula. */
async function xlsxCells(body: Buffer) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(body as any)
  const cells: { sheet: string; address: string; type: ExcelJS.ValueType; value: unknown }[] = []
  for (const sheet of workbook.worksheets)
    sheet.eachRow((row) =>
      row.eachCell((cell) =>
        cells.push({ sheet: sheet.name, address: cell.address, type: cell.type, value: cell.value })
      )
    )
  const files = await readZip(body)
  const formulaXml = Object.entries(files)
    .filter(([path]) => /^xl\/worksheets\/.*\.xml$/.test(path))
    .some(([, xml]) => /<f[\s>/]/.test(xml.toString('utf8')))
  return { cells, formulaXml }
}

/** The problems of one downloaded file: unneutralised text, formulas, expected cells missing. */
async function problemsOf(response: ApiResponse, format: 'csv' | 'xlsx', expected: string[]) {
  const problems: string[] = []
  let texts: string[]
  if (format === 'csv') {
    const text = response.text() ?? String(response.body())
    texts = csvRows(text).flat()
    for (const cell of texts)
      if (DANGEROUS.test(cell) && !NUMBER.test(cell)) problems.push(`cell ${JSON.stringify(cell)}`)
  } else {
    const { cells, formulaXml } = await xlsxCells(response.body() as Buffer)
    if (formulaXml) problems.push('a <f> element in a sheet')
    texts = []
    for (const cell of cells) {
      if (cell.type === ExcelJS.ValueType.Formula || cell.type === ExcelJS.ValueType.Hyperlink)
        problems.push(`${cell.sheet}!${cell.address} is a ${ExcelJS.ValueType[cell.type]}`)
      if (typeof cell.value === 'string') {
        texts.push(cell.value)
        if (DANGEROUS.test(cell.value))
          problems.push(`${cell.sheet}!${cell.address} ${JSON.stringify(cell.value)}`)
      }
    }
  }
  for (const cell of expected) {
    // An XML reader turns a carriage return into a line feed (XML 1.0 §2.11).
    const wanted = format === 'xlsx' ? cell.replaceAll('\r', '\n') : cell
    if (!texts.includes(wanted)) problems.push(`no cell ${JSON.stringify(wanted)}`)
  }
  return problems
}

test.group('Formula injection · the real exports read back', (group) => {
  let w: World
  group.setup(async () => {
    const rollback = await testUtils.db().withGlobalTransaction()
    w = await world()
    return rollback
  })

  test('{route}')
    .with(EXPORTS)
    .run(async ({ client, assert }, exported) => {
      const problems: string[] = []
      for (const format of exported.xlsxOnly ? (['xlsx'] as const) : (['csv', 'xlsx'] as const)) {
        const response = await client
          .get(exported.url(w.ids, format))
          .loginAs(w.actors[exported.as])
        assert.equal(response.status(), 200, `${exported.route} ${format}`)
        problems.push(
          ...(await problemsOf(response, format, exported.cells)).map((p) => `${format}: ${p}`)
        )
      }
      assert.deepEqual(problems, [], exported.route)
    })
    .timeout(60_000)

  test('a real negative number stays a number, in csv and in xlsx', async ({ client, assert }) => {
    const manager = w.actors.manager
    const csv = csvRows((await client.get('/candidates/export/csv').loginAs(manager)).text())
    const header = csv[0]
    const row = csv.find((cells) => cells[0] === neutralised(`${NAME} +1+1`))!
    assert.equal(row[header.indexOf('Score')], '-2')

    const xlsx = await client.get('/candidates/export/xlsx').loginAs(manager)
    const { cells } = await xlsxCells(xlsx.body() as Buffer)
    const scores = cells.filter((cell) => cell.value === -2)
    assert.lengthOf(scores, 1)
    assert.equal(scores[0].type, ExcelJS.ValueType.Number)
  })

  test('a carriage return at the start survives the csv round trip, quoted', async ({
    client,
    assert,
  }) => {
    const text = (await client.get('/candidates/export/csv').loginAs(w.actors.manager)).text()
    assert.include(text, `"'\rCR -2+3"`)
  })
})

test.group('Formula injection · the list of exports', () => {
  test('every GET route that writes a spreadsheet is read back', ({ assert }) => {
    const found = getRoutesWhoseHandler(
      /exportResponse\(|writeXlsx\(|writeCsv\(|\.xlsx\.writeBuffer\(/,
      'all'
    )
    assert.includeMembers(found, [
      'GET /users/export/:format',
      'GET /sessions/:id/results/template',
    ])
    assert.sameMembers(
      EXPORTS.map((exported) => exported.route),
      found
    )
  })
})
