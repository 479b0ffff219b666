import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { assignCredit, assignCredits, removeAssignment } from '#orders'
import {
  CentreFactory,
  makeCandidate,
  makeCreditProduct,
  makeCreditStock,
  makeUser,
} from '#database/factories/index'
import { assertFieldError } from '#tests/helpers/http'

const inDays = (days: number) => DateTime.now().setZone('Europe/Paris').plus({ days }).toISODate()!

/** The partner session form: Grenoble, 20 days ahead at 09:00, with these changes. */
const grenoble = (changes: Record<string, string> = {}) => ({
  centre_name: 'Centre La Poste - Grenoble',
  address: '11, boulevard Maréchal Lyautey',
  postcode: '38000',
  city: 'Grenoble',
  date: inDays(20),
  time: '09:00',
  ...changes,
})

test.group('Orders · partner centre sessions', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  async function published(client: any, seats = 2) {
    const admin = await makeUser('network_admin')
    await client
      .post('/partner-sessions')
      .withCsrfToken()
      .loginAs(admin)
      .form(grenoble({ seats: String(seats) }))
    const session = await db.from('partner_sessions').firstOrFail()
    return { admin, session }
  }

  test('the network publishes a session; centres see it with its seats in the assignment form', async ({
    client,
    assert,
  }) => {
    const { admin, session } = await published(client)
    const list = await client.get('/partner-sessions').loginAs(admin)
    assert.include(list.text(), 'GRENOBLE (38000)')
    const centre = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    await makeCreditStock(centre, 3, await makeCreditProduct({ type: 'official_partner' }))
    const candidate = await makeCandidate(centre)
    const form = await client.get(`/candidates/${candidate.id}/credit`).loginAs(staff)
    assert.include(form.text(), 'GRENOBLE (38000) — Centre La Poste - Grenoble')
    assert.include(form.text(), '2 places')
    assert.include(form.text(), 'à 09:00')
    assert.isNumber(Number(session.id))
  })

  test('an official exam in a partner centre needs a session, takes a seat, and the date is the session’s', async ({
    client,
    assert,
  }) => {
    const { session } = await published(client, 2)
    const centre = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    await makeCreditStock(centre, 5, await makeCreditProduct({ type: 'official_partner' }))
    const [a, b, c] = [
      await makeCandidate(centre),
      await makeCandidate(centre),
      await makeCandidate(centre),
    ]
    await assert.rejects(
      () => assignCredit(staff, a.id, { type: 'official_partner' }),
      /credit_partner_session_required/
    )
    const response = await client
      .post(`/candidates/${a.id}/credit`)
      .withCsrfToken()
      .loginAs(staff)
      .form({ type: 'official_partner', partner_session_id: String(session.id) })
    assert.include(response.text(), 'Certification attribuée')
    await a.refresh()
    assert.equal(a.examDate?.toISODate(), inDays(20))
    // One seat left: two more candidates at once are refused, all or none.
    await assert.rejects(
      () =>
        assignCredits(staff, centre.id, [b.id, c.id], {
          type: 'official_partner',
          partnerSessionId: session.id,
        }),
      /partner_session_full/
    )
    await assignCredit(staff, b.id, { type: 'official_partner', partnerSessionId: session.id })
    await assert.rejects(
      () => assignCredit(staff, c.id, { type: 'official_partner', partnerSessionId: session.id }),
      /partner_session_full/
    )
    // A removal frees the seat.
    await removeAssignment(staff, b.id)
    await assignCredit(staff, c.id, { type: 'official_partner', partnerSessionId: session.id })
  })

  test('a booked session cannot be cancelled nor shrunk below its bookings', async ({
    client,
    assert,
  }) => {
    const { admin, session } = await published(client, 3)
    const centre = await CentreFactory.create()
    const staff = await makeUser('centre_staff', [centre])
    await makeCreditStock(centre, 2, await makeCreditProduct({ type: 'official_partner' }))
    const a = await makeCandidate(centre)
    const b = await makeCandidate(centre)
    await assignCredits(staff, centre.id, [a.id, b.id], {
      type: 'official_partner',
      partnerSessionId: session.id,
    })
    const shrink = await client
      .put(`/partner-sessions/${session.id}`)
      .withCsrfToken()
      .loginAs(admin)
      .form(grenoble({ seats: '1' }))
      .redirects(0)
    assertFieldError(
      shrink,
      'seats',
      '2 place(s) sont déjà prises sur cette session : le nombre de places ne peut pas être inférieur.'
    )
    const moved = await client
      .put(`/partner-sessions/${session.id}`)
      .withCsrfToken()
      .loginAs(admin)
      .form(grenoble({ date: inDays(40), seats: '3' }))
      .redirects(0)
    assert.match(
      String((moved.flashMessages().inputErrorsBag as Record<string, string[]>)?.date ?? ''),
      /2 candidat\(s\) sont inscrits sur cette session/
    )
    const cancel = await client
      .delete(`/partner-sessions/${session.id}`)
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    assert.include(String(cancel.flashMessages().error), '2 candidat(s) sont inscrits')
    await removeAssignment(staff, a.id)
    await removeAssignment(staff, b.id)
    await client.delete(`/partner-sessions/${session.id}`).withCsrfToken().loginAs(admin)
    const after = await db.from('partner_sessions').where('id', session.id).first()
    assert.equal(after.status, 'cancelled')
  })

  test('only the network admin manages partner sessions', async ({ client }) => {
    const centre = await CentreFactory.create()
    for (const role of ['account_manager', 'centre_manager', 'centre_staff'] as const) {
      const user = await makeUser(role, [centre])
      const response = await client.get('/partner-sessions').loginAs(user)
      response.assertStatus(403)
    }
  })
})
