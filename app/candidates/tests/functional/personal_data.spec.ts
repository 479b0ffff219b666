import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import ace from '@adonisjs/core/services/ace'
import drive from '@adonisjs/drive/services/main'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { Group } from '#centres'
import { Candidate } from '#candidates'
import AuditLog from '#shared/audit/audit_log'
import { NetworkSettings } from '#shared/settings'
import CandidatesRetention from '#commands/candidates_retention'
import {
  CentreFactory,
  TEST_PASSWORD,
  giveExam,
  makeCandidate,
  makeUser,
} from '#database/factories/index'
import { assertFieldError, assertRedirect } from '#tests/helpers/http'
import { readZip } from '#tests/helpers/files'

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64'
)

test.group('Candidates · personal data (GDPR)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("the export zip holds the candidate's data and files and nothing of others; audited", async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    await drive.use().put('candidates/gdpr/photo.png', PNG)
    const candidate = await makeCandidate(centre, {
      lastName: 'Girard',
      firstName: 'Inès',
      phone: '0612345678',
      photoKey: 'candidates/gdpr/photo.png',
    })
    const neighbour = await makeCandidate(centre, { lastName: 'Voisin', firstName: 'Paul' })
    const groupRow = await Group.create({
      centreId: centre.id,
      name: 'Session juin',
      category: 'exam_session',
      hidden: false,
    })
    await candidate.related('groups').attach([groupRow.id])
    await giveExam(candidate, { status: 'passed', score: 701, validation: 'validated' })
    void neighbour

    const response = await client.get(`/candidates/${candidate.id}/personal-data`).loginAs(manager)
    response.assertStatus(200)
    response.assertHeader('content-type', 'application/zip')
    const files = await readZip(response.body())
    assert.sameMembers(Object.keys(files), ['data.json', 'photo.png'])
    assert.isTrue(files['photo.png'].equals(PNG))
    const data = JSON.parse(files['data.json'].toString('utf8'))
    assert.equal(data.candidate.lastName, 'Girard')
    assert.equal(data.candidate.phone, '0612345678')
    assert.deepEqual(data.groups, ['Session juin'])
    assert.equal(data.exams[0].score, 701)
    const raw = files['data.json'].toString('utf8')
    assert.notInclude(raw, 'Voisin')
    assert.notInclude(raw, 'photoKey')
    const audit = await AuditLog.findByOrFail('action', 'candidate.personal_data_exported')
    assert.equal(audit.actorId, manager.id)
  })

  test('anonymisation replaces the names, deletes the files, keeps the exams and counts; confirmed twice', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    await drive.use().put('candidates/anon/photo.png', PNG)
    await drive.use().put('candidates/anon/signature.png', PNG)
    const account = await makeUser('learner', [centre], { email: 'ines.girard@example.test' })
    const candidate = await makeCandidate(centre, {
      lastName: 'Girard',
      firstName: 'Inès',
      email: 'ines.girard@example.test',
      phone: '0612345678',
      idNumber: 'AB123456',
      birthDate: DateTime.utc(1990, 5, 17),
      nationality: 'MA',
      userId: account.id,
      photoKey: 'candidates/anon/photo.png',
      signatureKey: 'candidates/anon/signature.png',
    })
    await giveExam(candidate, { status: 'passed', score: 655, validation: 'validated' })
    // The learner mistypes its password once, then signs in: both are audited with its email.
    for (const password of ['not-the-password', TEST_PASSWORD])
      await client
        .post('/login')
        .form({ email: 'Ines.Girard@example.test', password })
        .withCsrfToken()
        .redirects(0)
    assert.lengthOf(await db.from('audit_logs').whereLike('after', '%ines.girard%'), 1)
    assert.lengthOf(await db.from('audit_logs').where('actor_email', 'ines.girard@example.test'), 1)
    const countBefore = await Candidate.query().where('centre_id', centre.id).count('* as total')

    const page = await client.get(`/candidates/${candidate.id}/anonymise`).loginAs(manager)
    page.assertTextIncludes('irréversible')

    const unconfirmed = await client
      .post(`/candidates/${candidate.id}/anonymise`)
      .loginAs(manager)
      .form({ confirmation: 'Girard' })
      .withCsrfToken()
      .redirects(0)
    assertFieldError(unconfirmed, 'understood', 'Ce champ est obligatoire.')
    const mismatch = await client
      .post(`/candidates/${candidate.id}/anonymise`)
      .loginAs(manager)
      .form({ understood: '1', confirmation: 'Dupont' })
      .withCsrfToken()
      .redirects(0)
    assertFieldError(
      mismatch,
      'confirmation',
      'Le nom saisi ne correspond pas à celui du candidat.'
    )
    await candidate.refresh()
    assert.isNull(candidate.anonymisedAt)

    const done = await client
      .post(`/candidates/${candidate.id}/anonymise`)
      .loginAs(manager)
      .form({ understood: '1', confirmation: 'girard' })
      .withCsrfToken()
      .redirects(0)
    assertRedirect(done, '/candidates')
    await candidate.refresh()
    assert.isNotNull(candidate.anonymisedAt)
    assert.equal(candidate.lastName, 'ANONYME')
    assert.notInclude(JSON.stringify(candidate.serialize()), 'Girard')
    assert.notInclude(JSON.stringify(candidate.serialize()), 'Inès')
    assert.isNull(candidate.email)
    assert.isNull(candidate.phone)
    assert.isNull(candidate.idNumber)
    assert.equal(candidate.birthDate.toISODate(), '1990-01-01', 'only the birth year stays')
    assert.equal(candidate.nationality, 'MA', 'statistical fields stay')
    assert.equal(candidate.examScore, 655, 'results stay')
    assert.equal(candidate.examStatus, 'passed')
    assert.isFalse(await drive.use().exists('candidates/anon/photo.png'))
    assert.isFalse(await drive.use().exists('candidates/anon/signature.png'))
    const countAfter = await Candidate.query().where('centre_id', centre.id).count('* as total')
    assert.equal(Number(countAfter[0].$extras.total), Number(countBefore[0].$extras.total))
    const exams = await db.from('candidate_exams').where('candidate_id', candidate.id)
    assert.lengthOf(exams, 1)
    await account.refresh()
    assert.notEqual(account.email, 'ines.girard@example.test')
    assert.equal(account.status, 'disabled')
    const trail = await AuditLog.query()
      .where('entity_type', 'candidate')
      .where('entity_id', String(candidate.id))
    assert.notInclude(JSON.stringify(trail.map((e) => [e.before, e.after])), 'Girard')
    assert.include(
      trail.map((e) => e.action),
      'candidate.anonymised'
    )
    // Its logins stay counted, without its email or IP.
    const logins = await db
      .from('audit_logs')
      .whereIn('action', ['auth.login', 'auth.login_failed'])
    assert.sameMembers(
      logins.map((entry) => entry.action),
      ['auth.login', 'auth.login_failed']
    )
    assert.notInclude(JSON.stringify(logins).toLowerCase(), 'ines.girard')
    assert.isTrue(logins.every((entry) => entry.ip === null))

    // Gone from the table, and the file can no longer be changed.
    const list = await client.get('/candidates').loginAs(manager)
    list.assertTextIncludes('Aucun candidat')
    const edit = await client
      .put(`/candidates/${candidate.id}/contact`)
      .loginAs(manager)
      .form({ town: 'Paris' })
      .withCsrfToken()
    edit.assertStatus(403)
  })

  test('retention: --dry-run lists the files past retention, then the command anonymises them', async ({
    assert,
  }) => {
    const centre = await CentreFactory.create()
    await NetworkSettings.set('candidates.retention_years', 3)
    const old = await makeCandidate(centre, {
      lastName: 'Ancien',
      lastActivityAt: DateTime.utc().minus({ years: 4 }),
    })
    const recent = await makeCandidate(centre, {
      lastName: 'Récent',
      lastActivityAt: DateTime.utc().minus({ years: 2 }),
    })

    const dry = await ace.create(CandidatesRetention, ['--dry-run'])
    dry.ui.switchMode('raw')
    await dry.exec()
    dry.assertSucceeded()
    assert.isTrue(dry.ui.logger.getLogs().some((log) => log.message.includes(`#${old.id}`)))
    assert.isFalse(dry.ui.logger.getLogs().some((log) => log.message.includes(`#${recent.id}`)))
    await old.refresh()
    assert.isNull(old.anonymisedAt)

    const real = await ace.create(CandidatesRetention, [])
    real.ui.switchMode('raw')
    await real.exec()
    real.assertSucceeded()
    await old.refresh()
    await recent.refresh()
    assert.isNotNull(old.anonymisedAt)
    assert.equal(old.lastName, 'ANONYME')
    assert.isNull(recent.anonymisedAt)
  })

  test('the retention setting is the network admin’s, validated and audited', async ({
    client,
    assert,
  }) => {
    const admin = await makeUser('network_admin')
    const centre = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    const bad = await client
      .put('/candidates/retention')
      .loginAs(admin)
      .form({ years: '0' })
      .withCsrfToken()
      .redirects(0)
    assertFieldError(bad, 'years', 'La valeur doit être au moins 1.')
    await client.put('/candidates/retention').loginAs(admin).form({ years: '7' }).withCsrfToken()
    assert.equal(await NetworkSettings.getNumber('candidates.retention_years', 5), 7)
    assert.exists(await AuditLog.findBy('action', 'settings.retention_changed'))
    const page = await client.get('/candidates/retention').loginAs(admin)
    page.assertTextIncludes('value="7"')
    ;(await client.get('/candidates/retention').loginAs(manager)).assertStatus(403)
    const refused = await client
      .put('/candidates/retention')
      .loginAs(manager)
      .form({ years: '1' })
      .withCsrfToken()
    refused.assertStatus(403)
  })
})
