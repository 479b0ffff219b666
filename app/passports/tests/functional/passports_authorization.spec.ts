import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import type { Assert } from '@japa/assert'
import type { Centre } from '#centres'
import type { User } from '#accounts'
import { ExamSubject, GridCriterion, Product } from '#sessions'
import type { Role } from '#shared/roles'
import CompetenceFilter from '#passports/models/competence_filter'
import ExamPassport from '#passports/models/exam_passport'
import PassportMedia from '#passports/models/passport_media'
import PassportUpload from '#passports/models/passport_upload'
import ProfessionalSituation from '#passports/models/professional_situation'
import SituationAttachment from '#passports/models/situation_attachment'
import {
  CentreFactory,
  frameworkNodeId,
  makeDivision,
  makeFramework,
  makeHeldRegistration,
  makeUser,
} from '#database/factories/index'
import { PDF } from '#tests/helpers/files'
import {
  type LeakPage,
  assertNoLeak,
  authorisationTests,
  runTableAs,
  userOf,
  LEARNER,
  TEACHER,
} from '#tests/helpers/authorization'
import { CAPTURE, ROUTES, type World } from './passports_authorization.table.js'

/*
 * The passports module's authorisation table (passports_authorization.table.ts),
 * run as every role of the centre, as the users of another centre, and as
 * another learner and another teacher of the same centre; then what the
 * lists, boards and pickers never show to them.
 */

/** A one-pixel PNG: the photo captured. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a5cb0000000049454e44ae426082',
  'hex'
)

/** A held session of the centre ("Salle Vermillon"), a registration and what was captured. */
async function makeExam(centre: Centre, evaluator: User): Promise<World['exam']> {
  const registration = await makeHeldRegistration(centre)
  await registration.load('session')
  registration.session.place = 'Salle Vermillon'
  await registration.session.save()
  await registration.load('candidate')
  await registration.candidate.merge({ lastName: 'Vermillonpasseport' }).save()
  const tef = await Product.findByOrFail('code', 'TEFCAN')
  // The grid's only active criterion (others would need a level too).
  await GridCriterion.query().where('product_id', tef.id).update({ active: false })
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
    code: 'A71',
    title: 'Location de vélos',
    instructions: null,
    active: true,
  })
  const passport = await ExamPassport.create({
    registrationId: registration.id,
    centreId: centre.id,
  })
  const media = async (kind: 'photo' | 'clip', clientId: string) => {
    const key = `passports/${passport.id}/${clientId}.${kind === 'photo' ? 'png' : 'webm'}`
    await drive.use().put(key, kind === 'photo' ? PNG : Buffer.from('audio'))
    const item = await PassportMedia.create({
      passportId: passport.id,
      kind,
      part: kind === 'clip' ? 'EO-A' : null,
      clientId,
      storageKey: key,
      mime: kind === 'photo' ? 'image/png' : 'audio/webm',
      size: kind === 'photo' ? PNG.length : 5,
      sha256: 'c'.repeat(64),
      durationMs: kind === 'clip' ? 4200 : null,
      capturedAt: DateTime.utc().minus({ minutes: 20 }),
      capturedBy: evaluator.id,
      uploadedAt: DateTime.utc().minus({ minutes: 5 }),
      purgedAt: null,
    })
    const upload = await PassportUpload.create({
      id: randomUUID(),
      passportId: passport.id,
      clientId,
      kind,
      part: item.part,
      size: item.size,
      sha256: item.sha256,
      received: item.size,
      chunks: [0],
      capturedAt: item.capturedAt,
      acceptedAt: null,
      createdBy: evaluator.id,
      mediaId: item.id,
    })
    return { item, upload }
  }
  const photo = await media('photo', 'photo-vermillon')
  await media('clip', 'clip-deplace')
  await media('clip', 'clip-supprime')
  return {
    sessionId: registration.sessionId,
    registrationId: registration.id,
    subjectId: subject.id,
    criterionId: criterion.id,
    photoMediaId: photo.item.id,
    photoUploadId: photo.upload.id,
    clips: { moved: 'clip-deplace', deleted: 'clip-supprime' },
  }
}

/** A class "Classe Vermillon" with its teacher and learner, the learner's situations, the teacher's filters. */
async function makePro(centre: Centre, admin: User): Promise<World['pro']> {
  const version = await makeFramework([centre], admin)
  const learner = await makeUser('learner', [centre], {
    firstName: 'Léa',
    lastName: 'Vermillonapprenante',
  })
  const teacher = await makeUser('teacher', [centre])
  const division = await makeDivision(centre, 'Classe Vermillon', [teacher, learner])
  const situationId = await frameworkNodeId(version.id, 'situations', 'S112')
  const competenceId = await frameworkNodeId(version.id, 'competences', 'C11.1')
  const situation = (title: string) =>
    ProfessionalSituation.create({
      userId: learner.id,
      centreId: centre.id,
      situationId,
      competenceId,
      secondaryCompetenceId: null,
      title,
      project: false,
      description: 'Brief de la société Grassin.',
      partners: null,
      location: 'organisation',
      startsOn: DateTime.utc(2026, 10, 5),
      endsOn: DateTime.utc(2026, 10, 9),
      source: 'internship',
      kind: 'lived',
      tasks: null,
      objectives: null,
      actors: [],
      means: null,
      quantitativeResults: null,
      qualitativeResults: null,
      competenceDescription: null,
      complexities: [],
      hazards: [],
      result: null,
      appreciation: null,
      evaluatedBy: null,
      evaluatedAt: null,
    })
  const shown = await situation('Vermillon brief Grassin')
  const attachment = async (name: string) => {
    const storageKey = `situations/${learner.id}/${randomUUID()}.pdf`
    await drive.use().put(storageKey, PDF)
    return SituationAttachment.create({
      professionalSituationId: shown.id,
      name,
      storageKey,
      mime: 'application/pdf',
      size: PDF.length,
    })
  }
  const filter = (name: string) =>
    CompetenceFilter.create({ userId: teacher.id, name, competenceIds: [competenceId] })
  return {
    learner,
    teacher,
    classId: division.id,
    situationId,
    competenceId,
    situations: {
      shown: shown.id,
      edited: (await situation('Vermillon situation à corriger')).id,
      toDelete: (await situation('Vermillon situation à supprimer')).id,
    },
    attachments: {
      shown: (await attachment('vermillon-brief.pdf')).id,
      toDelete: (await attachment('vermillon-brouillon.pdf')).id,
    },
    filters: {
      edited: (await filter('Filtre Vermillon')).id,
      toDelete: (await filter('Filtre à supprimer')).id,
    },
  }
}

async function makeWorld(): Promise<World> {
  const centre = await CentreFactory.merge({ name: 'Centre Vermillon' }).create()
  const admin = await makeUser('network_admin')
  const evaluator = await makeUser('evaluator', [centre])
  return { centre, exam: await makeExam(centre, evaluator), pro: await makePro(centre, admin) }
}

/** The user who plays a role: the world's learner and teacher, else a new user of the centre. */
function playing(world: World, role: Role) {
  if (role === 'learner') return world.pro.learner
  if (role === 'teacher') return world.pro.teacher
  return userOf(role, [world.centre])
}

/**
 * What the routes could change: a refused call must leave all of it as it
 * was. `writer`: a learner of the centre whose own new situations are left out.
 */
async function snapshot(world: World, writer?: User) {
  const passports = db.from('exam_passports').where('centre_id', world.centre.id).select('id')
  const situations = db
    .from('professional_situations')
    .where('centre_id', world.centre.id)
    .whereNot('user_id', writer?.id ?? 0)
    .select('id')
  return {
    candidates: await db
      .from('candidates')
      .where('centre_id', world.centre.id)
      .orderBy('id')
      .select('id', 'last_name', 'first_name', 'birth_date'),
    passports: await db.from('exam_passports').whereIn('id', passports).orderBy('id'),
    media: await db
      .from('passport_media')
      .whereIn('passport_id', passports)
      .orderBy('id')
      .select('id', 'part', 'storage_key'),
    uploads: await db
      .from('passport_uploads')
      .whereIn('passport_id', passports)
      .orderBy('id')
      .select('id', 'part', 'received', 'media_id', 'deleted_at'),
    parts: await db
      .from('passport_parts')
      .whereIn('passport_id', passports)
      .orderBy('id')
      .select('id', 'part', 'subject_id', 'grid'),
    conversations: await db
      .from('conversations')
      .where('centre_id', world.centre.id)
      .orderBy('id')
      .select('id', 'title'),
    situations: await db
      .from('professional_situations')
      .whereIn('id', situations)
      .orderBy('id')
      .select('id', 'title', 'result', 'appreciation', 'evaluated_by'),
    attachments: await db
      .from('situation_attachments')
      .whereIn('professional_situation_id', situations)
      .orderBy('id')
      .select('id', 'name'),
    locks: await db
      .from('competence_locks')
      .where('user_id', world.pro.learner.id)
      .orderBy('id')
      .select('id', 'competence_id'),
    filters: await db
      .from('competence_filters')
      .where('user_id', world.pro.teacher.id)
      .orderBy('id')
      .select('id', 'name', 'competence_ids'),
    settings: await db.from('network_settings').orderBy('key').select('key', 'value'),
  }
}

/**
 * What the table's mutations wrote when the role passes them: a redirect
 * passes the table's check, this says the form was really taken.
 */
async function written(world: World) {
  const situations = await ProfessionalSituation.query()
    .where('user_id', world.pro.learner.id)
    .orderBy('id')
  const clips = await PassportMedia.query()
    .whereIn('client_id', Object.values(world.exam.clips))
    .orderBy('client_id')
  const candidate = await db
    .from('registrations')
    .join('candidates', 'candidates.id', 'registrations.candidate_id')
    .where('registrations.id', world.exam.registrationId)
    .firstOrFail()
  return {
    // Capture roles: a photo declared, the identity corrected, the log sent.
    declared: await PassportUpload.query().where('client_id', 'photo-autorisation').first(),
    identity: candidate.last_name,
    conversations: await db.from('conversations').where('centre_id', world.centre.id),
    // The evaluator: EO-A graded, a clip moved, another deleted.
    parts: await db.from('passport_parts').select('part', 'subject_id'),
    clips: clips.map((clip) => `${clip.clientId}:${clip.part}`),
    // The admin: the retention.
    retention: await db
      .from('network_settings')
      .where('key', 'passport_retention_days')
      .select('value'),
    // The learner: a situation written, one corrected, one deleted with an attachment.
    situations: situations.map((situation) => situation.title),
    attachments: await SituationAttachment.query().whereIn(
      'id',
      Object.values(world.pro.attachments)
    ),
    // The teacher: an evaluation, a lock, filters written, renamed and deleted.
    result: situations.find((x) => x.id === world.pro.situations.shown)?.result ?? null,
    locks: await db.from('competence_locks').where('user_id', world.pro.learner.id),
    filters: (await CompetenceFilter.query().where('user_id', world.pro.teacher.id))
      .map((filter) => filter.name)
      .sort(),
  }
}

function assertWritten(assert: Assert, role: Role, w: Awaited<ReturnType<typeof written>>) {
  const capture = CAPTURE.includes(role)
  assert.equal(!!w.declared, capture, `${role}: photo declared`)
  assert.equal(w.identity === 'Vermillonexamen', capture, `${role}: identity corrected`)
  assert.lengthOf(w.conversations, capture ? 1 : 0, `${role}: log sent`)
  const evaluator = role === 'evaluator'
  assert.deepEqual(
    w.parts.map((row) => row.part),
    evaluator ? ['EO-A'] : [],
    `${role}: grid`
  )
  assert.deepEqual(
    w.clips,
    evaluator ? ['clip-deplace:EO-B'] : ['clip-deplace:EO-A', 'clip-supprime:EO-A']
  )
  assert.deepEqual(
    w.retention.map((row) => String(row.value)),
    role === 'network_admin' ? ['45'] : [],
    `${role}: retention`
  )
  const learner = role === 'learner'
  assert.deepEqual(
    w.situations,
    learner
      ? ['Vermillon brief Grassin', 'Vermillon situation corrigée', 'Vermillon nouvelle situation']
      : [
          'Vermillon brief Grassin',
          'Vermillon situation à corriger',
          'Vermillon situation à supprimer',
        ],
    `${role}: situations`
  )
  assert.lengthOf(w.attachments, learner ? 1 : 2, `${role}: attachments`)
  const teacher = role === 'teacher'
  assert.equal(w.result, teacher ? 'partial' : null, `${role}: evaluation`)
  assert.lengthOf(w.locks, teacher ? 1 : 0, `${role}: lock`)
  assert.deepEqual(
    w.filters,
    (teacher
      ? ['Filtre nouveau', 'Filtre renommé']
      : ['Filtre Vermillon', 'Filtre à supprimer']
    ).sort(),
    `${role}: filters`
  )
}

test.group('Passports · authorisation, route by route', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  authorisationTests({
    routes: ROUTES,
    makeWorld,
    player: playing,
    snapshot: (world) => snapshot(world),
    // The roles that write: what they sent was written.
    written: async (assert, world, role) => assertWritten(assert, role, await written(world)),
    outsidersTitle: 'another centre, another portfolio: records are not found, nothing changes',
    otherCentre: async () => {
      const other = await CentreFactory.create()
      await makeHeldRegistration(other)
      return other
    },
  })

  test("another learner of the centre, a teacher of another class: the learner's records are not found, nothing changes", async ({
    client,
    assert,
  }) => {
    const world = await makeWorld()
    const learner = await makeUser('learner', [world.centre])
    const teacher = await makeUser('teacher', [world.centre])
    await makeDivision(world.centre, 'Classe voisine', [learner, teacher])
    const before = await snapshot(world, learner)
    // Inside the centre, yet outside the learner's records and class.
    for (const user of [learner, teacher])
      await runTableAs({ client, assert }, ROUTES, world, user, {
        outsider: true,
        label: `another ${user.role}`,
      })
    assert.deepEqual(await snapshot(world, learner), before)
    // The other learner wrote its own situation (its passport, not the world learner's).
    const theirs = await ProfessionalSituation.query().where('user_id', learner.id)
    assert.deepEqual(
      theirs.map((s) => s.title),
      ['Vermillon nouvelle situation']
    )
  })
})

test.group('Passports · what another centre, learner or teacher never sees', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('sessions in progress, passports, boards, prints, reviews and filters leave the others out', async ({
    client,
    assert,
  }) => {
    const world = await makeWorld()
    const other = await CentreFactory.merge({ name: 'Centre Outremer' }).create()
    await makeHeldRegistration(other)
    await makeFramework([other], await makeUser('network_admin'))
    const capture = await Promise.all(CAPTURE.map((role) => makeUser(role, [other])))
    const otherLearner = await makeUser('learner', [other])
    const otherTeacher = await makeUser('teacher', [other])
    await makeDivision(other, 'Classe Outremer', [otherLearner, otherTeacher])
    // The same centre, another class.
    const neighbour = await makeUser('learner', [world.centre])
    const colleague = await makeUser('teacher', [world.centre])
    await makeDivision(world.centre, 'Classe voisine', [neighbour, colleague])

    const insiders = [
      ...(await Promise.all(CAPTURE.map((role) => makeUser(role, [world.centre])))),
      world.pro.learner,
      world.pro.teacher,
    ]
    const outsiders = [...capture, otherLearner, otherTeacher, neighbour, colleague]
    const sessionLink = `/passport/sessions/${world.exam.sessionId}`
    const learnerLink = `/pro-passports/learners/${world.pro.learner.id}`
    const pages: LeakPage[] = [
      { path: '/passport', secrets: ['Salle Vermillon', sessionLink], roles: CAPTURE },
      { path: '/my/passport', secrets: ['Vermillon brief Grassin'], roles: LEARNER },
      { path: '/my/passport?q=Vermillon', secrets: ['Vermillon brief Grassin'], roles: LEARNER },
      {
        path: '/my/passport/dashboard',
        secrets: ['Vermillon brief Grassin', 'Vermillonapprenante'],
        roles: LEARNER,
      },
      { path: '/my/passport/print?unit=E4', secrets: ['Vermillonapprenante'], roles: LEARNER },
      {
        path: '/pro-passports',
        secrets: ['Classe Vermillon', 'Vermillonapprenante', learnerLink],
        roles: TEACHER,
      },
      {
        path: `/pro-passports?class=${world.pro.classId}`,
        secrets: ['Classe Vermillon', learnerLink],
        roles: TEACHER,
      },
      { path: '/pro-passports/filters', secrets: ['Filtre Vermillon'], roles: TEACHER },
    ]
    await assertNoLeak({ client, assert }, pages, insiders, outsiders)
  })
})
