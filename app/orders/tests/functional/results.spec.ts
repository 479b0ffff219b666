import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { type Candidate } from '#candidates'
import { assignCredit, assignCredits } from '#orders'
import BackgroundJob from '#shared/jobs/background_job'
import { settleJobs } from '#shared/jobs/jobs'
import {
  CentreFactory,
  makeCandidate,
  makeCreditProduct,
  makeCreditStock,
  makeUser,
} from '#database/factories/index'
import { fixture, readZip } from '#tests/helpers/files'
import { pagesText } from '#tests/helpers/pdf'

const day = (offset: number) => DateTime.now().plus({ days: offset }).toISODate()!

/** A centre with a candidate holding a pending credit, and a network token. */
async function setting(client: any) {
  const centre = await CentreFactory.merge({ name: 'Centre Résultats' }).create()
  const admin = await makeUser('network_admin')
  const staff = await makeUser('centre_staff', [centre])
  await makeCreditStock(centre, 5, await makeCreditProduct({ type: 'official_approved' }), admin)
  const candidate = await makeCandidate(centre, {
    email: 'lea.roux@example.test',
    firstName: 'Léa',
    lastName: 'Roux',
  })
  await assignCredit(staff, candidate.id, { type: 'official_approved', examDate: DateTime.now() })
  const page = await client
    .post('/api-tokens')
    .withCsrfToken()
    .loginAs(admin)
    .form({ name: 'Plateforme' })
  return { centre, admin, staff, candidate, page }
}

const result = (overrides: Record<string, unknown> = {}) => ({
  result_id: 'R-1001',
  email: 'Lea.Roux@example.test',
  exam_type: 'official_approved',
  score: 617,
  passed_on: day(-1),
  validation: 'validated',
  sections: [
    { name: 'Compréhension écrite', score: 300, max: 500 },
    { name: 'Compréhension orale', score: 317, max: 500 },
  ],
  ...overrides,
})

test.group('Orders · results from the exam platform', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the token is shown once; a bad, missing or revoked token is refused', async ({
    client,
    assert,
  }) => {
    const { admin, page } = await setting(client)
    const token = /psr_[A-Za-z0-9_-]+/.exec(page.text())?.[0]
    assert.isString(token)
    const again = await client.get('/api-tokens').loginAs(admin)
    assert.notInclude(again.text(), token!)
    for (const header of [undefined, 'Bearer psr_notarealtokenatallxxxxxxxxxx', `Token ${token}`]) {
      const request = client.post('/api/v1/results').json({ results: [result()] })
      const response = await (header ? request.header('Authorization', header) : request)
      response.assertStatus(401)
    }
    const [row] = await db.from('api_tokens')
    await client.delete(`/api-tokens/${row.id}`).withCsrfToken().loginAs(admin)
    const revoked = await client
      .post('/api/v1/results')
      .header('Authorization', `Bearer ${token}`)
      .json({ results: [result()] })
    revoked.assertStatus(401)
    const [count] = await db.from('credit_results').count('* as n')
    assert.equal(Number(count.n), 0)
  })

  test('a result is recorded once: sending it again changes nothing, a change updates it', async ({
    client,
    assert,
  }) => {
    const { page, candidate, staff } = await setting(client)
    const token = /psr_[A-Za-z0-9_-]+/.exec(page.text())![0]
    const send = (body: unknown) =>
      client.post('/api/v1/results').header('Authorization', `Bearer ${token}`).json(body)

    const first = await send({ results: [result()] })
    first.assertStatus(200)
    assert.deepInclude(first.body(), { created: 1, updated: 0, unchanged: 0 })
    const code = first.body().results[0].public_code
    assert.match(code, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)

    const second = await send({ results: [result()] })
    assert.deepInclude(second.body(), { created: 0, updated: 0, unchanged: 1 })
    assert.equal(second.body().results[0].public_code, code)
    const rows = await db.from('credit_results')
    assert.lengthOf(rows, 1)
    assert.equal(
      rows[0].valid_until.toISOString?.().slice(0, 10) ?? String(rows[0].valid_until).slice(0, 10),
      DateTime.fromISO(day(-1)).plus({ years: 3 }).minus({ days: 1 }).toISODate()
    )

    const changed = await send({ results: [result({ validation: 'invalidated' })] })
    assert.deepInclude(changed.body(), { created: 0, updated: 1, unchanged: 0 })

    await candidate.refresh()
    assert.equal(candidate.examStatus, 'passed')
    assert.equal(candidate.examScore, 617)
    assert.equal(candidate.examValidation, 'invalidated')

    // The candidate file's last result box (seed 004 §6.9).
    const file = await client.get(`/candidates/${candidate.id}`).loginAs(staff)
    const box = file.text().split('data-testid="last-result"')[1].split('</div>')[0]
    assert.include(box, 'Examen officiel - en centre agréé')
    assert.include(box, '617/1000')
    assert.include(box, code)
    assert.include(box, 'Accéder au bilan détaillé')

    // The public verification page knows the code.
    const verify = await client.get(`/verify/${code.replace(/-/g, '').toLowerCase()}`)
    verify.assertStatus(200)
    assert.include(verify.text(), 'Résultat invalidé')
    assert.include(verify.text(), 'Léa Roux')
    assert.include(verify.text(), '617/1000')
  })

  test("the candidate's GDPR export lists its results with their verification codes", async ({
    client,
    assert,
  }) => {
    const { page, candidate, centre } = await setting(client)
    const token = /psr_[A-Za-z0-9_-]+/.exec(page.text())![0]
    const sent = await client
      .post('/api/v1/results')
      .header('Authorization', `Bearer ${token}`)
      .json({ results: [result()] })
    const code = sent.body().results[0].public_code
    const manager = await makeUser('centre_manager', [centre])
    const zip = await client.get(`/candidates/${candidate.id}/personal-data`).loginAs(manager)
    const data = JSON.parse((await readZip(zip.body()))['data.json'].toString('utf8'))
    assert.deepEqual(data.orders.results, [
      {
        type: 'official_approved',
        score: 617,
        passedOn: day(-1),
        validation: 'validated',
        validUntil: DateTime.fromISO(day(-1)).plus({ years: 3 }).minus({ days: 1 }).toISODate(),
        verificationCode: code,
        sections: result().sections,
      },
    ])
    assert.equal(data.orders.credits[0].status, 'passed')
  })

  test('a batch with one bad item is refused whole, with every problem', async ({
    client,
    assert,
  }) => {
    const { page } = await setting(client)
    const token = /psr_[A-Za-z0-9_-]+/.exec(page.text())![0]
    const response = await client
      .post('/api/v1/results')
      .header('Authorization', `Bearer ${token}`)
      .json({
        results: [
          result(),
          result({ result_id: 'R-2', score: 1200 }),
          result({ result_id: 'R-3', email: 'nobody@example.test' }),
        ],
      })
    response.assertStatus(422)
    assert.deepEqual(
      response.body().errors.map((e: any) => [e.index, e.code]),
      [[2, 'result_score']]
    )
    for (const body of [{ results: [] }, {}, { results: 'R-1' }]) {
      const empty = await client
        .post('/api/v1/results')
        .header('Authorization', `Bearer ${token}`)
        .json(body)
      empty.assertStatus(422)
      assert.equal(empty.body().error, 'invalid_body')
      assert.include(empty.body().message, 'results')
    }
    const unknown = await client
      .post('/api/v1/results')
      .header('Authorization', `Bearer ${token}`)
      .json({ results: [result(), result({ result_id: 'R-3', email: 'nobody@example.test' })] })
    unknown.assertStatus(422)
    assert.equal(unknown.body().errors[0].code, 'result_no_candidate')
    assert.include(unknown.body().errors[0].message, 'nobody@example.test')
    const [count] = await db.from('credit_results').count('* as n')
    assert.equal(Number(count.n), 0)
  })

  test('a results file is imported all or nothing, and a second import changes nothing', async ({
    client,
    assert,
  }) => {
    const { admin } = await setting(client)
    const header =
      "Identifiant du résultat;Courriel;Type d'examen;Score /1000;Date de passage;Validation"
    const [y, m, d] = day(-2).split('-')
    const good = `${header}\nR-77;lea.roux@example.test;Examen officiel - en centre agréé;540;${d}/${m}/${y};Validé\n`
    const bad = `${header}\nR-77;lea.roux@example.test;Examen officiel - en centre agréé;540;${d}/${m}/${y};Validé\nR-78;lea.roux@example.test;Inconnu;10;${d}/${m}/${y};Validé\n`

    const refused = await client
      .post('/credit-results/import')
      .withCsrfToken()
      .loginAs(admin)
      .file('file', await fixture('bad-results.csv', Buffer.from(bad)))
    assert.match(refused.text(), /Type d(&#39;|&#x27;|')examen inconnu\./)
    assert.include(refused.text(), 'Rien n')
    let [count] = await db.from('credit_results').count('* as n')
    assert.equal(Number(count.n), 0)

    const imported = await client
      .post('/credit-results/import')
      .withCsrfToken()
      .loginAs(admin)
      .file('file', await fixture('results.csv', Buffer.from(good)))
    assert.include(imported.text(), '1 nouveau(x), 0 mis à jour, 0 inchangé(s)')
    const again = await client
      .post('/credit-results/import')
      .withCsrfToken()
      .loginAs(admin)
      .file('file', await fixture('results.csv', Buffer.from(good)))
    assert.include(again.text(), '0 nouveau(x), 0 mis à jour, 1 inchangé(s)')
    ;[count] = await db.from('credit_results').count('* as n')
    assert.equal(Number(count.n), 1)
    assert.include(again.text(), '540/1000')
  })
})

test.group('Orders · certification documents', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('one candidate’s report, registration and attendance attestations, read back', async ({
    client,
    assert,
  }) => {
    const { page, candidate, staff } = await setting(client)
    const token = /psr_[A-Za-z0-9_-]+/.exec(page.text())![0]
    // Before the exam: the registration attestation only.
    const early = await client
      .get(`/candidates/${candidate.id}/documents/report`)
      .loginAs(staff)
      .header('Accept', 'application/json')
    early.assertStatus(404)
    const registration = await client
      .get(`/candidates/${candidate.id}/documents/registration`)
      .loginAs(staff)
    registration.assertHeader('content-type', 'application/pdf')
    const [text] = await pagesText(registration.body() as Buffer)
    assert.include(text, "Attestation d'inscription")
    assert.include(text, 'Léa Roux')
    // pdf.js reads the "ffi" ligature apart: "o ffi ciel".
    assert.include(text, 'ciel - en centre agréé')

    await client
      .post('/api/v1/results')
      .header('Authorization', `Bearer ${token}`)
      .json({ results: [result()] })
    const report = await client.get(`/candidates/${candidate.id}/documents/report`).loginAs(staff)
    const [reportText] = await pagesText(report.body() as Buffer)
    assert.include(reportText, 'Bilan détaillé')
    assert.include(reportText, '617/1000')
    assert.include(reportText, 'Compréhension orale')
    const stored = await db.from('credit_results').first()
    assert.include(reportText, stored.public_code)
    const attendance = await client
      .get(`/candidates/${candidate.id}/documents/attendance`)
      .loginAs(staff)
    const [attendanceText] = await pagesText(attendance.body() as Buffer)
    assert.include(attendanceText, 'Attestation de passage')
    assert.include(attendanceText, 'a passé l')
  })

  test('"Générer des documents": 3 candidates, 3 kinds, one PDF made in the background', async ({
    client,
    assert,
  }) => {
    const { page, centre, candidate, staff } = await setting(client)
    const token = /psr_[A-Za-z0-9_-]+/.exec(page.text())![0]
    const others: Candidate[] = []
    for (const [first, last] of [
      ['Hugo', 'Bonnet'],
      ['Inès', 'Caron'],
    ]) {
      const other = await makeCandidate(centre, {
        firstName: first,
        lastName: last,
        email: `${first.toLowerCase()}@example.test`,
      })
      await assignCredit(staff, other.id, { type: 'official_approved', examDate: DateTime.now() })
      others.push(other)
    }
    await client
      .post('/api/v1/results')
      .header('Authorization', `Bearer ${token}`)
      .json({
        results: [result(), result({ result_id: 'R-2', email: 'hugo@example.test', score: 480 })],
      })
    // Caron has no result yet: only her registration attestation exists.
    const picker = await client.get('/documents/for/report,registration,attendance').loginAs(staff)
    for (const name of ['ROUX', 'BONNET', 'CARON'])
      assert.include(picker.text().toUpperCase(), name)
    const onlyReports = await client.get('/documents/for/report').loginAs(staff)
    assert.notInclude(onlyReports.text().toUpperCase(), 'CARON')

    const started = await client
      .post('/documents/jobs')
      .withCsrfToken()
      .loginAs(staff)
      .form({
        kinds: 'report,registration,attendance',
        candidate_ids: [candidate.id, ...others.map((o) => o.id)],
      })
      .redirects(0)
    const job = await BackgroundJob.query().where('type', 'credit_documents').firstOrFail()
    assert.equal(started.header('location'), `/documents/jobs/${job.id}`)
    await settleJobs()
    const progress = await client.get(`/documents/jobs/${job.id}`).loginAs(staff)
    assert.include(progress.text(), 'Documents prêts pour 3 candidat(s).')
    const file = await client.get(`/documents/jobs/${job.id}/download`).loginAs(staff)
    const pages = await pagesText(file.body() as Buffer)
    // Bonnet and Roux: 3 documents each; Caron: the registration attestation.
    assert.lengthOf(pages, 7)
    assert.include(pages[0], 'Hugo Bonnet')
    assert.include(pages[0], 'Bilan détaillé')
    assert.include(pages[6], 'Léa Roux')
    assert.equal(pages.filter((p) => p.includes('Inès Caron')).length, 1)

    // Someone else (even of the same centre) does not reach the job.
    const colleague = await makeUser('centre_staff', [centre])
    const other = await client.get(`/documents/jobs/${job.id}/download`).loginAs(colleague)
    other.assertStatus(404)
  })
})

test.group('Orders · a 500-candidate batch of documents', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('runs in the background: the web process keeps answering, then 500 pages come out', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    await makeCreditStock(centre, 500, await makeCreditProduct({ type: 'mock_manual' }))
    const candidates: Candidate[] = []
    for (let i = 0; i < 500; i++)
      candidates.push(await makeCandidate(centre, { lastName: `Lot${String(i).padStart(3, '0')}` }))
    const ids = candidates.map((c) => c.id)
    await assignCredits(staff, centre.id, ids, { type: 'mock_manual' })

    const started = await client
      .post('/documents/jobs')
      .withCsrfToken()
      .loginAs(staff)
      .form({ kinds: 'registration', candidate_ids: ids })
      .redirects(0)
    started.assertStatus(302)
    const job = await BackgroundJob.query().where('type', 'credit_documents').firstOrFail()
    // While the PDF is being made, the app still serves pages and the progress.
    const page = await client.get('/orders').loginAs(staff)
    page.assertStatus(200)
    const progress = await client.get(`/documents/jobs/${job.id}`).loginAs(staff)
    assert.include(progress.text(), 'role="progressbar"')
    await settleJobs()
    await job.refresh()
    assert.equal(job.status, 'done')
    assert.equal(job.total, 500)
    const file = await client.get(`/documents/jobs/${job.id}/download`).loginAs(staff)
    const pages = await pagesText(file.body() as Buffer)
    assert.lengthOf(pages, 500)
    assert.include(pages[0], 'Lot000')
    assert.include(pages[499], 'Lot499')
  }).timeout(120_000)
})

test.group('Orders · results edge cases (review)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a file re-sending a result keeps the detail per part the platform sent', async ({
    client,
    assert,
  }) => {
    const { page, admin } = await setting(client)
    const token = /psr_[A-Za-z0-9_-]+/.exec(page.text())![0]
    await client
      .post('/api/v1/results')
      .header('Authorization', `Bearer ${token}`)
      .json({ results: [result()] })
    const [y, m, d] = day(-1).split('-')
    const csv = `Identifiant du résultat;Courriel;Type d'examen;Score /1000;Date de passage;Validation\nR-1001;lea.roux@example.test;official_approved;617;${d}/${m}/${y};Validé\n`
    const imported = await client
      .post('/credit-results/import')
      .withCsrfToken()
      .loginAs(admin)
      .file('file', await fixture('same-results.csv', Buffer.from(csv)))
    assert.include(imported.text(), '0 nouveau(x), 0 mis à jour, 1 inchangé(s)')
    const stored = await db.from('credit_results').first()
    assert.include(String(stored.sections), 'Compréhension orale')
  })

  test('an e-mail shared by two candidates with such a credit is refused, not guessed', async ({
    client,
    assert,
  }) => {
    const { page, staff } = await setting(client)
    const other = await CentreFactory.create()
    const otherStaff = await makeUser('centre_staff', [other])
    await makeCreditStock(other, 1, await makeCreditProduct({ type: 'official_approved' }))
    const twin = await makeCandidate(other, { email: 'lea.roux@example.test' })
    await assignCredit(otherStaff, twin.id, {
      type: 'official_approved',
      examDate: DateTime.now(),
    })
    const token = /psr_[A-Za-z0-9_-]+/.exec(page.text())![0]
    const response = await client
      .post('/api/v1/results')
      .header('Authorization', `Bearer ${token}`)
      .json({ results: [result()] })
    response.assertStatus(422)
    assert.equal(response.body().errors[0].code, 'result_ambiguous')
    assert.isDefined(staff)
  })

  test('a date before 2000 is refused with a clear reason', async ({ client, assert }) => {
    const { page } = await setting(client)
    const token = /psr_[A-Za-z0-9_-]+/.exec(page.text())![0]
    const response = await client
      .post('/api/v1/results')
      .header('Authorization', `Bearer ${token}`)
      .json({ results: [result({ passed_on: '0000-06-15' })] })
    response.assertStatus(422)
    assert.equal(response.body().errors[0].code, 'result_date')
  })
})

const RESULTS_HEADER =
  "Identifiant du résultat;Courriel;Type d'examen;Score /1000;Date de passage;Validation"

test.group('Orders · results in bulk', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a file of 520 results passes every credit and file at once; again, nothing changes', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const admin = await makeUser('network_admin')
    const staff = await makeUser('centre_staff', [centre])
    await makeCreditStock(centre, 520, await makeCreditProduct({ type: 'mock_remote' }), admin)
    const ids: number[] = []
    for (let i = 0; i < 520; i++)
      ids.push((await makeCandidate(centre, { email: `lot${i}@example.test` })).id)
    // 500 at most per call.
    await assignCredits(staff, centre.id, ids.slice(0, 500), { type: 'mock_remote' })
    await assignCredits(staff, centre.id, ids.slice(500), { type: 'mock_remote' })
    const [y, m, d] = day(-3).split('-')
    const lines = (scoreOf: (i: number) => number) =>
      [RESULTS_HEADER]
        .concat(
          ids.map(
            (_, i) =>
              `R-LOT-${i};LOT${i}@example.test;mock_remote;${scoreOf(i)};${d}/${m}/${y};Validé`
          )
        )
        .join('\n')
    const send = async (csv: string) =>
      client
        .post('/credit-results/import')
        .withCsrfToken()
        .loginAs(admin)
        .file('file', await fixture('lot.csv', Buffer.from(csv)))

    const first = await send(lines((i) => i))
    assert.include(first.text(), '520 nouveau(x), 0 mis à jour, 0 inchangé(s)')
    const results = await db.from('credit_results').whereIn('candidate_id', ids)
    assert.lengthOf(results, 520)
    assert.lengthOf(new Set(results.map((r) => r.public_code)), 520)
    const credits = await db.from('credit_assignments').whereIn('candidate_id', ids)
    assert.deepEqual([...new Set(credits.map((c) => c.status))], ['passed'])
    for (const credit of credits)
      assert.equal(
        String(credit.exam_date?.toISOString?.() ?? credit.exam_date).slice(0, 10),
        day(-3)
      )
    for (const i of [0, 257, 519]) {
      const file = await db.from('candidates').where('id', ids[i]).first()
      assert.equal(file.exam_status, 'passed')
      assert.equal(file.exam_score, i)
      assert.equal(file.exam_validation, 'validated')
      assert.isNotNull(file.locked_at)
      const stored = results.find((r) => r.candidate_id === ids[i])
      assert.equal(stored.result_ref, `R-LOT-${i}`)
      assert.equal(stored.score, i)
    }
    const exams = await db
      .from('candidate_exams')
      .whereIn('candidate_id', ids)
      .where('source', 'credit')
    assert.lengthOf(exams, 520)
    assert.deepEqual([...new Set(exams.map((e) => e.status))], ['passed'])

    const again = await send(lines((i) => i))
    assert.include(again.text(), '0 nouveau(x), 0 mis à jour, 520 inchangé(s)')
    const changed = await send(lines((i) => (i === 300 ? 999 : i)))
    assert.include(changed.text(), '0 nouveau(x), 1 mis à jour, 519 inchangé(s)')
    const file = await db.from('candidates').where('id', ids[300]).first()
    assert.equal(file.exam_score, 999)
    const [count] = await db.from('credit_results').whereIn('candidate_id', ids).count('* as n')
    assert.equal(Number(count.n), 520)
  }).timeout(120_000)

  test('two results of one candidate with one credit: the second finds none, nothing is written', async ({
    client,
    assert,
  }) => {
    // Items are decided in order, as if recorded one after the other: the
    // first result takes the credit, the second has none left.
    const { page, candidate } = await setting(client)
    const token = /psr_[A-Za-z0-9_-]+/.exec(page.text())![0]
    const send = (results: unknown[]) =>
      client.post('/api/v1/results').header('Authorization', `Bearer ${token}`).json({ results })
    const refused = await send([result({ result_id: 'R-A' }), result({ result_id: 'R-B' })])
    refused.assertStatus(422)
    assert.deepEqual(
      refused.body().errors.map((e: any) => [e.index, e.code]),
      [[2, 'result_no_credit']]
    )
    const [count] = await db.from('credit_results').count('* as n')
    assert.equal(Number(count.n), 0)
    const credit = await db.from('credit_assignments').where('candidate_id', candidate.id).first()
    assert.equal(credit.status, 'planned')

    const recorded = await send([result({ result_id: 'R-A' })])
    assert.deepInclude(recorded.body(), { created: 1, updated: 0, unchanged: 0 })
    const passed = await db.from('credit_assignments').where('id', credit.id).first()
    assert.equal(passed.status, 'passed')
  })

  test('a results file may hold 100,000 rows, not one more', async ({ client, assert }) => {
    const admin = await makeUser('network_admin')
    const [y, m, d] = day(-1).split('-')
    const file = (rows: number) => {
      const lines = [RESULTS_HEADER]
      for (let i = 0; i < rows; i++)
        lines.push(`R-${i};nobody${i}@example.test;mock_remote;500;${d}/${m}/${y};Validé`)
      return Buffer.from(lines.join('\n'))
    }
    const send = async (rows: number) =>
      client
        .post('/credit-results/import')
        .withCsrfToken()
        .loginAs(admin)
        .file('file', await fixture(`many-${rows}.csv`, file(rows)))
    // Past the 5,000 rows of the other imports: read whole, then checked.
    const many = await send(5001)
    assert.notInclude(many.text(), 'Trop de lignes')
    assert.include(many.text(), 'nobody5000@example.test')
    const tooMany = await send(100_001)
    assert.include(tooMany.text(), 'Trop de lignes (100 000 au plus)')
    const [count] = await db.from('credit_results').count('* as n')
    assert.equal(Number(count.n), 0)
  }).timeout(60_000)
})
