import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import {
  type Candidate,
  type CandidateExamInput,
  recordCandidateExam,
  recordCandidateExams,
} from '#candidates'
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

test.group('Candidates · the exam summary, in bulk', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('recordCandidateExams gives each file the summary of one call after another', async ({
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const [bulk, single] = [[], []] as Candidate[][]
    for (let i = 0; i < 4; i++) {
      bulk.push(await makeCandidate(centre))
      single.push(await makeCandidate(centre))
    }
    // Per candidate: the inputs in order (the second source of #2 is its first one again).
    const scripts: Omit<CandidateExamInput, 'candidateId'>[][] = [
      [
        { source: 'credit', sourceId: 1, examType: 'Examen blanc', status: 'expired' },
        {
          source: 'credit',
          sourceId: 7,
          examType: 'Examen officiel',
          status: 'planned',
          examDate: DateTime.utc(2027, 1, 15),
        },
      ],
      [
        { source: 'credit', sourceId: 2, examType: 'Examen blanc', status: 'planned' },
        {
          source: 'credit',
          sourceId: 3,
          examType: 'Examen officiel',
          status: 'passed',
          validation: 'validated',
          score: 710,
          examDate: DateTime.utc(2026, 11, 2),
        },
        { source: 'credit', sourceId: 2, examType: 'Examen blanc', status: 'cancelled' },
      ],
      [
        { source: 'credit', sourceId: 4, examType: 'Examen blanc', status: 'passed', score: 400 },
        { source: 'credit', sourceId: 5, examType: 'Examen officiel', status: 'cancelled' },
      ],
      [{ source: 'credit', sourceId: 6, examType: 'Examen blanc', status: 'cancelled' }],
    ]
    const inputs: CandidateExamInput[] = []
    scripts.forEach((script, i) => {
      for (const exam of script) inputs.push({ ...exam, candidateId: bulk[i].id })
    })
    await db.transaction((trx) => recordCandidateExams(inputs, trx))
    for (const [i, script] of scripts.entries())
      for (const exam of script)
        await recordCandidateExam({
          ...exam,
          sourceId: exam.sourceId + 100,
          candidateId: single[i].id,
        })

    const summary = (c: Candidate) => ({
      status: c.examStatus,
      validation: c.examValidation,
      score: c.examScore,
      type: c.examType,
      date: c.examDate?.toISODate() ?? null,
      locked: c.isLocked,
    })
    for (let i = 0; i < 4; i++) {
      await bulk[i].refresh()
      await single[i].refresh()
      assert.deepEqual(summary(bulk[i]), summary(single[i]), `candidate ${i + 1}`)
    }
    assert.deepEqual(summary(bulk[1]), {
      status: 'passed',
      validation: 'validated',
      score: 710,
      type: 'Examen officiel',
      date: '2026-11-02',
      locked: true,
    })
    // The latest exam wins over an earlier one that is not cancelled.
    assert.deepEqual([bulk[0].examStatus, bulk[0].examType], ['planned', 'Examen officiel'])
    assert.equal(bulk[2].examStatus, 'passed')
    assert.isTrue(bulk[2].isLocked)
    assert.equal(bulk[3].examStatus, 'to_assign')
    assert.isFalse(bulk[3].isLocked)
    // One row per source: the second input of a source replaced the first.
    const rows = await db
      .from('candidate_exams')
      .where('candidate_id', bulk[1].id)
      .orderBy('source_id')
    assert.deepEqual(
      rows.map((r) => [r.source_id, r.status]),
      [
        [2, 'cancelled'],
        [3, 'passed'],
      ]
    )
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
