import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import drive from '@adonisjs/drive/services/main'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { Candidate } from '#candidates'
import { sha256 } from '#tests/helpers/files'
import { CentreFactory, makeHeldRegistration, makeUser } from '#database/factories/index'

const jpeg = (fill: number) =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(3000, fill)])

/** Declares and sends a photo in one chunk, as the capture screen does. */
async function sendPhoto(
  client: any,
  user: any,
  registrationId: number,
  bytes: Buffer,
  at: DateTime
) {
  const declared = await client
    .post(`/passport/registrations/${registrationId}/uploads`)
    .loginAs(user)
    .header('Accept', 'application/json')
    .json({
      clientId: randomUUID(),
      kind: 'photo',
      size: bytes.length,
      sha256: sha256(bytes),
      capturedAt: at.toISO(),
    })
    .withCsrfToken()
  const chunk = client
    .put(`/passport/uploads/${declared.body().id}`)
    .qs({ offset: 0 })
    .loginAs(user)
    .header('Accept', 'application/json')
    .withCsrfToken()
  chunk.type('application/octet-stream')
  chunk.request.send(bytes)
  const sent = await chunk
  sent.assertStatus(200)
  return sent.body()
}

test.group('Passports · the photo reaches the candidate file', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("the captured photo becomes the file's (its own copy), ticks the session table and a later one replaces it", async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const registration = await makeHeldRegistration(centre)
    const evaluator = await makeUser('evaluator', [centre])
    const manager = await makeUser('centre_manager', [centre])
    const table = async () => {
      const page = await client.get(`/sessions/${registration.sessionId}`).loginAs(manager)
      const row = page.text().match(/<tr data-testid="registration-row">([\s\S]*?)<\/tr>/)![1]
      const cells = [...row.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => m[1])
      // N°, candidate, photo, signature, … actions.
      return { photo: cells[2], row }
    }
    assert.include((await table()).photo, '×')

    const first = jpeg(1)
    await sendPhoto(client, evaluator, registration.id, first, DateTime.utc().minus({ minutes: 5 }))
    const candidate = await Candidate.findOrFail(registration.candidateId)
    const firstKey = candidate.photoKey!
    assert.match(candidate.photoKey!, new RegExp(`^candidates/${candidate.id}/photo-`))
    assert.deepEqual(Buffer.from(await drive.use().getBytes(candidate.photoKey!)), first)
    const { photo, row } = await table()
    assert.include(photo, '✓')
    assert.include(row, `href="/passport/registrations/${registration.id}"`)
    const network = await client
      .get(`/sessions/${registration.sessionId}`)
      .loginAs(await makeUser('account_manager', [centre]))
    network.assertStatus(200)
    assert.notInclude(network.text(), 'data-testid="passport-link"')
    const served = await client.get(`/candidates/${candidate.id}/photo`).loginAs(manager)
    served.assertStatus(200)

    // A newer photo replaces it; an older one finishing late does not.
    const second = jpeg(2)
    await sendPhoto(client, evaluator, registration.id, second, DateTime.utc())
    await candidate.refresh()
    const secondKey = candidate.photoKey!
    assert.deepEqual(Buffer.from(await drive.use().getBytes(secondKey)), second)
    assert.isFalse(await drive.use().exists(firstKey))
    await sendPhoto(client, evaluator, registration.id, jpeg(3), DateTime.utc().minus({ hours: 1 }))
    await candidate.refresh()
    assert.equal(candidate.photoKey, secondKey)
  })
})
