import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import drive from '@adonisjs/drive/services/main'
import testUtils from '@adonisjs/core/services/test_utils'
import PassportMedia from '#passports/models/passport_media'
import PassportUpload from '#passports/models/passport_upload'
import AuditLog from '#shared/audit/audit_log'
import { sha256, webm } from '#tests/helpers/files'
import { CentreFactory, makeHeldRegistration, makeUser } from '#database/factories/index'

async function setup() {
  const centre = await CentreFactory.create()
  const registration = await makeHeldRegistration(centre)
  const evaluator = await makeUser('evaluator', [centre])
  return { centre, registration, evaluator }
}

test.group('Passports · resumable uploads', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a clip sent in chunks, with a replayed chunk and a resume, is stored once and verified', async ({
    client,
    assert,
  }) => {
    const { registration, evaluator } = await setup()
    const file = webm(300_000)
    const declare = () =>
      client
        .post(`/passport/registrations/${registration.id}/uploads`)
        .loginAs(evaluator)
        .header('Accept', 'application/json')
        .json({
          clientId: 'clip-' + 'a1b2c3d4',
          kind: 'clip',
          part: 'EO-A',
          size: file.length,
          sha256: sha256(file),
          durationMs: 61_000,
          capturedAt: '2026-11-30T09:15:00Z',
        })
        .withCsrfToken()
    const declared = await declare()
    declared.assertStatus(201)
    const id = declared.body().id
    const send = (offset: number, bytes: Buffer, hash = sha256(bytes)) => {
      const request = client
        .put(`/passport/uploads/${id}`)
        .qs({ offset })
        .loginAs(evaluator)
        .header('Accept', 'application/json')
        .header('X-Chunk-Sha256', hash)
        .withCsrfToken()
      request.type('application/octet-stream')
      request.request.send(bytes)
      return request
    }
    const first = await send(0, file.subarray(0, 100_000))
    assert.equal(first.body().received, 100_000)
    // The answer was lost: the chunk comes again, and is not stored twice.
    const replay = await send(0, file.subarray(0, 100_000))
    assert.equal(replay.body().received, 100_000)
    // A chunk from beyond what was received is refused with where to resume.
    const gap = await send(200_000, file.subarray(200_000))
    gap.assertStatus(409)
    assert.equal(gap.body().received, 100_000)
    // After a cut the page asks where the server stands, then resumes.
    const state = await client.get(`/passport/uploads/${id}`).loginAs(evaluator)
    assert.equal(state.body().received, 100_000)
    const again = await declare()
    assert.equal(again.body().id, id)
    assert.equal(again.body().received, 100_000)
    await send(100_000, file.subarray(100_000, 200_000))
    const last = await send(200_000, file.subarray(200_000))
    assert.isTrue(last.body().complete)
    const media = await PassportMedia.findOrFail(last.body().mediaId)
    assert.equal(media.kind, 'clip')
    assert.equal(media.part, 'EO-A')
    assert.equal(media.mime, 'audio/webm')
    assert.equal(media.size, file.length)
    assert.equal(media.durationMs, 61_000)
    assert.equal(sha256(await drive.use().getBytes(media.storageKey!)), sha256(file))
    assert.lengthOf(await PassportMedia.query().where('passport_id', media.passportId), 1)
    // A replay after completion says complete, and changes nothing.
    const late = await send(200_000, file.subarray(200_000))
    assert.isTrue(late.body().complete)
    assert.lengthOf(await PassportMedia.query().where('passport_id', media.passportId), 1)
    assert.exists(await AuditLog.findBy('action', 'passport.media_uploaded'))
  })

  test('a wrong chunk checksum, a wrong file checksum, a wrong type or a wrong size are refused', async ({
    client,
    assert,
  }) => {
    const { registration, evaluator } = await setup()
    const file = webm(50_000)
    const declare = async (body: Record<string, unknown>) =>
      client
        .post(`/passport/registrations/${registration.id}/uploads`)
        .loginAs(evaluator)
        .header('Accept', 'application/json')
        .json({ clientId: randomUUID(), kind: 'clip', part: 'EO-B', size: file.length, ...body })
        .withCsrfToken()
    const send = (id: string, offset: number, bytes: Buffer, hash?: string) => {
      const request = client
        .put(`/passport/uploads/${id}`)
        .qs({ offset })
        .loginAs(evaluator)
        .header('Accept', 'application/json')
        .withCsrfToken()
      if (hash) request.header('X-Chunk-Sha256', hash)
      request.type('application/octet-stream')
      request.request.send(bytes)
      return request
    }
    // The chunk's hash does not match: nothing stored.
    const one = await declare({ sha256: sha256(file) })
    const badChunk = await send(one.body().id, 0, file, sha256(Buffer.from('autre chose')))
    badChunk.assertStatus(422)
    assert.equal(badChunk.body().error, 'upload_chunk_checksum')
    assert.equal((await PassportUpload.findOrFail(one.body().id)).received, 0)
    // The whole file does not hash to what was declared: thrown away, to be sent again.
    const two = await declare({ sha256: sha256(Buffer.from('not this file')) })
    const badFile = await send(two.body().id, 0, file)
    badFile.assertStatus(422)
    assert.equal(badFile.body().error, 'upload_checksum')
    assert.equal((await PassportUpload.findOrFail(two.body().id)).received, 0)
    // Not audio by its bytes (a PDF named as a clip).
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(1000, 32)])
    const three = await declare({ size: pdf.length, sha256: sha256(pdf) })
    const wrongType = await send(three.body().id, 0, pdf)
    wrongType.assertStatus(422)
    assert.equal(wrongType.body().error, 'upload_wrong_type')
    // Too large for a clip, an unknown oral part, odd declarations.
    for (const body of [
      { size: 200 * 1024 * 1024, sha256: sha256(file) },
      { part: 'EO-C', sha256: sha256(file) },
      { sha256: 'abc' },
      { clientId: '../../x', sha256: sha256(file) },
      { kind: 'video', sha256: sha256(file) },
      { kind: 'signature', size: 500, sha256: sha256(file) },
    ]) {
      const refused = await declare(body)
      refused.assertStatus(422)
    }
    // More bytes than declared.
    const four = await declare({ size: 1000, sha256: sha256(file.subarray(0, 1000)) })
    const tooLong = await send(four.body().id, 0, file)
    tooLong.assertStatus(422)
    assert.equal(tooLong.body().error, 'upload_too_long')
    assert.lengthOf(await PassportMedia.all(), 0)
  })

  test('an evaluator of another centre cannot upload or read; staff upload a photo but never record the oral', async ({
    client,
  }) => {
    const { centre, registration, evaluator } = await setup()
    const file = webm(1000)
    const clip = {
      clientId: randomUUID(),
      kind: 'clip',
      part: 'EO-A',
      size: 1000,
      sha256: sha256(file),
    }
    const declared = await client
      .post(`/passport/registrations/${registration.id}/uploads`)
      .loginAs(evaluator)
      .header('Accept', 'application/json')
      .json(clip)
      .withCsrfToken()
    const id = declared.body().id
    const stranger = await makeUser('evaluator', [await CentreFactory.create()])
    const strangerDeclares = await client
      .post(`/passport/registrations/${registration.id}/uploads`)
      .loginAs(stranger)
      .header('Accept', 'application/json')
      .json({ ...clip, clientId: randomUUID() })
      .withCsrfToken()
    strangerDeclares.assertStatus(404)
    ;(await client.get(`/passport/uploads/${id}`).loginAs(stranger)).assertStatus(404)
    const strangerSends = client
      .put(`/passport/uploads/${id}`)
      .qs({ offset: 0 })
      .loginAs(stranger)
      .withCsrfToken()
    strangerSends.type('application/octet-stream')
    strangerSends.request.send(file)
    ;(await strangerSends).assertStatus(404)

    const staff = await makeUser('centre_staff', [centre])
    const staffClip = await client
      .post(`/passport/registrations/${registration.id}/uploads`)
      .loginAs(staff)
      .header('Accept', 'application/json')
      .json({ ...clip, clientId: randomUUID() })
      .withCsrfToken()
    staffClip.assertStatus(403)
    ;(await client.get(`/passport/uploads/${id}`).loginAs(staff)).assertStatus(403)
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(500, 1)])
    const staffPhoto = await client
      .post(`/passport/registrations/${registration.id}/uploads`)
      .loginAs(staff)
      .header('Accept', 'application/json')
      .json({ clientId: randomUUID(), kind: 'photo', size: jpeg.length, sha256: sha256(jpeg) })
      .withCsrfToken()
    staffPhoto.assertStatus(201)
    for (const role of ['teacher', 'learner', 'account_manager'] as const) {
      const user = await makeUser(role, [centre])
      const refused = await client
        .post(`/passport/registrations/${registration.id}/uploads`)
        .loginAs(user)
        .header('Accept', 'application/json')
        .json({ clientId: randomUUID(), kind: 'photo', size: jpeg.length, sha256: sha256(jpeg) })
        .withCsrfToken()
      refused.assertStatus(403)
    }
    // A session that ended: the capture screen gets a 401, not a login page.
    ;(
      await client.get(`/passport/uploads/${id}`).header('Accept', 'application/json')
    ).assertStatus(401)
  })

  test('a passport that may no longer change refuses uploads; an image must start as one; a finalisation that failed is finished by an empty chunk', async ({
    client,
    assert,
  }) => {
    const { registration, evaluator } = await setup()
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(500, 1)])
    const declare = (body: Record<string, unknown>) =>
      client
        .post(`/passport/registrations/${registration.id}/uploads`)
        .loginAs(evaluator)
        .header('Accept', 'application/json')
        .json({
          clientId: randomUUID(),
          kind: 'photo',
          size: jpeg.length,
          sha256: sha256(jpeg),
          ...body,
        })
        .withCsrfToken()
    const send = (id: string, offset: number, bytes: Buffer) => {
      const request = client
        .put(`/passport/uploads/${id}`)
        .qs({ offset })
        .loginAs(evaluator)
        .header('Accept', 'application/json')
        .withCsrfToken()
      request.type('application/octet-stream')
      request.request.send(bytes)
      return request
    }
    // An MP3's ID3 tag in front of a JPEG: detection would skip it; an image must start as one.
    const id3 = Buffer.concat([
      Buffer.from('ID3'),
      Buffer.from([3, 0, 0, 0, 0, 0, 10]),
      Buffer.alloc(10),
      jpeg,
    ])
    const disguised = await declare({ size: id3.length, sha256: sha256(id3) })
    const refused = await send(disguised.body().id, 0, id3)
    assert.equal(refused.body().error, 'upload_wrong_type')

    // All bytes there, the media never created (a crash while joining): an empty chunk finishes it.
    const stuck = await declare({})
    const upload = await PassportUpload.findOrFail(stuck.body().id)
    await drive.use().put(`passport-uploads/${upload.id}/000000000000`, jpeg)
    upload.merge({ received: jpeg.length, chunks: [0], mime: 'image/jpeg', extension: 'jpeg' })
    await upload.save()
    const again = await declare({ clientId: upload.clientId })
    assert.equal(again.body().received, jpeg.length)
    assert.isFalse(again.body().complete)
    const finished = await send(upload.id, jpeg.length, Buffer.alloc(0))
    assert.isTrue(finished.body().complete)
    const media = await PassportMedia.findOrFail(finished.body().mediaId)
    assert.equal(sha256(await drive.use().getBytes(media.storageKey!)), sha256(jpeg))

    // Cancelled: nothing more is taken, not even the rest of an upload under way.
    const pending = await declare({})
    registration.status = 'cancelled'
    await registration.save()
    const closed = await declare({})
    closed.assertStatus(422)
    assert.equal(closed.body().error, 'passport_closed')
    const late = await send(pending.body().id, 0, jpeg)
    late.assertStatus(422)
    assert.equal(late.body().error, 'passport_closed')
  })
})
