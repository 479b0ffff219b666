import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import ace from '@adonisjs/core/services/ace'
import drive from '@adonisjs/drive/services/main'
import testUtils from '@adonisjs/core/services/test_utils'
import PassportsPurge from '#commands/passports_purge'
import ExamPassport from '#passports/models/exam_passport'
import PassportMedia from '#passports/models/passport_media'
import PassportUpload from '#passports/models/passport_upload'
import AuditLog from '#shared/audit/audit_log'
import { CentreFactory, makeRegistration, makeSession, makeUser } from '#database/factories/index'
import { expectStatus } from '#tests/helpers/http'

/** A stored clip of a registration whose session's results were published `daysAgo`. */
async function clipPublished(daysAgo: number) {
  const centre = await CentreFactory.create()
  const session = await makeSession(centre)
  const registration = await makeRegistration(centre, session)
  session.merge({
    status: 'results_published',
    resultsPublishedAt: DateTime.utc().minus({ days: daysAgo }),
  })
  await session.save()
  const passport = await ExamPassport.create({
    registrationId: registration.id,
    centreId: centre.id,
  })
  const key = `passports/${passport.id}/clip-${daysAgo}.webm`
  await drive.use().put(key, Buffer.from('audio'))
  const media = await PassportMedia.create({
    passportId: passport.id,
    kind: 'clip',
    part: 'EO-A',
    clientId: `clip-${daysAgo}-abcdef`,
    storageKey: key,
    mime: 'audio/webm',
    size: 5,
    sha256: 'b'.repeat(64),
    durationMs: 1000,
    capturedAt: DateTime.utc().minus({ days: daysAgo + 10 }),
    capturedBy: null,
    uploadedAt: DateTime.utc().minus({ days: daysAgo + 10 }),
    purgedAt: null,
  })
  return { session, media, key }
}

test.group('Passports · retention', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('passports:purge lists with --dry-run, then deletes the files 60 days after results and keeps their hash', async ({
    assert,
  }) => {
    const old = await clipPublished(70)
    const recent = await clipPublished(10)
    const abandoned = await PassportUpload.create({
      id: '0b7d2c1e-9a55-4c8e-8d3b-2f1c9a7e6b01',
      passportId: recent.media.passportId,
      clientId: 'abandoned-clip',
      kind: 'clip',
      part: 'EO-B',
      size: 1000,
      sha256: 'c'.repeat(64),
      received: 10,
      chunks: [0],
      durationMs: null,
      capturedAt: DateTime.utc().minus({ days: 20 }),
      createdBy: null,
      mediaId: null,
    })
    await PassportUpload.query()
      .where('id', abandoned.id)
      .update({ updated_at: DateTime.utc().minus({ days: 20 }).toFormat('yyyy-MM-dd HH:mm:ss') })
    await drive.use().put(`passport-uploads/${abandoned.id}/000000000000`, Buffer.from('x'))

    const dry = await ace.create(PassportsPurge, ['--dry-run'])
    dry.ui.switchMode('raw')
    await dry.exec()
    dry.assertSucceeded()
    const logs = dry.ui.logger.getLogs().map((log) => log.message)
    assert.isTrue(logs.some((line) => line.includes(`session ${old.session.number}`)))
    assert.isFalse(logs.some((line) => line.includes(`session ${recent.session.number}`)))
    assert.isTrue(await drive.use().exists(old.key))

    const real = await ace.create(PassportsPurge, [])
    real.ui.switchMode('raw')
    await real.exec()
    real.assertSucceeded()
    assert.isFalse(await drive.use().exists(old.key))
    assert.isTrue(await drive.use().exists(recent.key))
    await old.media.refresh()
    assert.isNull(old.media.storageKey)
    assert.isNotNull(old.media.purgedAt)
    assert.equal(old.media.sha256, 'b'.repeat(64))
    assert.equal(old.media.size, 5)
    await recent.media.refresh()
    assert.isNull(recent.media.purgedAt)
    assert.isNull(await PassportUpload.find(abandoned.id))
    assert.isFalse(await drive.use().exists(`passport-uploads/${abandoned.id}/000000000000`))
    const audit = await AuditLog.findByOrFail('action', 'passport.media_purged')
    assert.deepEqual(audit.before, {
      files: [{ kind: 'clip', part: 'EO-A', size: 5, sha256: 'b'.repeat(64) }],
    })
  })

  test('the network admin sets the retention; the purge follows it; others cannot', async ({
    client,
    assert,
  }) => {
    const admin = await makeUser('network_admin')
    const page = await client.get('/passport/settings').loginAs(admin)
    page.assertTextIncludes('value="60"')
    const refused = await client
      .put('/passport/settings')
      .loginAs(admin)
      .form({ retention_days: '2' })
      .withCsrfToken()
      .redirects(0)
    assert.property(refused.flashMessages()?.inputErrorsBag ?? {}, 'retention_days')
    await client
      .put('/passport/settings')
      .loginAs(admin)
      .form({ retention_days: '100' })
      .withCsrfToken()
    assert.exists(await AuditLog.findBy('action', 'settings.passport_retention_changed'))
    const kept = await clipPublished(70)
    const real = await ace.create(PassportsPurge, [])
    real.ui.switchMode('raw')
    await real.exec()
    await kept.media.refresh()
    assert.isNull(kept.media.purgedAt)
    for (const role of ['account_manager', 'centre_manager', 'evaluator'] as const) {
      const user = await makeUser(role, [await CentreFactory.create()])
      await expectStatus(client.get('/passport/settings').loginAs(user), 403)
      await expectStatus(
        client
          .put('/passport/settings')
          .loginAs(user)
          .form({ retention_days: '30' })
          .withCsrfToken(),
        403
      )
    }
  })
})
