import factory from '@adonisjs/lucid/factories'
import { Centre } from '#centres'
import { User } from '#accounts'
import type { Role } from '#shared/roles'

/** The password of every factory user (≥ 10 characters, like real ones). */
export const TEST_PASSWORD = 'correct-horse-battery'

let sequence = 0
const next = () => ++sequence

export const CentreFactory = factory
  .define(Centre, () => {
    const n = next()
    return {
      code: `T-${String(n).padStart(4, '0')}`,
      name: `Centre d'essai ${n}`,
      kind: 'exam' as const,
      country: 'FR',
      timeZone: 'Europe/Paris',
      status: 'active' as const,
      onlineVisibility: 'hidden' as const,
    }
  })
  .build()

export const UserFactory = factory
  .define(User, () => {
    const n = next()
    return {
      firstName: 'Camille',
      lastName: `Test${n}`,
      email: `user${n}-${Date.now()}@example.test`,
      role: 'centre_staff' as Role,
      status: 'active' as const,
      locale: 'fr' as const,
      password: TEST_PASSWORD,
    }
  })
  .build()

/** An active user of a role, member of the given centres. */
export async function makeUser(role: Role, centres: Centre[] = [], attributes: Partial<User> = {}) {
  const user = await UserFactory.merge({ role, ...attributes }).create()
  await user.syncCentres(centres.map((c) => c.id))
  return user
}
