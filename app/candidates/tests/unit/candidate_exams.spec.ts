import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { type Candidate } from '#candidates'
import { possibleDuplicates } from '#candidates/services/candidate_files'
import { CentreFactory, giveExam, makeCandidate } from '#database/factories/index'

test.group('Candidates · the exam summary', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('no exam: to assign, unlocked', async ({ assert }) => {
    const candidate = await makeCandidate(await CentreFactory.create())
    assert.equal(candidate.examStatus, 'to_assign')
    assert.isFalse(candidate.isLocked)
  })

  test('the latest exam gives status, validation, score, type and date', async ({ assert }) => {
    const candidate = await makeCandidate(await CentreFactory.create())
    await giveExam(candidate, { status: 'expired', examType: 'Examen blanc' })
    await giveExam(candidate, {
      status: 'planned',
      examType: 'Examen officiel',
      examDate: DateTime.utc(2027, 1, 15),
    })
    await candidate.refresh()
    assert.equal(candidate.examStatus, 'planned')
    assert.equal(candidate.examType, 'Examen officiel')
    assert.equal(candidate.examDate?.toISODate(), '2027-01-15')
    assert.isNull(candidate.examScore)
    assert.isFalse(candidate.isLocked)
  })

  test('an update of the same exam (same source) replaces it; passing locks the file for good', async ({
    assert,
  }) => {
    const candidate = await makeCandidate(await CentreFactory.create())
    const exam = await giveExam(candidate, { status: 'planned' })
    await giveExam(candidate, {
      sourceId: exam.sourceId,
      status: 'passed',
      validation: 'pending',
      score: 612,
    })
    await candidate.refresh()
    assert.equal(candidate.examStatus, 'passed')
    assert.equal(candidate.examValidation, 'pending')
    assert.equal(candidate.examScore, 612)
    assert.isTrue(candidate.isLocked)
    // A later registration does not unlock a file whose candidate has passed an exam.
    await giveExam(candidate, { status: 'planned' })
    await candidate.refresh()
    assert.equal(candidate.examStatus, 'planned')
    assert.isTrue(candidate.isLocked)
  })

  test('a cancelled exam is left out of the summary', async ({ assert }) => {
    const candidate = await makeCandidate(await CentreFactory.create())
    await giveExam(candidate, { status: 'cancelled' })
    await candidate.refresh()
    assert.equal(candidate.examStatus, 'to_assign')
    assert.isNull(candidate.examType)
  })
})

test.group('Candidates · possible duplicates', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('same name and birth date in the same centre, accents, case and hyphens ignored', async ({
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const other = await CentreFactory.create()
    const birthDate = DateTime.utc(1990, 2, 3)
    const existing = await makeCandidate(centre, {
      lastName: 'Lefèvre-Dupont',
      firstName: 'Hélène',
      birthDate,
    })
    await makeCandidate(other, { lastName: 'Lefevre-Dupont', firstName: 'Helene', birthDate })
    const found = await possibleDuplicates({
      centreId: centre.id,
      lastName: 'LEFEVRE DUPONT',
      firstName: 'helene',
      birthDate,
    })
    assert.deepEqual(
      found.map((c: Candidate) => c.id),
      [existing.id]
    )
    const otherDay = await possibleDuplicates({
      centreId: centre.id,
      lastName: 'Lefèvre-Dupont',
      firstName: 'Hélène',
      birthDate: birthDate.plus({ days: 1 }),
    })
    assert.lengthOf(otherDay, 0)
    const itself = await possibleDuplicates({
      centreId: centre.id,
      lastName: 'Lefèvre-Dupont',
      firstName: 'Hélène',
      birthDate,
      exceptId: existing.id,
    })
    assert.lengthOf(itself, 0)
  })
})
