import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { Candidate, anonymiseCandidate } from '#candidates'
import { assignCredit, removeAssignment, stockOf } from '#orders'
import {
  CentreFactory,
  makeCandidate,
  makeCreditProduct,
  makeCreditStock,
  makeUser,
} from '#database/factories/index'
import { xlsxRows } from '#tests/helpers/files'
import { lastMailTo } from '#shared/mail/mailbox'

async function left(centreId: number) {
  const admin = await makeUser('network_admin')
  return (await stockOf(admin, { centreId })).reduce((sum, row) => sum + row.remaining, 0)
}

test.group('Orders · assigning credits to candidates', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the file offers "Attribuer une certification" with the types in stock', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    await makeCreditStock(centre, 10)
    const candidate = await makeCandidate(centre)
    const file = await client.get(`/candidates/${candidate.id}`).loginAs(staff)
    assert.include(file.text(), 'Attribuer une certification')
    const form = await client.get(`/candidates/${candidate.id}/credit`).loginAs(staff)
    assert.include(form.text(), 'Examen blanc - à distance (10 restantes)')
  })

  test('assigning consumes one credit, shows on the file and can e-mail the candidate', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    await makeCreditStock(centre, 3)
    const candidate = await makeCandidate(centre, { email: 'credit.mail@example.test' })
    const response = await client
      .post(`/candidates/${candidate.id}/credit`)
      .withCsrfToken()
      .loginAs(staff)
      .form({ type: 'mock_remote', notify: '1' })
    response.assertStatus(200)
    assert.include(response.text(), 'Certification attribuée')
    assert.match(response.text(), /Modifier l(&#39;|&#x27;|')attribution/)
    assert.equal(await left(centre.id), 2)
    const mail = await lastMailTo('credit.mail@example.test')
    assert.include(mail!.subject, 'Votre inscription à un examen')
    assert.include(mail!.text ?? mail!.html ?? '', 'Examen blanc - à distance')
    // The candidate table's status column comes from the assignment.
    const table = await client.get('/candidates?status=planned').loginAs(staff)
    assert.include(table.text().toLowerCase(), candidate.lastName.toLowerCase())
  })

  test('an on-site exam without a date is refused with the reason, nothing consumed', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    await makeCreditStock(centre, 3, await makeCreditProduct({ type: 'mock_onsite' }))
    const candidate = await makeCandidate(centre)
    const response = await client
      .post(`/candidates/${candidate.id}/credit`)
      .withCsrfToken()
      .loginAs(staff)
      .form({ type: 'mock_onsite' })
      .redirects(0)
    response.assertStatus(302)
    assert.equal(
      response.flashMessages().error,
      "Indiquez la date de passage souhaitée pour ce type d'examen."
    )
    assert.equal(await left(centre.id), 3)
  })

  test('changing the assignment and removing it returns the credit to stock', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    await makeCreditStock(centre, 2)
    await makeCreditStock(centre, 1, await makeCreditProduct({ type: 'official_approved' }))
    const candidate = await makeCandidate(centre, { email: 'annule@example.test' })
    await assignCredit(manager, candidate.id, { type: 'mock_remote' })
    const date = DateTime.now().plus({ days: 10 }).toISODate()!
    await client
      .put(`/candidates/${candidate.id}/credit`)
      .withCsrfToken()
      .loginAs(manager)
      .form({ type: 'official_approved', exam_date: date })
    const stock = await stockOf(manager, { centreId: centre.id })
    assert.deepEqual(
      stock.map((row) => [row.type, row.remaining]),
      [['mock_remote', 2]]
    )
    await candidate.refresh()
    assert.equal(candidate.examDate?.toISODate(), date)

    const removed = await client
      .delete(`/candidates/${candidate.id}/credit`)
      .withCsrfToken()
      .loginAs(manager)
      .form({ notify: '1' })
    assert.include(removed.text(), 'remise en stock')
    assert.equal(await left(centre.id), 3)
    const mail = await lastMailTo('annule@example.test')
    assert.include(mail!.subject, 'Annulation')
    await candidate.refresh()
    assert.equal(candidate.examStatus, 'to_assign')
  })

  test('bulk: the picker lists eligible candidates; assigning beyond the stock is refused', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    await makeCreditStock(centre, 2)
    const a = await makeCandidate(centre, { lastName: 'Arnaud' })
    const b = await makeCandidate(centre, { lastName: 'Bernard' })
    const c = await makeCandidate(centre, { lastName: 'Chevalier' })
    const pending = await makeCandidate(centre, { lastName: 'Pendant' })
    await assignCredit(staff, pending.id, { type: 'mock_remote' })

    const picker = await client.get('/credits/manage/assign/mock_remote').loginAs(staff)
    assert.match(picker.text(), /Arnaud/i)
    // A pending credit can be exchanged for the new one (seed 004 §6.6).
    assert.match(picker.text(), /Pendant/i)
    assert.include(picker.text(), '1 restante')

    const tooMany = await client
      .post('/credits/assignments')
      .withCsrfToken()
      .loginAs(staff)
      .form({ type: 'mock_remote', candidate_ids: [a.id, b.id, c.id] })
      .redirects(0)
    assert.equal(
      tooMany.flashMessages().error,
      'Il ne reste que 1 certification(s) de ce type pour 3 candidat(s) sélectionné(s).'
    )
    assert.equal(await left(centre.id), 1)

    await client
      .post('/credits/assignments')
      .withCsrfToken()
      .loginAs(staff)
      .form({ type: 'mock_remote', candidate_ids: [a.id] })
    assert.equal(await left(centre.id), 0)

    const removable = await client.get('/credits/manage/remove').loginAs(staff)
    assert.match(removable.text(), /Arnaud/i)
    assert.match(removable.text(), /Pendant/i)
    assert.notMatch(removable.text(), /Bernard/i)
    await client
      .post('/credits/removals')
      .withCsrfToken()
      .loginAs(staff)
      .form({ candidate_ids: [a.id, pending.id] })
    assert.equal(await left(centre.id), 2)
  })

  test('activation codes: one, a selection, and their export', async ({ client, assert }) => {
    const centre = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    await makeCreditStock(centre, 3, await makeCreditProduct({ type: 'mock_manual' }))
    await makeCreditStock(centre, 1, await makeCreditProduct({ type: 'mock_remote' }))
    const a = await makeCandidate(centre, { lastName: 'Avec' })
    const b = await makeCandidate(centre, { lastName: 'Bavec' })
    const remote = await makeCandidate(centre, { lastName: 'Distant' })
    const first = await assignCredit(staff, a.id, { type: 'mock_manual' })
    const second = await assignCredit(staff, b.id, { type: 'mock_manual' })
    await assignCredit(staff, remote.id, { type: 'mock_remote' })

    const one = await client.get(`/candidates/${a.id}/code`).loginAs(staff)
    assert.include(one.text(), first.activationCode!)
    assert.notInclude(one.text(), second.activationCode!)

    const picker = await client.get('/activation-codes').loginAs(staff)
    assert.match(picker.text(), /Avec/i)
    assert.notMatch(picker.text(), /Distant/i)

    const selection = await client
      .get(`/activation-codes/selection?candidate_ids[]=${a.id}&candidate_ids[]=${b.id}`)
      .loginAs(staff)
    assert.include(selection.text(), first.activationCode!)
    assert.include(selection.text(), second.activationCode!)

    const csv = await client
      .get(`/activation-codes/export/csv?candidate_ids[]=${a.id}&candidate_ids[]=${b.id}`)
      .loginAs(staff)
    assert.include(csv.text(), second.activationCode!)
    const xlsx = await client
      .get(`/activation-codes/export/xlsx?candidate_ids[]=${a.id}`)
      .loginAs(staff)
    const rows = await xlsxRows(xlsx.body())
    assert.equal(rows[1][5], first.activationCode)
    const audit = await db.from('audit_logs').where('action', 'activation_codes.show')
    assert.isAtLeast(audit.length, 4)
  })

  test('a centre never reaches another centre’s candidates or codes', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const other = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    const theirs = await makeUser('centre_staff', [other])
    await makeCreditStock(other, 2, await makeCreditProduct({ type: 'mock_manual' }))
    const candidate = await makeCandidate(other)
    const given = await assignCredit(theirs, candidate.id, { type: 'mock_manual' })
    for (const path of [`/candidates/${candidate.id}/credit`, `/candidates/${candidate.id}/code`]) {
      const response = await client.get(path).loginAs(staff)
      response.assertStatus(404)
    }
    const selection = await client
      .get(`/activation-codes/selection?candidate_ids[]=${candidate.id}`)
      .loginAs(staff)
    assert.notInclude(selection.text(), given.activationCode!)
    const bulk = await client
      .post('/credits/removals')
      .withCsrfToken()
      .loginAs(staff)
      .header('Accept', 'application/json')
      .form({ candidate_ids: [candidate.id] })
    bulk.assertStatus(404)
    const still = await Candidate.findOrFail(candidate.id)
    assert.equal(still.examStatus, 'planned')
  })
})

test.group('Orders · credits and the candidate file (review)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an exam date beyond the nearest expiry takes a credit still valid that day', async ({
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    await makeCreditStock(
      centre,
      1,
      await makeCreditProduct({ type: 'mock_onsite', validityMonths: 1 })
    )
    await makeCreditStock(
      centre,
      2,
      await makeCreditProduct({ type: 'mock_onsite', validityMonths: 12 })
    )
    const candidate = await makeCandidate(centre)
    const given = await assignCredit(staff, candidate.id, {
      type: 'mock_onsite',
      examDate: DateTime.now().plus({ months: 3 }),
    })
    const line = await db.from('credit_order_lines').where('id', given.orderLineId).first()
    assert.equal(Number(line.validity_months), 12)
  })

  test('the date alone can change even when no credit of the type is left', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    await makeCreditStock(centre, 1, await makeCreditProduct({ type: 'mock_onsite' }))
    const candidate = await makeCandidate(centre)
    await assignCredit(staff, candidate.id, {
      type: 'mock_onsite',
      examDate: DateTime.now().plus({ days: 5 }),
    })
    const form = await client.get(`/candidates/${candidate.id}/credit`).loginAs(staff)
    assert.include(form.text(), 'Examen blanc - sur site (0 restante)')
    assert.include(form.text(), DateTime.now().plus({ days: 5 }).toISODate()!)
    const later = DateTime.now().plus({ days: 9 }).toISODate()!
    await client
      .put(`/candidates/${candidate.id}/credit`)
      .withCsrfToken()
      .loginAs(staff)
      .form({ type: 'mock_onsite', exam_date: later })
    await candidate.refresh()
    assert.equal(candidate.examDate?.toISODate(), later)
    assert.equal(await left(centre.id), 0)
  })

  test('a candidate whose only credit was removed can be deleted', async ({ client, assert }) => {
    const centre = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    await makeCreditStock(centre, 1)
    const candidate = await makeCandidate(centre)
    await assignCredit(staff, candidate.id, { type: 'mock_remote' })
    await removeAssignment(staff, candidate.id)
    await client.delete(`/candidates/${candidate.id}`).withCsrfToken().loginAs(staff)
    assert.isNull(await Candidate.find(candidate.id))
    assert.equal(await left(centre.id), 1)
  })

  test('anonymising a candidate returns a pending credit to the stock', async ({ assert }) => {
    const centre = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    await makeCreditStock(centre, 2, await makeCreditProduct({ type: 'mock_manual' }))
    const candidate = await makeCandidate(centre)
    await assignCredit(manager, candidate.id, { type: 'mock_manual' })
    assert.equal(await left(centre.id), 1)
    await anonymiseCandidate(manager, candidate)
    assert.equal(await left(centre.id), 2)
    const assignment = await db
      .from('credit_assignments')
      .where('candidate_id', candidate.id)
      .first()
    assert.equal(assignment.status, 'returned')
    assert.isNull(assignment.activation_code)
  })
})
