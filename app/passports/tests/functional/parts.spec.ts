import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { ExamSubject, GridCriterion, Product } from '#sessions'
import PassportPart from '#passports/models/passport_part'
import AuditLog from '#shared/audit/audit_log'
import { CentreFactory, makeHeldRegistration, makeUser } from '#database/factories/index'

async function setup() {
  const centre = await CentreFactory.create()
  const registration = await makeHeldRegistration(centre)
  const evaluator = await makeUser('evaluator', [centre])
  const tef = await Product.findByOrFail('code', 'TEFCAN')
  const criterion = (part: string, label: string, position: number) =>
    GridCriterion.create({
      productId: tef.id,
      part,
      label,
      levels: ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'],
      position,
      active: true,
    })
  const lexique = await criterion('EO-A', 'Lexique', 1)
  const phonologie = await criterion('EO-A', 'Phonologie', 2)
  const retired = await criterion('EO-A', 'Ancien critère', 3)
  retired.active = false
  await retired.save()
  const subject = await ExamSubject.create({
    productId: tef.id,
    part: 'EO-A',
    code: 'A07',
    title: 'Renseignements sur une annonce',
    instructions: null,
    active: true,
  })
  const otherPart = await ExamSubject.create({
    productId: tef.id,
    part: 'EO-B',
    code: 'B07',
    title: 'Convaincre un ami',
    instructions: null,
    active: true,
  })
  return { centre, registration, evaluator, lexique, phonologie, retired, subject, otherPart }
}

test.group('Passports · subject and grid of an oral part', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the examiner saves the subject and a level for every criterion; saving again replaces them', async ({
    client,
    assert,
  }) => {
    const s = await setup()
    const save = (body: Record<string, unknown>) =>
      client
        .put(`/passport/registrations/${s.registration.id}/parts/EO-A`)
        .loginAs(s.evaluator)
        .header('Accept', 'application/json')
        .json(body)
        .withCsrfToken()
    const saved = await save({
      subjectId: s.subject.id,
      grid: { [s.lexique.id]: 'B1', [s.phonologie.id]: 'B2' },
    })
    saved.assertStatus(200)
    assert.equal(saved.body().part, 'EO-A')
    const again = await save({
      subjectId: s.subject.id,
      grid: { [s.lexique.id]: 'C1', [s.phonologie.id]: 'B2' },
    })
    again.assertStatus(200)
    const rows = await PassportPart.all()
    assert.lengthOf(rows, 1)
    assert.deepEqual(rows[0].grid, { [s.lexique.id]: 'C1', [s.phonologie.id]: 'B2' })
    assert.equal(rows[0].gradedBy, s.evaluator.id)
    assert.lengthOf(await AuditLog.query().where('action', 'passport.part_graded'), 2)

    const refusals: [Record<string, unknown>, string][] = [
      [
        { subjectId: s.otherPart.id, grid: { [s.lexique.id]: 'B1', [s.phonologie.id]: 'B1' } },
        'passport_unknown_subject',
      ],
      [{ subjectId: s.subject.id, grid: { [s.lexique.id]: 'B1' } }, 'passport_grid_missing_level'],
      [
        { subjectId: s.subject.id, grid: { [s.lexique.id]: 'B1', [s.phonologie.id]: 'Z9' } },
        'passport_grid_missing_level',
      ],
      [
        {
          subjectId: s.subject.id,
          grid: { [s.lexique.id]: 'B1', [s.phonologie.id]: 'B1', [s.retired.id]: 'A1' },
        },
        'passport_grid_unknown_criterion',
      ],
      [{ subjectId: s.subject.id, grid: 'B1' }, 'passport_grid_incomplete'],
    ]
    for (const [body, code] of refusals) {
      const refused = await save(body)
      refused.assertStatus(422)
      assert.equal(refused.body().error, code)
    }
    const missing = await save({ subjectId: s.subject.id, grid: { [s.lexique.id]: 'B1' } })
    assert.equal(missing.body().message, 'Choisissez un niveau pour le critère « Phonologie ».')
    // The DFP's part does not exist for a TEF Canada candidate.
    const io = await client
      .put(`/passport/registrations/${s.registration.id}/parts/IO`)
      .loginAs(s.evaluator)
      .header('Accept', 'application/json')
      .json({ subjectId: s.subject.id, grid: {} })
      .withCsrfToken()
    io.assertStatus(422)
  })

  test('staff, managers and other centres cannot grade', async ({ client }) => {
    const s = await setup()
    const body = {
      subjectId: s.subject.id,
      grid: { [s.lexique.id]: 'B1', [s.phonologie.id]: 'B1' },
    }
    for (const [user, status] of [
      [await makeUser('centre_staff', [s.centre]), 403],
      [await makeUser('centre_manager', [s.centre]), 403],
      [await makeUser('evaluator', [await CentreFactory.create()]), 404],
    ] as const) {
      const response = await client
        .put(`/passport/registrations/${s.registration.id}/parts/EO-A`)
        .loginAs(user)
        .header('Accept', 'application/json')
        .json(body)
        .withCsrfToken()
      response.assertStatus(status)
    }
  })
})
