import { BaseSeeder } from '@adonisjs/lucid/seeders'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { Centre, Division, Group } from '#centres'
import { Candidate, recordCandidateExam } from '#candidates'
import { User } from '#accounts'
import type { Role } from '#shared/roles'
import {
  DEMO_CANDIDATES,
  DEMO_CENTRES,
  DEMO_CLASSES,
  DEMO_GROUPS,
  DEMO_PASSWORD,
  DEMO_USERS,
} from '#database/demo'

/** Seeds the demo network once: a second run finds it and does nothing. */
export default class MainSeeder extends BaseSeeder {
  async run() {
    if (await User.query().where('email', DEMO_USERS[0].email).first()) return

    await db.transaction(async (trx) => {
      const centres = new Map<string, number>()
      for (const data of DEMO_CENTRES) {
        const centre = await Centre.create(
          { ...data, status: 'active', contactEmail: `contact@${data.code.toLowerCase()}.test` },
          { client: trx }
        )
        centres.set(centre.code, centre.id)
      }
      const users = new Map<string, User>()
      for (const data of DEMO_USERS) {
        const user = await User.create(
          {
            email: data.email,
            firstName: data.firstName,
            lastName: data.lastName,
            role: data.role as Role,
            status: 'active',
            locale: 'fr',
            password: DEMO_PASSWORD,
          },
          { client: trx }
        )
        await user.syncCentres(
          data.centres.map((code) => centres.get(code)!),
          trx
        )
        users.set(data.email, user)
      }
      // The training centre's classes, with the demo teacher and learner.
      for (const name of DEMO_CLASSES) {
        const division = await Division.create(
          { centreId: centres.get('FR-NAN-01')!, name },
          { client: trx }
        )
        if (name === DEMO_CLASSES[0]) {
          await division
            .related('members')
            .attach(
              ['enseignant@nantes.test', 'apprenant@nantes.test'].map(
                (email) => users.get(email)!.id
              )
            )
        }
      }
      // Candidates of the Paris centre, in groups, with exams in several states.
      const paris = centres.get('FR-PAR-01')!
      const groups = new Map<string, number>()
      for (const data of DEMO_GROUPS) {
        const group = await Group.create(
          { centreId: paris, name: data.name, category: data.category, hidden: 'hidden' in data },
          { client: trx }
        )
        groups.set(group.name, group.id)
      }
      let sourceId = 0
      for (const { groups: names, exam, birthDate, ...data } of DEMO_CANDIDATES) {
        const candidate = await Candidate.create(
          {
            ...data,
            centreId: paris,
            birthDate: DateTime.fromISO(birthDate, { zone: 'utc' }),
            examStatus: 'to_assign',
            lastActivityAt: DateTime.utc(),
          },
          { client: trx }
        )
        await candidate.related('groups').attach(
          names.map((name) => groups.get(name)!),
          trx
        )
        if (exam) {
          await recordCandidateExam(
            {
              candidateId: candidate.id,
              source: 'registration',
              sourceId: ++sourceId,
              examType: exam.type,
              status: exam.status,
              validation: exam.validation,
              score: exam.score,
              examDate: DateTime.fromISO(exam.date, { zone: 'utc' }),
            },
            trx
          )
        }
      }
    })
  }
}
