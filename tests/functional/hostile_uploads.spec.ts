import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import drive from '@adonisjs/drive/services/main'
import db from '@adonisjs/lucid/services/db'
import { CentreFactory, makeSession, makeUser } from '#database/factories/index'
import ExcelJS from 'exceljs'
import {
  PDF,
  deflatedZip,
  fixture,
  junkAfterDeflate,
  leftInTmp,
  rawZip,
  readZip,
} from '#tests/helpers/files'
import { assertFieldError } from '#tests/helpers/http'

/*
 * Hostile files through the real upload routes: zip bombs, entries that would
 * escape their folder, a body over the request cap, a spreadsheet bomb and
 * truncated files. Each is refused with a clear message and nothing is kept.
 */
const UNSAFE_ZIP =
  'Le zip est refusé : trop de fichiers, trop volumineux une fois décompressé (plus de 200 Mo) ou contenant des chemins dangereux.'

async function sessionWithManager() {
  const centre = await CentreFactory.create()
  const manager = await makeUser('centre_manager', [centre])
  const session = await makeSession(centre)
  return { centre, manager, session }
}

const documentsOf = async (sessionId: number) =>
  db.from('session_documents').where('session_id', sessionId).select('name', 'file_key')

/** The files stored under a session's documents (earlier runs may have left some). */
async function storedKeys(sessionId: number) {
  const { objects } = await drive.use().listAll(`sessions/${sessionId}/documents`)
  return [...objects].map((object) => ('key' in object ? object.key : object.prefix)).sort()
}

test.group('Hostile uploads', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a zip bomb, a zip with "../" entries, a truncated or a damaged zip are refused; nothing is stored', async ({
    client,
    assert,
  }) => {
    const { manager, session } = await sessionWithManager()
    const storedBefore = await storedKeys(session.id)
    // 210 MB of zeros once inflated, about 200 KB on the wire.
    const bomb = await deflatedZip([{ name: 'sujets.txt', content: 210 * 1024 * 1024 }])
    const traversal = rawZip([
      { name: 'sujets.pdf', content: PDF },
      { name: '../../../../etc/cron.d/evil', content: Buffer.from('* * * * * root rm -rf /') },
    ])
    const whole = await deflatedZip([{ name: 'a.txt', content: Buffer.alloc(4000, 65) }])
    const cases = [
      { name: 'bomb.zip', bytes: bomb, message: UNSAFE_ZIP },
      { name: 'traversal.zip', bytes: traversal, message: UNSAFE_ZIP },
      {
        name: 'truncated.zip',
        bytes: whole.subarray(0, 80),
        message: 'Le fichier doit être un pdf, un zip, une image jpeg ou png.',
      },
      // Its type could not be told without inflating a damaged part: a 500 before.
      {
        name: 'damaged.zip',
        bytes: junkAfterDeflate(),
        message: 'Le fichier doit être un pdf, un zip, une image jpeg ou png.',
      },
    ]
    for (const hostile of cases) {
      const response = await client
        .post(`/sessions/${session.id}/documents`)
        .loginAs(manager)
        .field('type', 'other')
        .file('file', await fixture(hostile.name, hostile.bytes))
        .withCsrfToken()
        .redirects(0)
      assertFieldError(response, 'file', hostile.message)
    }
    assert.lengthOf(await documentsOf(session.id), 0)
    assert.deepEqual(await storedKeys(session.id), storedBefore)
    // An ordinary zip still goes through.
    const fine = await deflatedZip([{ name: 'sujets/oral.pdf', content: PDF }])
    await client
      .post(`/sessions/${session.id}/documents`)
      .loginAs(manager)
      .field('type', 'other')
      .file('file', await fixture('sujets.zip', fine))
      .withCsrfToken()
    assert.lengthOf(await documentsOf(session.id), 1)
  })

  test('a body over the 35 MB cap is refused while it streams; nothing is stored', async ({
    client,
    assert,
  }) => {
    const { manager, session } = await sessionWithManager()
    const huge = Buffer.alloc(36 * 1024 * 1024, 0x25)
    PDF.copy(huge)
    // The server stops reading past the cap: the client sees a 413, or the
    // connection cut while it is still sending (EPIPE, ECONNRESET).
    const outcome = await client
      .post(`/sessions/${session.id}/documents`)
      .loginAs(manager)
      .field('type', 'other')
      .file('file', await fixture('huge.pdf', huge))
      .withCsrfToken()
      .redirects(0)
      .then(
        (response) => response.status(),
        (error: NodeJS.ErrnoException) => error.code
      )
    assert.oneOf(outcome, [413, 'EPIPE', 'ECONNRESET'])
    assert.lengthOf(await documentsOf(session.id), 0)
  })

  test('an upload leaves no copy in the temporary folder: kept, refused by its checks or by CSRF', async ({
    client,
    assert,
  }) => {
    const { manager, session } = await sessionWithManager()
    const unique = (text: string) =>
      Buffer.concat([PDF, Buffer.from(`%${text} ${Date.now()} ${Math.random()}\n`)])
    const since = Date.now()
    const kept = unique('kept')
    await client
      .post(`/sessions/${session.id}/documents`)
      .loginAs(manager)
      .field('type', 'other')
      .file('file', await fixture('kept.pdf', kept))
      .withCsrfToken()
    assert.lengthOf(await documentsOf(session.id), 1)
    // A user import refuses a pdf before reading it.
    const training = await CentreFactory.merge({ kind: 'training' }).create()
    const trainer = await makeUser('centre_manager', [training])
    const refused = unique('refused')
    const refusal = await client
      .post('/imports/users/preview')
      .loginAs(trainer)
      .file('file', await fixture('refused.pdf', refused))
      .withCsrfToken()
      .redirects(0)
    assertFieldError(refusal, 'file', 'Le fichier doit être un classeur xlsx ou un csv.')
    const forged = unique('forged')
    const noToken = await client
      .post(`/sessions/${session.id}/documents`)
      .loginAs(manager)
      .field('type', 'other')
      .file('file', await fixture('forged.pdf', forged))
      .redirects(0)
    assert.notEqual(noToken.status(), 200)
    for (const bytes of [kept, refused, forged]) assert.deepEqual(await leftInTmp(bytes, since), [])
    assert.lengthOf(await documentsOf(session.id), 1)
  })

  test('a hostile file name is kept as text, never as a path', async ({ client, assert }) => {
    const { manager, session } = await sessionWithManager()
    await client
      .post(`/sessions/${session.id}/documents`)
      .loginAs(manager)
      .field('type', 'other')
      .file('file', await fixture('plain.pdf', PDF), {
        filename: '../../../etc/"passwd<script>.pdf',
      })
      .withCsrfToken()
    const [document] = await documentsOf(session.id)
    // The parser keeps the base name only; the stored key is ours.
    assert.equal(document.name, '"passwd<script>.pdf')
    assert.match(document.file_key, new RegExp(`^sessions/${session.id}/documents/[\\w-]+\\.pdf$`))
    const page = await client.get(`/sessions/${session.id}`).loginAs(manager)
    assert.notInclude(page.text(), '"passwd<script>')
  })

  test('a spreadsheet bomb and a truncated xlsx in an import are refused; nothing is written', async ({
    client,
    assert,
  }) => {
    // User imports are for training centres (classes of learners and teachers).
    const centre = await CentreFactory.merge({ kind: 'training' }).create()
    const manager = await makeUser('centre_manager', [centre])
    const users = Number((await db.from('users').count('* as n'))[0].n)
    // A real workbook, plus a part that inflates to 150 MB (the reader's cap is 100 MB).
    const workbook = new ExcelJS.Workbook()
    workbook.addWorksheet('Utilisateurs').addRow(['Type', 'Nom', 'Prénom', 'Email'])
    const parts = await readZip(Buffer.from(await workbook.xlsx.writeBuffer()))
    const bomb = await deflatedZip([
      ...Object.entries(parts).map(([name, content]) => ({ name, content })),
      { name: 'xl/media/image1.bin', content: 150 * 1024 * 1024 },
    ])
    const page = await client
      .post('/imports/users/preview')
      .loginAs(manager)
      .file('file', await fixture('bomb.xlsx', bomb))
      .withCsrfToken()
    page.assertTextIncludes('Fichier trop volumineux')
    const truncated = await client
      .post('/imports/users/preview')
      .loginAs(manager)
      .file('file', await fixture('truncated.xlsx', bomb.subarray(0, 2000)))
      .withCsrfToken()
      .redirects(0)
    truncated.assertStatus(200)
    truncated.assertTextIncludes('Fichier illisible')
    assert.equal(Number((await db.from('users').count('* as n'))[0].n), users)
  })
})
