import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import type { Assert } from '@japa/assert'
import type { User } from '#accounts'
import type { Role } from '#shared/roles'
import Evaluation from '#evaluations/models/evaluation'
import ScenarioAttachment from '#evaluations/models/scenario_attachment'
import { createEvaluation } from '#evaluations/services/evaluations'
import { createScenario } from '#evaluations/services/scenarios'
import {
  CentreFactory,
  frameworkNodeId,
  makeDivision,
  makeFramework,
  makeUser,
} from '#database/factories/index'
import { PDF } from '#tests/helpers/files'
import {
  type LeakPage,
  type Route,
  assertNoLeak,
  authorisationTests,
  routeKey,
  runTableAs,
  userOf,
  LEARNER,
  TEACHER,
} from '#tests/helpers/authorization'
import { AUTHOR_ONLY, ROUTES, type World } from './evaluations_authorization.table.js'

/*
 * The evaluations module's authorisation table (evaluations_authorization.table.ts),
 * run as every role of the centre, as the users of another centre, and as
 * another teacher and another learner of the same centre; then what the
 * lists and pickers never show to them.
 */

/**
 * "Centre Vermillon" with the demo framework, "Classe Vermillon" (a teacher and
 * a learner), the teacher's scenarios (public, one private) and evaluations of
 * the learner (one made visible to it).
 */
async function makeWorld(): Promise<World> {
  const centre = await CentreFactory.merge({ name: 'Centre Vermillon', kind: 'training' }).create()
  const admin = await makeUser('network_admin')
  const version = await makeFramework([centre], admin)
  const teacher = await makeUser('teacher', [centre], { lastName: 'Vermillonprof' })
  const learner = await makeUser('learner', [centre], { lastName: 'Vermillonapprenant' })
  const division = await makeDivision(centre, 'Classe Vermillon', [teacher, learner])
  const competenceId = await frameworkNodeId(version.id, 'competences', 'C11.1')
  const choices = [{ competenceId, complexities: [], hazards: [] }]
  const scenario = (title: string, visibility: 'public' | 'private' = 'public') =>
    createScenario(teacher, centre.id, {
      title,
      level: null,
      visibility,
      context: null,
      materials: null,
      links: [],
      resources: null,
      choices,
    })
  const shown = await scenario('Scénario Vermillon public')
  const attachment = async (filename: string) => {
    const storageKey = `scenarios/${shown.id}/${randomUUID()}.pdf`
    await drive.use().put(storageKey, PDF)
    return ScenarioAttachment.create({
      scenarioId: shown.id,
      filename,
      storageKey,
      mime: 'application/pdf',
      size: PDF.length,
    })
  }
  const evaluation = (title: string) =>
    createEvaluation(teacher, centre.id, {
      title,
      evaluatedOn: DateTime.utc(2026, 11, 20),
      choices,
      learnerIds: [learner.id],
    })
  const visible = await evaluation('Évaluation Vermillon visible')
  await visible.merge({ visible: true }).save()
  return {
    centre,
    teacher,
    learner,
    classId: division.id,
    framework: { id: version.frameworkId, versionId: version.id },
    competenceId,
    scenarios: {
      shown: shown.id,
      edited: (await scenario('Scénario Vermillon à corriger')).id,
      toDelete: (await scenario('Scénario Vermillon à supprimer')).id,
      private: (await scenario('Scénario Vermillon privé', 'private')).id,
    },
    attachments: {
      shown: (await attachment('vermillon-consignes.pdf')).id,
      toDelete: (await attachment('vermillon-brouillon.pdf')).id,
    },
    evaluations: {
      shown: visible.id,
      edited: (await evaluation('Évaluation Vermillon à corriger')).id,
      toDelete: (await evaluation('Évaluation Vermillon à supprimer')).id,
    },
  }
}

/** The user who plays a role: the world's teacher (the author) and learner, else a new user. */
function playing(world: World, role: Role) {
  if (role === 'teacher') return world.teacher
  if (role === 'learner') return world.learner
  return userOf(role, [world.centre])
}

/**
 * What the routes could change: a refused call must leave all of it as it
 * was. `writer`: a teacher of the centre whose own new scenarios and
 * evaluations are left out.
 */
async function snapshot(world: World, writer?: User) {
  const of = (table: string) =>
    db
      .from(table)
      .where('centre_id', world.centre.id)
      .whereNot((q) => q.where('author_id', writer?.id ?? 0))
  const scenarios = of('scenarios').select('id')
  const evaluations = of('evaluations').select('id')
  return {
    scenarios: await of('scenarios').orderBy('id').select('id', 'title', 'visibility'),
    scenarioCompetences: await db
      .from('scenario_competences')
      .whereIn('scenario_id', scenarios)
      .orderBy('id')
      .select('id', 'competence_id'),
    attachments: await db
      .from('scenario_attachments')
      .whereIn('scenario_id', scenarios)
      .orderBy('id')
      .select('id', 'filename'),
    evaluations: await of('evaluations').orderBy('id').select('id', 'title', 'visible'),
    evaluationCompetences: await db
      .from('evaluation_competences')
      .whereIn('evaluation_id', evaluations)
      .orderBy('id')
      .select('id', 'competence_id'),
    learners: await db
      .from('evaluation_learners')
      .whereIn('evaluation_id', evaluations)
      .orderBy('id')
      .select('id', 'user_id', 'comment'),
    grades: await db
      .from('evaluation_grades')
      .whereIn('evaluation_id', evaluations)
      .orderBy('id')
      .select('id', 'user_id', 'competence_id', 'level'),
    centreFrameworks: await db
      .from('centre_frameworks')
      .where('centre_id', world.centre.id)
      .orderBy('framework_id')
      .select('framework_id', 'version_id'),
    classFrameworks: await db
      .from('division_frameworks')
      .where('division_id', world.classId)
      .orderBy('framework_id')
      .select('framework_id'),
    frameworks: await db.from('frameworks').orderBy('id').select('id', 'code', 'name'),
  }
}

/**
 * What the table's mutations wrote when the role passes them: a redirect
 * passes the table's check, this says the form was really taken.
 */
async function written(world: World) {
  return {
    scenarios: (await db.from('scenarios').where('centre_id', world.centre.id))
      .map((row) => String(row.title))
      .sort(),
    attachments: await ScenarioAttachment.query().where('scenario_id', world.scenarios.shown),
    evaluations: (await Evaluation.query().where('centre_id', world.centre.id))
      .map((evaluation) => evaluation.title)
      .sort(),
    grades: await db.from('evaluation_grades').where('evaluation_id', world.evaluations.shown),
    classFrameworks: await db.from('division_frameworks').where('division_id', world.classId),
    assigned: await db.from('audit_logs').where('action', 'framework.assigned'),
  }
}

function assertWritten(assert: Assert, role: Role, w: Awaited<ReturnType<typeof written>>) {
  const teacher = role === 'teacher'
  assert.deepEqual(
    w.scenarios,
    (teacher
      ? [
          'Copie Vermillon',
          'Scénario Vermillon corrigé',
          'Scénario Vermillon nouveau',
          'Scénario Vermillon privé',
          'Scénario Vermillon public',
        ]
      : [
          'Scénario Vermillon à corriger',
          'Scénario Vermillon à supprimer',
          'Scénario Vermillon privé',
          'Scénario Vermillon public',
        ]
    ).sort(),
    `${role}: scenarios`
  )
  assert.lengthOf(w.attachments, teacher ? 1 : 2, `${role}: attachments`)
  assert.deepEqual(
    w.evaluations,
    (teacher
      ? ['Évaluation Vermillon', 'Évaluation Vermillon corrigée', 'Évaluation Vermillon visible']
      : [
          'Évaluation Vermillon à corriger',
          'Évaluation Vermillon à supprimer',
          'Évaluation Vermillon visible',
        ]
    ).sort(),
    `${role}: evaluations`
  )
  assert.deepEqual(
    w.grades.map((row) => row.level),
    teacher ? ['partial'] : [],
    `${role}: grades`
  )
  assert.lengthOf(w.classFrameworks, role === 'centre_manager' ? 1 : 0, `${role}: class`)
  assert.lengthOf(w.assigned, role === 'network_admin' ? 1 : 0, `${role}: assignment`)
}

test.group('Evaluations · authorisation, route by route', (group) => {
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
      const other = await CentreFactory.merge({ kind: 'training' }).create()
      await makeFramework([other], await makeUser('network_admin'))
      return other
    },
  })

  test('another teacher of the centre reads public scenarios only, never the author’s evaluations; another learner never reads the evaluation', async ({
    client,
    assert,
  }) => {
    const world = await makeWorld()
    const colleague = await makeUser('teacher', [world.centre])
    const learner = await makeUser('learner', [world.centre])
    await makeDivision(world.centre, 'Classe voisine', [colleague, learner])
    const before = await snapshot(world, colleague)
    // The colleague: what the author alone does is refused (403); the rest passes.
    const asColleague: Route<World>[] = ROUTES.map((route) =>
      AUTHOR_ONLY.has(routeKey(route)) ? { ...route, allowed: [], refused: [403] } : route
    )
    await runTableAs({ client, assert }, asColleague, world, colleague, { label: 'colleague' })
    // The other learner: as an outsider of the evaluation (404).
    await runTableAs({ client, assert }, ROUTES, world, learner, {
      outsider: true,
      label: 'another learner',
    })
    assert.deepEqual(await snapshot(world, colleague), before)
    // A private scenario is its author's alone.
    for (const path of [
      `/scenarios/${world.scenarios.private}`,
      `/scenarios/${world.scenarios.private}/duplicate`,
      `/scenarios/${world.scenarios.private}/pdf`,
      `/evaluations/create?scenario=${world.scenarios.private}`,
    ]) {
      const seen = await client.get(path).loginAs(colleague)
      assert.oneOf(seen.status(), [403, 404], `colleague ${path}`)
      const own = await client.get(path).loginAs(world.teacher)
      assert.equal(own.status(), 200, `author ${path}`)
    }
    // The colleague's writes were its own: a scenario, a copy and an evaluation.
    const theirs = await db
      .from('scenarios')
      .where('author_id', colleague.id)
      .orderBy('title')
      .select('title', 'centre_id')
    assert.deepEqual(
      theirs.map((row) => row.title),
      ['Copie Vermillon', 'Scénario Vermillon nouveau']
    )
    const evaluated = await Evaluation.query().where('author_id', colleague.id)
    assert.deepEqual(
      evaluated.map((e) => e.title),
      ['Évaluation Vermillon']
    )
  })
})

test.group('Evaluations · what another centre, teacher or learner never sees', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('scenario and evaluation lists, their filters, the pickers and a learner’s evaluations leave the others out', async ({
    client,
    assert,
  }) => {
    const world = await makeWorld()
    const other = await CentreFactory.merge({ name: 'Centre Outremer', kind: 'training' }).create()
    await makeFramework([other], await makeUser('network_admin'))
    const outsiders = await Promise.all(
      (['account_manager', 'centre_manager', 'teacher', 'learner'] as Role[]).map((role) =>
        makeUser(role, [other])
      )
    )
    await makeDivision(other, 'Classe Outremer', outsiders)
    // The same centre, another class: a colleague and a learner.
    const colleague = await makeUser('teacher', [world.centre])
    const neighbour = await makeUser('learner', [world.centre])
    await makeDivision(world.centre, 'Classe voisine', [colleague, neighbour])

    const insiders = [world.teacher, world.learner]
    const pages: LeakPage[] = [
      // Public scenarios are the centre's teachers', the private one its author's.
      {
        path: '/scenarios',
        secrets: ['Scénario Vermillon public', 'Scénario Vermillon privé'],
        roles: TEACHER,
        others: outsiders,
      },
      {
        path: '/scenarios',
        secrets: ['Scénario Vermillon privé'],
        roles: TEACHER,
        others: [colleague],
      },
      {
        path: '/scenarios?q=Vermillon',
        secrets: ['Scénario Vermillon public'],
        roles: TEACHER,
        others: outsiders,
      },
      {
        path: `/scenarios?author=${world.teacher.id}`,
        secrets: ['Scénario Vermillon public', 'Vermillonprof'],
        roles: TEACHER,
        others: outsiders,
      },
      // The centre's learners and classes in the pickers.
      {
        path: '/evaluations/create',
        secrets: ['Classe Vermillon', 'Vermillonapprenant'],
        roles: TEACHER,
        others: outsiders,
      },
      {
        path: `/evaluations/create?centre=${world.centre.id}`,
        secrets: [
          'Classe Vermillon',
          'Vermillonapprenant',
          `name="centre_id" value="${world.centre.id}"`,
        ],
        roles: TEACHER,
        others: outsiders,
      },
      {
        path: `/scenarios/create?centre=${world.centre.id}`,
        secrets: [`name="centre_id" value="${world.centre.id}"`],
        roles: TEACHER,
        others: outsiders,
      },
      // Evaluations are their author's.
      {
        path: '/evaluations',
        secrets: ['Évaluation Vermillon visible'],
        roles: TEACHER,
        others: [...outsiders, colleague],
      },
      {
        path: '/evaluations?q=Vermillon',
        secrets: ['Évaluation Vermillon visible'],
        roles: TEACHER,
        others: [...outsiders, colleague],
      },
      // A learner reads only the evaluations it is in.
      {
        path: '/my/evaluations',
        secrets: ['Évaluation Vermillon visible'],
        roles: LEARNER,
        others: [...outsiders, neighbour],
      },
      {
        path: '/my/evaluations?date=2026',
        secrets: ['Évaluation Vermillon visible'],
        roles: LEARNER,
        others: [...outsiders, neighbour],
      },
    ]
    // Each page names its own outsiders.
    await assertNoLeak({ client, assert }, pages, insiders, [])
  })
})
