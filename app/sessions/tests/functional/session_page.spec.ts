import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import ExcelJS from 'exceljs'
import { PDFDocument } from 'pdf-lib'
import { Registration } from '#sessions'
import AuditLog from '#shared/audit/audit_log'
import { registerCandidates } from '#sessions/services/registrations'
import { CentreFactory, makeCandidate, makeSession, makeUser } from '#database/factories/index'

async function sessionWithTwo() {
  const centre = await CentreFactory.create()
  const staff = await makeUser('centre_staff', [centre])
  const session = await makeSession(centre)
  const a = await makeCandidate(centre, { lastName: 'Aubry', firstName: 'Zoé' })
  const b = await makeCandidate(centre, { lastName: 'Bonnet', firstName: 'Hugo' })
  const [ra, rb] = await registerCandidates(null, session.id, [
    { candidate: a, input: { tests: ['CE', 'CO', 'EO'], channel: 'on_site' } },
    { candidate: b, input: { tests: ['CE'], channel: 'on_site' } },
  ])
  return { centre, staff, session, a, b, ra, rb }
}

test.group('Sessions · the session page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('absences per test are declared once registrations are closed, and audited', async ({
    client,
    assert,
  }) => {
    const { staff, session, ra } = await sessionWithTwo()
    const early = await client
      .put(`/sessions/${session.id}/registrations/${ra.id}/absence`)
      .loginAs(staff)
      .form({ 'absent[]': 'CO' })
      .withCsrfToken()
      .redirects(0)
    early.assertFlashMessage(
      'error',
      'Les absences se déclarent une fois les inscriptions closes, le jour de la session ou après.'
    )
    await session.merge({ status: 'registrations_closed' }).save()
    await client
      .put(`/sessions/${session.id}/registrations/${ra.id}/absence`)
      .loginAs(staff)
      .form({ 'absent[]': 'CO' })
      .withCsrfToken()
    await ra.load('tests')
    assert.deepEqual(
      ra.tests.filter((t) => t.absent).map((t) => t.testCode),
      ['CO']
    )
    const page = await client.get(`/sessions/${session.id}`).loginAs(staff)
    page.assertTextIncludes('data-test="CO">abs.')
    const audit = await AuditLog.findByOrFail('action', 'registration.absences_declared')
    assert.deepEqual(audit.after, { absent: ['CO'] })
  })

  test('the registrations export holds one row per candidate with its tests', async ({
    client,
    assert,
  }) => {
    const { staff, session, ra } = await sessionWithTwo()
    const response = await client
      .get(`/sessions/${session.id}/registrations/export/xlsx`)
      .loginAs(staff)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(response.body() as any)
    const sheet = workbook.worksheets[0]
    const header = (sheet.getRow(1).values as unknown[]).slice(1)
    assert.includeMembers(header, ['N°', 'Nom', 'Prénom', 'CE', 'CO', 'EE', 'EO', "Code d'accès"])
    const first = sheet.getRow(2)
    const at = (name: string) => first.getCell(header.indexOf(name) + 1).value
    assert.equal(at('Nom'), 'AUBRY')
    assert.equal(at('CE'), 'O')
    assert.equal(at('EE'), 'N')
    assert.equal(at("Code d'accès"), ra.accessCode)
    assert.equal(sheet.rowCount, 3)
  })

  test("the access codes sheet is a PDF of the session's candidates", async ({
    client,
    assert,
  }) => {
    const { staff, session } = await sessionWithTwo()
    const response = await client.get(`/sessions/${session.id}/access-codes`).loginAs(staff)
    response.assertStatus(200)
    response.assertHeader('content-type', 'application/pdf')
    const pdf = await PDFDocument.load(response.body() as Buffer)
    assert.isAtLeast(pdf.getPageCount(), 1)
    const other = await makeUser('centre_staff', [await CentreFactory.create()])
    assert.equal(
      (await client.get(`/sessions/${session.id}/access-codes`).loginAs(other)).status(),
      404
    )
    const account = await makeUser('account_manager', [await CentreFactory.create()])
    assert.equal(
      (
        await client.get(`/sessions/${session.id}/registrations/export/csv`).loginAs(account)
      ).status(),
      404
    )
    void Registration
  })

  test('a registration is edited: tests while registrations are open, motivation and ID number', async ({
    client,
    assert,
  }) => {
    const { staff, session, ra } = await sessionWithTwo()
    const form = await client
      .get(`/sessions/${session.id}/registrations/${ra.id}/edit`)
      .loginAs(staff)
    form.assertTextIncludes(ra.accessCode)
    await client
      .put(`/sessions/${session.id}/registrations/${ra.id}`)
      .loginAs(staff)
      .form({ 'tests[]': ['CE', 'EE'], 'motivation': 'studies', 'id_number': 'ZX123' })
      .withCsrfToken()
    await ra.refresh()
    await ra.load('tests')
    assert.sameMembers(
      ra.tests.map((t) => t.testCode),
      ['CE', 'EE']
    )
    assert.equal(ra.motivation, 'studies')
    assert.equal(ra.idNumber, 'ZX123')
    const audit = await AuditLog.findByOrFail('action', 'registration.updated')
    assert.deepEqual((audit.after as any).tests, ['CE', 'EE'])

    await session.merge({ status: 'registrations_closed' }).save()
    const closed = await client
      .put(`/sessions/${session.id}/registrations/${ra.id}`)
      .loginAs(staff)
      .form({ 'tests[]': ['CE'] })
      .withCsrfToken()
      .redirects(0)
    closed.assertFlashMessage(
      'error',
      `Les inscriptions de la session ${session.number} ne sont pas ouvertes.`
    )
    const outsider = await makeUser('centre_staff', [await CentreFactory.create()])
    assert.equal(
      (
        await client.get(`/sessions/${session.id}/registrations/${ra.id}/edit`).loginAs(outsider)
      ).status(),
      404
    )
  })
})

test.group('Sessions · the session page, many candidates', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('candidates come 50 a page, searched by name or access code; seats count them all', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    const session = await makeSession(centre, { seats: 80 })
    const candidates = []
    for (let i = 1; i <= 53; i++)
      candidates.push(
        await makeCandidate(centre, {
          lastName: `Nom${String(i).padStart(2, '0')}`,
          firstName: i === 53 ? 'Anaïs' : 'Paul',
        })
      )
    const registrations = await registerCandidates(
      null,
      session.id,
      candidates.map((candidate) => ({
        candidate,
        input: { tests: ['CE'], channel: 'on_site' as const },
      }))
    )
    await registrations[0].merge({ status: 'cancelled' }).save()
    const rowsOf = (html: string) => html.split('data-testid="registration-row"').length - 1

    const first = await client.get(`/sessions/${session.id}`).loginAs(staff)
    first.assertTextIncludes('data-testid="seats">52 / 80')
    assert.equal(rowsOf(first.text()), 50)
    first.assertTextIncludes('53 résultats')
    assert.notInclude(first.text(), 'NOM53')
    // The documents still see every candidate: the purchase order can be prepared.
    first.assertTextIncludes('data-testid="registrations-export"')

    const second = await client.get(`/sessions/${session.id}?page=2`).loginAs(staff)
    assert.equal(rowsOf(second.text()), 3)

    // htmx asks for the table only.
    const searched = await client
      .get(`/sessions/${session.id}?q=nom53`)
      .header('HX-Request', 'true')
      .loginAs(staff)
    assert.equal(rowsOf(searched.text()), 1)
    // The row: its number, the file's link and name, no photo nor signature yet, its test, its code.
    const row = searched.text().split('data-testid="registration-row"')[1].split('</tr>')[0]
    assert.include(row, `<td>${registrations[52].number}</td>`)
    assert.include(row, `<a href="/candidates/${candidates[52].id}">NOM53 Anaïs</a>`)
    assert.include(row, '×<span class="sr-only">Non</span>')
    assert.include(row, 'data-test="CE">✓</td>')
    assert.include(row, `<code>${registrations[52].accessCode}</code>`)
    assert.include(row, 'Inscrit')
    assert.notInclude(searched.text(), 'data-testid="seats"')

    const code = registrations[10].accessCode
    const byCode = await client
      .get(`/sessions/${session.id}?q=${encodeURIComponent(code.toLowerCase())}`)
      .loginAs(staff)
    assert.equal(rowsOf(byCode.text()), 1)
    assert.include(byCode.text(), code)

    // Access codes have no I nor O, and no name or e-mail here holds "oio".
    const none = await client.get(`/sessions/${session.id}?q=oio`).loginAs(staff)
    assert.equal(rowsOf(none.text()), 0)
    none.assertTextIncludes('Aucun candidat ne correspond')
  })
})
