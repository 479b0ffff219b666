import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import drive from '@adonisjs/drive/services/main'
import testUtils from '@adonisjs/core/services/test_utils'
import ExamPassport from '#passports/models/exam_passport'
import PassportMedia from '#passports/models/passport_media'
import PassportUpload from '#passports/models/passport_upload'
import AuditLog from '#shared/audit/audit_log'
import { CentreFactory, makeHeldRegistration, makeUser } from '#database/factories/index'
import { expectStatus } from '#tests/helpers/http'

/** A held registration with one uploaded clip in EO-A (file stored, upload accepted). */
async function setup() {
  const centre = await CentreFactory.create()
  const registration = await makeHeldRegistration(centre)
  const evaluator = await makeUser('evaluator', [centre])
  const passport = await ExamPassport.create({
    registrationId: registration.id,
    centreId: centre.id,
  })
  const clientId = `clip-${Math.random().toString(36).slice(2, 10)}`
  const key = `passports/${passport.id}/${clientId}.webm`
  await drive.use().put(key, Buffer.from('audio'))
  const clip = await PassportMedia.create({
    passportId: passport.id,
    kind: 'clip',
    part: 'EO-A',
    clientId,
    storageKey: key,
    mime: 'audio/webm',
    size: 5,
    sha256: 'c'.repeat(64),
    durationMs: 4200,
    capturedAt: DateTime.utc().minus({ minutes: 20 }),
    capturedBy: evaluator.id,
    uploadedAt: DateTime.utc().minus({ minutes: 5 }),
    purgedAt: null,
  })
  const upload = await PassportUpload.create({
    id: randomUUID(),
    passportId: passport.id,
    clientId,
    kind: 'clip',
    part: 'EO-A',
    size: 5,
    sha256: 'c'.repeat(64),
    received: 5,
    chunks: [0],
    capturedAt: clip.capturedAt,
    acceptedAt: DateTime.utc(),
    createdBy: evaluator.id,
    mediaId: clip.id,
  })
  await drive.use().put(`passport-uploads/${upload.id}/000000000000`, Buffer.from('audio'))
  return {
    centre,
    registration,
    evaluator,
    passport,
    clip,
    key,
    upload,
    path: `/passport/registrations/${registration.id}/clips/${clientId}`,
  }
}

type Setup = Awaited<ReturnType<typeof setup>>

const move = (client: any, s: Setup, user: any, part: string) =>
  client
    .patch(s.path)
    .loginAs(user)
    .header('Accept', 'application/json')
    .json({ part })
    .withCsrfToken()

const remove = (client: any, s: Setup, user: any) =>
  client.delete(s.path).loginAs(user).header('Accept', 'application/json').withCsrfToken()

test.group('Passports · clips already uploaded', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the examiner moves an uploaded clip to section B: the clip and its upload follow, audited', async ({
    client,
    assert,
  }) => {
    const s = await setup()
    const capture = await client
      .get(`/passport/registrations/${s.registration.id}/capture`)
      .loginAs(s.evaluator)
    capture.assertTextIncludes(s.clip.clientId)
    capture.assertTextIncludes(`/passport/media/${s.clip.id}`)

    const moved = await move(client, s, s.evaluator, 'EO-B')
    moved.assertStatus(200)
    moved.assertBody({ clientId: s.clip.clientId, part: 'EO-B' })
    await s.clip.refresh()
    await s.upload.refresh()
    assert.equal(s.clip.part, 'EO-B')
    assert.equal(s.upload.part, 'EO-B')
    const audit = await AuditLog.findByOrFail('action', 'passport.clip_moved')
    assert.deepEqual(
      [audit.before, audit.after],
      [
        { clip: s.clip.id, part: 'EO-A' },
        { clip: s.clip.id, part: 'EO-B' },
      ]
    )
    assert.equal(audit.actorId, s.evaluator.id)

    const unknown = await move(client, s, s.evaluator, 'IO')
    unknown.assertStatus(422)
    await s.clip.refresh()
    assert.equal(s.clip.part, 'EO-B')
  })

  test('the examiner deletes an uploaded clip: file and upload go, the audit keeps hash, size and who', async ({
    client,
    assert,
  }) => {
    const s = await setup()
    const deleted = await remove(client, s, s.evaluator)
    deleted.assertStatus(204)
    assert.isNull(await PassportMedia.find(s.clip.id))
    const tombstone = await PassportUpload.findOrFail(s.upload.id)
    assert.isNotNull(tombstone.deletedAt)
    assert.equal(tombstone.deletedBy, s.evaluator.id)
    assert.isFalse(await drive.use().exists(s.key))
    assert.isFalse(await drive.use().exists(`passport-uploads/${s.upload.id}/000000000000`))
    const audit = await AuditLog.findByOrFail('action', 'passport.clip_deleted')
    assert.deepInclude(audit.before as object, {
      clip: s.clip.id,
      part: 'EO-A',
      size: 5,
      sha256: 'c'.repeat(64),
      durationMs: 4200,
      capturedBy: s.evaluator.id,
    })
    const again = await remove(client, s, s.evaluator)
    again.assertStatus(404)
    assert.equal(again.body().error, 'passport_clip_not_found')

    // A device still holding the clip cannot send it again: declared, asked or sent, it is gone.
    const declared = await client
      .post(`/passport/registrations/${s.registration.id}/uploads`)
      .loginAs(s.evaluator)
      .header('Accept', 'application/json')
      .json({
        clientId: s.clip.clientId,
        kind: 'clip',
        part: 'EO-A',
        size: 5,
        sha256: 'c'.repeat(64),
      })
      .withCsrfToken()
    declared.assertStatus(410)
    assert.equal(declared.body().error, 'passport_clip_deleted')
    const asked = await client
      .get(`/passport/uploads/${s.upload.id}`)
      .loginAs(s.evaluator)
      .header('Accept', 'application/json')
    asked.assertStatus(410)
    const chunk = client
      .put(`/passport/uploads/${s.upload.id}`)
      .qs({ offset: 0 })
      .loginAs(s.evaluator)
      .header('Accept', 'application/json')
      .withCsrfToken()
    chunk.type('application/octet-stream')
    chunk.request.send(Buffer.from('audio'))
    ;(await chunk).assertStatus(410)
    assert.lengthOf(await PassportMedia.query().where('client_id', s.clip.clientId), 0)
  })

  test('only the evaluators of the centre, while the passport is open; a purged clip is gone', async ({
    client,
    assert,
  }) => {
    const s = await setup()
    for (const role of ['centre_manager', 'centre_staff'] as const) {
      const user = await makeUser(role, [s.centre])
      await expectStatus(move(client, s, user, 'EO-B'), 403)
      await expectStatus(remove(client, s, user), 403)
    }
    const other = await makeUser('evaluator', [await CentreFactory.create()])
    await expectStatus(move(client, s, other, 'EO-B'), 404)
    await expectStatus(remove(client, s, other), 404)
    await expectStatus(
      client.delete(s.path).header('Accept', 'application/json').withCsrfToken(),
      401
    )
    await s.clip.refresh()
    assert.equal(s.clip.part, 'EO-A')
    assert.isTrue(await drive.use().exists(s.key))

    await s.clip.merge({ storageKey: null, purgedAt: DateTime.utc() }).save()
    await expectStatus(remove(client, s, s.evaluator), 410)

    await s.clip.merge({ storageKey: s.key, purgedAt: null }).save()
    await s.registration.load('session')
    await s.registration.session
      .merge({ status: 'results_published', resultsPublishedAt: DateTime.utc() })
      .save()
    const closed = await remove(client, s, s.evaluator)
    closed.assertStatus(422)
    assert.equal(closed.body().error, 'passport_closed')
    assert.isNotNull(await PassportMedia.find(s.clip.id))
  })
})
