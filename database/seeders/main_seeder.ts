import { BaseSeeder } from '@adonisjs/lucid/seeders'
import db from '@adonisjs/lucid/services/db'
import { Centre, Division } from '#centres'
import { User } from '#accounts'
import type { Role } from '#shared/roles'
import { DEMO_CENTRES, DEMO_CLASSES, DEMO_PASSWORD, DEMO_USERS } from '#database/demo'

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
    })
  }
}
