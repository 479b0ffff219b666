import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import drive from '@adonisjs/drive/services/main'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { Candidate, anonymiseCandidate } from '#candidates'
import { ExamSubject, GridCriterion, Product } from '#sessions'
import PassportMedia from '#passports/models/passport_media'
import { CentreFactory, makeHeldRegistration, makeUser } from '#database/factories/index'
import { expectStatus } from '#tests/helpers/http'
import { readZip, sha256, webm } from '#tests/helpers/files'
import { pagesText } from '#tests/helpers/pdf'

/** A candidate whose examiner uploaded a clip for section A and filled its grid, through the API. */
async function captured(client: any) {
  const centre = await CentreFactory.create()
  const registration = await makeHeldRegistration(centre)
  const evaluator = await makeUser('evaluator', [centre])
  const tef = await Product.findByOrFail('code', 'TEFCAN')
  const criterion = await GridCriterion.create({
    productId: tef.id,
    part: 'EO-A',
    label: 'Cohérence du discours',
    levels: ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'],
    position: 1,
    active: true,
  })
  const subject = await ExamSubject.create({
    productId: tef.id,
    part: 'EO-A',
    code: 'A12',
    title: 'Location de vélos',
    instructions: null,
    active: true,
  })
  const clip = webm(40_000)
  const declared = await client
    .post(`/passport/registrations/${registration.id}/uploads`)
    .loginAs(evaluator)
    .header('Accept', 'application/json')
    .json({
      clientId: randomUUID(),
      kind: 'clip',
      part: 'EO-A',
      size: clip.length,
      sha256: sha256(clip),
      durationMs: 95_000,
    })
    .withCsrfToken()
  const chunk = client
    .put(`/passport/uploads/${declared.body().id}`)
    .qs({ offset: 0 })
    .loginAs(evaluator)
    .header('Accept', 'application/json')
    .withCsrfToken()
  chunk.type('application/octet-stream')
  chunk.request.send(clip)
  const sent = await chunk
  await client
    .put(`/passport/registrations/${registration.id}/parts/EO-A`)
    .loginAs(evaluator)
    .header('Accept', 'application/json')
    .json({ subjectId: subject.id, grid: { [criterion.id]: 'B2' } })
    .withCsrfToken()
  return { centre, registration, evaluator, clip, mediaId: sent.body().mediaId as number }
}

test.group('Passports · the portal side', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the manager sees the grid and plays the recording; the zip holds them with a manifest', async ({
    client,
    assert,
  }) => {
    const s = await captured(client)
    const manager = await makeUser('centre_manager', [s.centre])
    const page = await client.get(`/passport/registrations/${s.registration.id}`).loginAs(manager)
    page.assertTextIncludes(`<audio controls preload="none" src="/passport/media/${s.mediaId}"`)
    page.assertTextIncludes('A12 — Location de vélos')
    page.assertTextIncludes('Cohérence du discours')
    page.assertTextIncludes('<td>B2</td>')
    page.assertTextIncludes('95 s')
    const audio = await client.get(`/passport/media/${s.mediaId}`).loginAs(manager)
    audio.assertHeader('content-type', 'audio/webm')
    audio.assertHeader('x-content-type-options', 'nosniff')

    const zip = await client
      .get(`/passport/registrations/${s.registration.id}/export`)
      .loginAs(manager)
    zip.assertHeader('content-type', 'application/zip')
    const files = await readZip(zip.body() as Buffer)
    const manifest = JSON.parse(files['manifest.json'].toString())
    assert.equal(manifest.files[0].sha256, sha256(s.clip))
    const clipName = manifest.files[0].file
    assert.equal(sha256(files[clipName]), sha256(s.clip))
    const [grids] = await pagesText(files['grilles.pdf'])
    assert.include(grids, 'Cohérence du discours')
    assert.include(grids, 'B2')
  })

  test('a recording is served by byte ranges, as players seek (Safari plays audio only so)', async ({
    client,
    assert,
  }) => {
    const s = await captured(client)
    const manager = await makeUser('centre_manager', [s.centre])
    const get = (range?: string) => {
      const request = client.get(`/passport/media/${s.mediaId}`).loginAs(manager)
      return range ? request.header('Range', range) : request
    }
    const whole = await get()
    whole.assertStatus(200)
    whole.assertHeader('accept-ranges', 'bytes')
    whole.assertHeader('content-length', String(s.clip.length))
    assert.equal(sha256(whole.body() as Buffer), sha256(s.clip))

    const head = await get('bytes=0-99')
    head.assertStatus(206)
    head.assertHeader('content-range', `bytes 0-99/${s.clip.length}`)
    head.assertHeader('content-length', '100')
    assert.deepEqual(head.body(), s.clip.subarray(0, 100))

    const tail = await get('bytes=-16')
    tail.assertStatus(206)
    tail.assertHeader(
      'content-range',
      `bytes ${s.clip.length - 16}-${s.clip.length - 1}/${s.clip.length}`
    )
    assert.deepEqual(tail.body(), s.clip.subarray(-16))

    const outside = await get(`bytes=${s.clip.length}-`)
    outside.assertStatus(416)
    outside.assertHeader('content-range', `bytes */${s.clip.length}`)

    // A file gone from the disk (restored backup, manual cleanup) is a 404, not a 500.
    const media = await PassportMedia.findOrFail(s.mediaId)
    await drive.use().delete(media.storageKey!)
    ;(await get('bytes=0-9')).assertStatus(404)
  })

  test('evaluators see but do not export; other roles and centres are refused; a purged file is gone', async ({
    client,
  }) => {
    const s = await captured(client)
    await expectStatus(
      client.get(`/passport/registrations/${s.registration.id}`).loginAs(s.evaluator),
      200
    )
    await expectStatus(
      client.get(`/passport/registrations/${s.registration.id}/export`).loginAs(s.evaluator),
      403
    )
    const staff = await makeUser('centre_staff', [s.centre])
    await expectStatus(
      client.get(`/passport/registrations/${s.registration.id}/export`).loginAs(staff),
      200
    )
    for (const role of ['teacher', 'learner'] as const) {
      const user = await makeUser(role, [s.centre])
      await expectStatus(
        client.get(`/passport/registrations/${s.registration.id}`).loginAs(user),
        403
      )
      await expectStatus(client.get(`/passport/media/${s.mediaId}`).loginAs(user), 403)
    }
    const stranger = await makeUser('centre_manager', [await CentreFactory.create()])
    await expectStatus(
      client.get(`/passport/registrations/${s.registration.id}`).loginAs(stranger),
      404
    )
    await expectStatus(client.get(`/passport/media/${s.mediaId}`).loginAs(stranger), 404)
    await expectStatus(
      client.get(`/passport/registrations/${s.registration.id}/export`).loginAs(stranger),
      404
    )
    const media = await PassportMedia.findOrFail(s.mediaId)
    media.merge({ storageKey: null, purgedAt: DateTime.utc() })
    await media.save()
    const gone = await client.get(`/passport/media/${s.mediaId}`).loginAs(staff)
    gone.assertStatus(410)
    gone.assertTextIncludes('empreinte SHA-256')
  })

  test("the candidate's GDPR export carries the recordings, and anonymisation deletes them", async ({
    client,
    assert,
  }) => {
    const s = await captured(client)
    const candidate = await Candidate.findOrFail(s.registration.candidateId)
    const manager = await makeUser('centre_manager', [s.centre])
    const zip = await client.get(`/candidates/${candidate.id}/personal-data`).loginAs(manager)
    const files = await readZip(zip.body() as Buffer)
    const data = JSON.parse(files['data.json'].toString())
    assert.equal(data.passports.examPassports[0].captures[0].sha256, sha256(s.clip))
    const clipFile = Object.keys(files).find((name) => name.includes('clip-EO-A'))!
    assert.equal(sha256(files[clipFile]), sha256(s.clip))
    const media = await PassportMedia.findOrFail(s.mediaId)
    const key = media.storageKey!
    await anonymiseCandidate(null, candidate)
    await media.refresh()
    assert.isNull(media.storageKey)
    assert.equal(media.sha256, sha256(s.clip))
    assert.isFalse(await drive.use().exists(key))
  })
})
