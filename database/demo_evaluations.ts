import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { User } from '#accounts'
import type { Division } from '#centres'
import Competence from '#evaluations/models/competence'
import Evaluation from '#evaluations/models/evaluation'
import EvaluationCompetence from '#evaluations/models/evaluation_competence'
import EvaluationLearner from '#evaluations/models/evaluation_learner'
import Scenario from '#evaluations/models/scenario'
import ScenarioCompetence from '#evaluations/models/scenario_competence'
import type { GradeLevel } from '#evaluations/services/levels'

/** Learners of the demo class "BTS COM 1" besides Zoé Lefèvre, and the group each is in. */
const LEARNERS = [
  ['Lucas', 'Moreau', 'Groupe A'],
  ['Chloé', 'Garnier', 'Groupe A'],
  ['Nathan', 'Roussel', 'Groupe A'],
  ['Manon', 'Faure', 'Groupe B'],
  ['Hugo', 'Blanchard', 'Groupe B'],
  ['Inès', 'Mercier', 'Groupe B'],
] as const

/** Results of the demo evaluation, per learner (in the order above, Zoé last), per competence. */
const RESULTS: GradeLevel[][] = [
  ['total', 'partial'],
  ['partial', 'partial'],
  ['acquiring', 'errors'],
  ['total', 'total'],
  ['absent', 'absent'],
  ['partial', 'not_assessable'],
  ['total', 'acquiring'],
]

/**
 * The demo classroom of the Nantes training centre: six more learners in
 * "BTS COM 1" split into two groups, the teacher's public scenario, and an
 * evaluation made from it, graded and visible to the learners.
 */
export async function seedClassroom(
  trx: TransactionClientContract,
  input: {
    centreId: number
    division: Division
    teacher: User
    learner: User
    versionId: number
    password: string
  }
) {
  const learners: User[] = []
  for (const [firstName, lastName] of LEARNERS) {
    const user = await User.create(
      {
        email: `${firstName}.${lastName}@nantes.test`
          .toLowerCase()
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, ''),
        firstName,
        lastName,
        role: 'learner',
        status: 'active',
        locale: 'fr',
        password: input.password,
      },
      { client: trx }
    )
    await user.syncCentres([input.centreId], trx)
    learners.push(user)
  }
  await input.division.related('members').attach(learners.map((l) => l.id))
  const now = DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss')
  for (const name of ['Groupe A', 'Groupe B']) {
    const [row] = await trx
      .table('learner_groups')
      .insert({ division_id: input.division.id, name, created_at: now, updated_at: now })
      .returning('id')
    const groupId = Number(typeof row === 'object' ? row.id : row)
    await trx
      .table('learner_group_members')
      .multiInsert(
        learners
          .filter((_, index) => LEARNERS[index][2] === name)
          .map((user) => ({ learner_group_id: groupId, user_id: user.id }))
      )
  }

  const competences = await Competence.query({ client: trx })
    .where('version_id', input.versionId)
    .whereIn('code', ['C11.1', 'C13.1'])
    .orderBy('code')
  const scenario = await Scenario.create(
    {
      centreId: input.centreId,
      authorId: input.teacher.id,
      title: 'Lancement de la gamme printemps',
      level: 'BTS 1',
      visibility: 'public',
      context:
        'La coopérative Grain de Loire lance sa gamme de printemps et veut un plan de communication pour ses magasins.',
      materials: 'Suite bureautique, logiciel de PAO',
      links: ['https://example.org/grain-de-loire'],
      resources: 'Charte graphique, chiffres de vente 2025',
    },
    { client: trx }
  )
  const hazards = competences.map((c, index) => (index === 1 ? c.hazards.slice(0, 1) : []))
  await ScenarioCompetence.createMany(
    competences.map((c, index) => ({
      scenarioId: scenario.id,
      competenceId: c.id,
      position: index + 1,
      complexities: [],
      hazards: hazards[index],
    })),
    { client: trx }
  )
  const evaluation = await Evaluation.create(
    {
      centreId: input.centreId,
      authorId: input.teacher.id,
      scenarioId: scenario.id,
      title: 'Oral : plan de communication printemps',
      evaluatedOn: DateTime.utc().minus({ days: 7 }).startOf('day'),
      visible: true,
    },
    { client: trx }
  )
  await EvaluationCompetence.createMany(
    competences.map((c, index) => ({
      evaluationId: evaluation.id,
      competenceId: c.id,
      position: index + 1,
      complexities: [],
      hazards: hazards[index],
    })),
    { client: trx }
  )
  const everyone = [...learners, input.learner]
  await EvaluationLearner.createMany(
    everyone.map((user) => ({
      evaluationId: evaluation.id,
      userId: user.id,
      comment:
        user.id === input.learner.id
          ? 'Plan clair et bien argumenté ; le budget reste à chiffrer.'
          : null,
    })),
    { client: trx }
  )
  await trx.table('evaluation_grades').multiInsert(
    everyone.flatMap((user, row) =>
      competences.map((c, column) => ({
        evaluation_id: evaluation.id,
        user_id: user.id,
        competence_id: c.id,
        level: RESULTS[row][column],
        updated_at: now,
      }))
    )
  )
}
