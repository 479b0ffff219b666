import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import drive from '@adonisjs/drive/services/main'
import BackgroundJob from '#shared/jobs/background_job'
import { purgeJobResults } from '#shared/jobs/jobs'
import { CentreFactory, makeUser } from '#database/factories/index'

/** A job row as a process left it, last touched `minutes` ago. */
async function jobLeft(
  status: string,
  minutes: number,
  userId: number | null = null,
  resultKey: string | null = null
) {
  const at = DateTime.utc().minus({ minutes }).toFormat('yyyy-MM-dd HH:mm:ss')
  const [row] = await db
    .table('background_jobs')
    .insert({
      type: 'credit_documents',
      user_id: userId,
      status,
      total: 10,
      done: 4,
      result_key: resultKey,
      result_name: resultKey ? 'documents.pdf' : null,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
  return Number(typeof row === 'object' ? row.id : row)
}

const statusOf = async (id: number) =>
  (await db.from('background_jobs').where('id', id).firstOrFail()).status as string

test.group('Background jobs lost with their process', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('at boot, jobs that stopped moving 10 minutes ago are failed; live and finished ones are left', async ({
    assert,
  }) => {
    const lost = await jobLeft('running', 11)
    const lostQueued = await jobLeft('queued', 30)
    const live = await jobLeft('running', 1)
    const done = await jobLeft('done', 60)
    await BackgroundJob.failAllLost()
    assert.equal(await statusOf(lost), 'failed')
    assert.equal(await statusOf(lostQueued), 'failed')
    assert.equal(await statusOf(live), 'running')
    assert.equal(await statusOf(done), 'done')
    const row = await db.from('background_jobs').where('id', lost).firstOrFail()
    assert.equal(row.error, 'interrupted')
  })

  test('a lost job read by another process is reported failed, and its page says so', async ({
    client,
    assert,
  }) => {
    const user = await makeUser('centre_staff', [await CentreFactory.create()])
    const lost = await jobLeft('running', 15, user.id)
    const live = await jobLeft('running', 2, user.id)
    assert.equal((await BackgroundJob.findOrFail(live)).status, 'running')
    const page = await client.get(`/documents/jobs/${lost}`).loginAs(user)
    page.assertStatus(200)
    page.assertTextIncludes('La génération a échoué')
    assert.equal(await statusOf(lost), 'failed')
    assert.equal(await statusOf(live), 'running')
  })
})

test.group('Background job files', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a job file older than 7 days is deleted; its page says so and the download is gone', async ({
    client,
    assert,
  }) => {
    const user = await makeUser('centre_staff', [await CentreFactory.create()])
    await drive.use().put('jobs/test/old.pdf', '%PDF-old')
    await drive.use().put('jobs/test/recent.pdf', '%PDF-recent')
    const old = await jobLeft('done', 8 * 24 * 60, user.id, 'jobs/test/old.pdf')
    const recent = await jobLeft('done', 6 * 24 * 60, user.id, 'jobs/test/recent.pdf')
    assert.equal(await purgeJobResults(), 1)
    assert.isFalse(await drive.use().exists('jobs/test/old.pdf'))
    assert.isTrue(await drive.use().exists('jobs/test/recent.pdf'))
    assert.equal(await statusOf(old), 'expired')
    assert.equal(await statusOf(recent), 'done')
    const page = await client.get(`/documents/jobs/${old}`).loginAs(user)
    page.assertTextIncludes('Ce fichier a été supprimé 7 jours après sa création')
    const download = await client.get(`/documents/jobs/${old}/download`).loginAs(user)
    download.assertStatus(404)
    const kept = await client.get(`/documents/jobs/${recent}/download`).loginAs(user)
    kept.assertStatus(200)
    await drive.use().delete('jobs/test/recent.pdf')
  })
})
