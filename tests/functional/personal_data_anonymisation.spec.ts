import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import testUtils from '@adonisjs/core/services/test_utils'
import drive from '@adonisjs/drive/services/main'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { sendPasswordReset } from '#accounts'
import { Group } from '#centres'
import { Candidate, anonymiseCandidate } from '#candidates'
import { personalDataCoverage } from '#candidates/services/personal_data'
import { updateSection } from '#candidates/services/candidate_files'
import { ExamSubject, GridCriterion, Product } from '#sessions'
import Preregistration from '#sessions/models/preregistration'
import RegistrationResult from '#sessions/models/registration_result'
import { registerCandidates } from '#sessions/services/registrations'
import { addAnomaly } from '#sessions/services/anomalies'
import { transferPreregistration } from '#sessions/services/preregistrations'
import { publishResults } from '#sessions/services/results'
import { assignCredit } from '#orders'
import { recordResults } from '#orders/services/results'
import Evaluation from '#evaluations/models/evaluation'
import ProfessionalSituation from '#passports/models/professional_situation'
import {
  CentreFactory,
  TEST_PASSWORD,
  frameworkNodeId,
  makeCandidate,
  makeCreditProduct,
  makeCreditStock,
  makeDivision,
  makeFramework,
  makeSession,
  makeUser,
} from '#database/factories/index'
import { PDF, fixture, readZip, sha256, webm } from '#tests/helpers/files'
import { dumpTables, schemaTables } from '#tests/helpers/schema'

/**
 * What only this candidate carries, everywhere it goes: none of it may stay
 * in the database once anonymised (compared without case and accents).
 */
const PERSON = {
  firstName: 'Zéphyrine',
  lastName: 'Quenouillard',
  birthName: 'Brindebois',
  email: 'zephyrine.quenouillard@rgpd.example',
  phone: '0687654321',
  idNumber: 'XK4471958',
  birthTown: 'Vauclerbourg',
  address: '12 allée des Osiers-Fendus',
  town: 'Pontarmeuil',
  birthDate: '1994-03-08',
}
const NEEDLES = [
  'Zéphyrine',
  'Quenouillard',
  'Brindebois',
  'zephyrine.quenouillard',
  '0687654321',
  'XK4471958',
  'Vauclerbourg',
  'Osiers-Fendus',
  'Pontarmeuil',
  '1994-03-08',
  // Free text written about her: a doctor's name, a place she worked at.
  'Valmorin',
  'Papeterie Grangeneuve',
]

const plain = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036F]/g, '')
    .toLowerCase()

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(3000, 5)])
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64'
)

/** Every file on the disk, by key. */
async function storedKeys() {
  const keys = new Set<string>()
  const { objects } = await drive.use().listAll('', { recursive: true })
  for (const object of objects) if (object.isFile) keys.add(object.key)
  return keys
}

/** Declares a capture and sends its bytes (all, or only the first `partial`), as the tablet does. */
async function capture(
  client: any,
  evaluator: any,
  registrationId: number,
  declaration: Record<string, unknown>,
  bytes: Buffer,
  partial?: number
) {
  const declared = await client
    .post(`/passport/registrations/${registrationId}/uploads`)
    .loginAs(evaluator)
    .header('Accept', 'application/json')
    .json({
      clientId: randomUUID(),
      size: bytes.length,
      sha256: sha256(bytes),
      capturedAt: DateTime.utc().minus({ minutes: 5 }).toISO(),
      ...declaration,
    })
    .withCsrfToken()
  declared.assertStatus(201)
  const chunk = client
    .put(`/passport/uploads/${declared.body().id}`)
    .qs({ offset: 0 })
    .loginAs(evaluator)
    .header('Accept', 'application/json')
    .withCsrfToken()
  chunk.type('application/octet-stream')
  chunk.request.send(partial ? bytes.subarray(0, partial) : bytes)
  ;(await chunk).assertStatus(200)
}

test.group('Personal data · anonymisation leaves nothing of the person', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a candidate with a learner account, known to every module, is exported whole then anonymised: no trace in any column of any table, no file left, results kept', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    const evaluator = await makeUser('evaluator', [centre])
    const teacher = await makeUser('teacher', [centre])
    const admin = await makeUser('network_admin')
    const filesBefore = await storedKeys()

    // The file and its learner account, its contact page changed once (audited).
    const learner = await makeUser('learner', [centre], {
      firstName: PERSON.firstName,
      lastName: PERSON.lastName,
      email: PERSON.email,
      phone: PERSON.phone,
    })
    const candidate = await makeCandidate(centre, {
      civility: 'mme',
      firstName: PERSON.firstName,
      lastName: PERSON.lastName,
      birthName: PERSON.birthName,
      email: PERSON.email,
      birthDate: DateTime.fromISO(PERSON.birthDate, { zone: 'utc' }),
      birthPostcode: '40990',
      birthTown: PERSON.birthTown,
      birthCountry: 'FR',
      nationality: 'MA',
      idNumber: PERSON.idNumber,
      userId: learner.id,
    })
    await updateSection(manager, candidate, 'contact', {
      phone: PERSON.phone,
      address: PERSON.address,
      postcode: '40990',
      town: PERSON.town,
      residence_country: 'FR',
    })
    const promo = await Group.create({
      centreId: centre.id,
      name: 'Session de juin',
      category: 'exam_session',
      hidden: false,
    })
    await candidate.related('groups').attach([promo.id])

    // The learner signs in (remembered), once with a wrong password, and asks for a new one.
    const wrong = await client
      .post('/login')
      .form({ email: PERSON.email, password: 'not-the-password' })
      .withCsrfToken()
      .redirects(0)
    wrong.assertStatus(302)
    const login = await client
      .post('/login')
      .form({ email: PERSON.email, password: TEST_PASSWORD, remember: 'on' })
      .withCsrfToken()
      .redirects(0)
    login.assertStatus(302)
    assert.lengthOf(await db.from('remember_me_tokens').where('tokenable_id', learner.id), 1)
    await sendPasswordReset(learner)

    // A session: registration, its ID number corrected, a request with a certificate and a reply.
    const session = await makeSession(centre)
    const [registration] = await registerCandidates(manager, session.id, [
      { candidate, input: { tests: ['CE', 'EO'], channel: 'on_site', motivation: 'residence' } },
    ])
    ;(
      await client
        .put(`/sessions/${session.id}/registrations/${registration.id}`)
        .loginAs(manager)
        .form({ motivation: 'residence', id_number: PERSON.idNumber })
        .withCsrfToken()
        .redirects(0)
    ).assertStatus(302)
    ;(
      await client
        .post(`/sessions/${session.id}/registrations/${registration.id}/requests/accommodation`)
        .loginAs(manager)
        .field('category', 'extra_time')
        .field('description', `${PERSON.firstName} : tremblements, certificat du Dr Valmorin.`)
        .file('attachments[]', await fixture('certificat.pdf', PDF), {
          filename: `certificat-${PERSON.lastName}.pdf`,
        })
        .withCsrfToken()
        .redirects(0)
    ).assertStatus(302)
    const thread = await db
      .from('registration_requests')
      .where('registration_id', registration.id)
      .firstOrFail()
    ;(
      await client
        .post(`/messages/${thread.conversation_id}/replies`)
        .loginAs(admin)
        .form({ body: `Bien reçu pour Mme ${PERSON.lastName}, tiers temps accordé.` })
        .withCsrfToken()
        .redirects(0)
    ).assertStatus(302)

    // Exam day: photo, signature, a clip, a clip cut short, the oral grid.
    session.merge({ startsAt: DateTime.utc().minus({ hours: 1 }), status: 'registrations_closed' })
    await session.save()
    const tef = await Product.findByOrFail('code', 'TEFCAN')
    const criterion = await GridCriterion.create({
      productId: tef.id,
      part: 'EO-A',
      label: 'Lexique',
      levels: ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'],
      position: 1,
      active: true,
    })
    const subject = await ExamSubject.create({
      productId: tef.id,
      part: 'EO-A',
      code: 'A91',
      title: 'Annonce',
      instructions: null,
      active: true,
    })
    await capture(client, evaluator, registration.id, { kind: 'photo' }, JPEG)
    await capture(
      client,
      evaluator,
      registration.id,
      { kind: 'signature', acceptedAt: DateTime.utc().toISO() },
      PNG
    )
    await capture(
      client,
      evaluator,
      registration.id,
      { kind: 'clip', part: 'EO-A', durationMs: 60_000 },
      webm(70_000)
    )
    await capture(
      client,
      evaluator,
      registration.id,
      { kind: 'clip', part: 'EO-B', durationMs: 90_000 },
      webm(200_000, 9),
      100_000
    )
    ;(
      await client
        .put(`/passport/registrations/${registration.id}/parts/EO-A`)
        .loginAs(evaluator)
        .header('Accept', 'application/json')
        .json({ subjectId: subject.id, grid: { [criterion.id]: 'B2' } })
        .withCsrfToken()
    ).assertStatus(200)

    // After the exam: an anomaly, the results, the attestation.
    session.merge({ status: 'passed' })
    await session.save()
    await addAnomaly(manager, session.id, {
      registrationId: registration.id,
      kind: 'other',
      description: `${PERSON.firstName} ${PERSON.lastName} a quitté la salle dix minutes.`,
    })
    session.merge({ status: 'in_correction' })
    await session.save()
    for (const [testCode, score, level] of [
      ['CE', 250, 'B2'],
      ['EO', 310, 'B2'],
    ] as const)
      await RegistrationResult.updateOrCreate(
        { registrationId: registration.id, testCode },
        { score, level, source: 'manual' }
      )
    await publishResults(admin, session.id, null)

    // Orders: a credit, then its result from the exam platform.
    const product = await makeCreditProduct({ type: 'official_approved' })
    await makeCreditStock(centre, 2, product, admin)
    await assignCredit(manager, candidate.id, {
      type: 'official_approved',
      examDate: DateTime.now(),
    })
    const recorded = await recordResults(
      [
        {
          resultRef: 'R-RGPD-1',
          email: PERSON.email,
          type: 'official_approved',
          score: 617,
          passedOn: DateTime.now().minus({ days: 1 }),
          validation: 'validated',
          sections: [{ name: 'Compréhension écrite', score: 300, max: 500 }],
        },
      ],
      'api',
      null
    )
    assert.deepEqual(recorded.problems, [])

    // A pre-registration online, transferred into another session.
    const later = await makeSession(centre)
    const preregistration = await Preregistration.create({
      centreId: centre.id,
      sessionId: later.id,
      civility: 'mme',
      lastName: PERSON.lastName,
      firstName: PERSON.firstName,
      email: PERSON.email,
      phone: PERSON.phone,
      birthDate: DateTime.fromISO(PERSON.birthDate, { zone: 'utc' }),
      tests: ['CE'],
      status: 'pending',
    })
    const transferred = await transferPreregistration(manager, preregistration, later, ['CE'])
    assert.equal(transferred.candidate.id, candidate.id)

    // Training: her professional situation (with a document), an evaluation with a comment.
    const version = await makeFramework([centre], admin)
    await makeDivision(centre, 'BTS COM 1', [teacher, learner])
    ;(
      await client
        .post('/my/passport/situations')
        .loginAs(learner)
        .fields({
          'title': `Stage de ${PERSON.firstName} à la Papeterie Grangeneuve`,
          'situation_id': String(await frameworkNodeId(version.id, 'situations', 'S112')),
          'description': `Moi, ${PERSON.firstName} ${PERSON.lastName}, stagiaire à la Papeterie Grangeneuve.`,
          'partners': 'Papeterie Grangeneuve',
          'location': 'organisation',
          'starts_on': '2026-10-05',
          'ends_on': '2026-10-09',
          'source': 'internship',
          'kind': 'lived',
          'tasks': 'Synthèse du brief',
          'objectives': 'Comprendre les attentes',
          'actors[0][name]': `M. ${PERSON.lastName} (mon oncle)`,
          'actors[0][role]': 'Tuteur',
          'qualitative_results': 'Synthèse validée',
          'supports[0][designation]': `Dossier ${PERSON.lastName}`,
          'supports[0][origin]': 'created',
          'supports[0][nature]': 'digital',
          'competence_id': String(await frameworkNodeId(version.id, 'competences', 'C11.1')),
          'competence_description': `Ce que ${PERSON.firstName} a appris.`,
          'then': 'continue',
        })
        .file('attachments[]', await fixture('journal.pdf', PDF), {
          filename: `journal-${PERSON.lastName}.pdf`,
        })
        .withCsrfToken()
        .redirects(0)
    ).assertStatus(302)
    assert.exists(await ProfessionalSituation.findBy('user_id', learner.id))
    const c111 = await frameworkNodeId(version.id, 'competences', 'C11.1')
    await client
      .post('/evaluations')
      .loginAs(teacher)
      .form({
        'centre_id': centre.id,
        'title': 'Oral de présentation',
        'evaluated_on': '2026-11-20',
        'competences[]': [String(c111)],
        'learners[]': [String(learner.id)],
      })
      .withCsrfToken()
    const evaluation = await Evaluation.findByOrFail('title', 'Oral de présentation')
    ;(
      await client
        .post(`/evaluations/${evaluation.id}/grades`)
        .loginAs(teacher)
        .form({
          [`grades[l${learner.id}][c${c111}]`]: 'total',
          [`comments[l${learner.id}]`]: `${PERSON.firstName} progresse, bravo.`,
        })
        .withCsrfToken()
        .redirects(0)
    ).assertStatus(302)

    // The export carries every contributor's part and the person's own strings.
    const zip = await client.get(`/candidates/${candidate.id}/personal-data`).loginAs(manager)
    zip.assertStatus(200)
    const files = await readZip(zip.body())
    const data = JSON.parse(files['data.json'].toString('utf8'))
    for (const { name } of personalDataCoverage())
      if (name !== 'candidates') assert.property(data, name, `the export has no "${name}" part`)
    const exported = plain(files['data.json'].toString('utf8'))
    for (const needle of NEEDLES)
      assert.include(exported, plain(needle), `the export lacks "${needle}"`)
    // Her files too: photo and signature, the passport's captures, her documents.
    const names = Object.keys(files)
    assert.includeMembers(names, ['photo.jpeg', 'signature.png'])
    for (const [folder, count] of [
      ['passports/', 3],
      ['sessions/demande-', 1],
      ['training/situation-', 1],
    ] as const)
      assert.lengthOf(
        names.filter((name) => name.startsWith(folder)),
        count,
        names.join(', ')
      )

    const filesOfHers = [...(await storedKeys())].filter((key) => !filesBefore.has(key))
    // Photo and signature (file and passport copies), a clip and a cut one, two documents.
    assert.isAtLeast(filesOfHers.length, 8, filesOfHers.join(', '))

    await anonymiseCandidate(manager, await Candidate.findOrFail(candidate.id))

    // Every column of every table, read back as text.
    const leaks: string[] = []
    for (const { table, row } of await dumpTables(await schemaTables())) {
      const text = plain(row)
      for (const needle of NEEDLES)
        if (text.includes(plain(needle))) leaks.push(`${table}: "${needle}" in ${row}`)
    }
    assert.deepEqual(leaks, [])
    const left = []
    for (const key of filesOfHers) if (await drive.use().exists(key)) left.push(key)
    assert.deepEqual(left, [], 'files of hers still on the disk')

    // What must stay: the exams, scores, levels and outcomes, the statistics.
    const file = await Candidate.findOrFail(candidate.id)
    assert.equal(file.birthDate.toISODate(), '1994-01-01')
    assert.equal(file.nationality, 'MA')
    const exams = await db.from('candidate_exams').where('candidate_id', candidate.id)
    assert.sameDeepMembers(
      exams.map((e) => [e.source, e.status, e.score === null ? null : Number(e.score)]),
      [
        ['registration', 'passed', 560],
        ['credit', 'passed', 617],
        ['registration', 'planned', null],
      ]
    )
    const results = await db
      .from('registration_results')
      .where('registration_id', registration.id)
      .orderBy('test_code')
    assert.deepEqual(
      results.map((r) => [r.test_code, Number(r.score), r.level]),
      [
        ['CE', 250, 'B2'],
        ['EO', 310, 'B2'],
      ]
    )
    assert.lengthOf(await db.from('registrations').where('candidate_id', candidate.id), 2)
    const credit = await db.from('credit_results').where('candidate_id', candidate.id).firstOrFail()
    assert.equal(Number(credit.score), 617)
    const grade = await db.from('evaluation_grades').where('user_id', learner.id).firstOrFail()
    assert.equal(grade.level, 'total')
    const part = await db.from('passport_parts').firstOrFail()
    assert.include(String(JSON.stringify(part.grid)), 'B2')
    const captures = await db.from('passport_media').orderBy('id')
    assert.deepEqual(
      captures.map((m) => [m.kind, m.storage_key, m.purged_at !== null, String(m.sha256).length]),
      [
        ['photo', null, true, 64],
        ['signature', null, true, 64],
        ['clip', null, true, 64],
      ],
      'the captures stay listed, with their hash, without their files'
    )
    const attestation = await db
      .from('attestations')
      .where('registration_id', registration.id)
      .firstOrFail()
    assert.equal(attestation.status, 'valid')
    assert.include(String(JSON.stringify(attestation.snapshot)), '310')
    const account = await db.from('users').where('id', learner.id).firstOrFail()
    assert.equal(account.status, 'disabled')
    assert.equal(account.role, 'learner')
  }).timeout(120_000)
})
