/**
 * The roles of SPEC §1. Network roles see across centres (an account manager only
 * its portfolio); centre roles see only the centres they belong to.
 */
export const ROLES = [
  'network_admin',
  'account_manager',
  'centre_manager',
  'centre_staff',
  'evaluator',
  'teacher',
  'learner',
] as const

export type Role = (typeof ROLES)[number]

export const NETWORK_ROLES: readonly Role[] = ['network_admin', 'account_manager']
export const CENTRE_ROLES: readonly Role[] = [
  'centre_manager',
  'centre_staff',
  'evaluator',
  'teacher',
  'learner',
]

export function isNetworkRole(role: Role) {
  return NETWORK_ROLES.includes(role)
}

/**
 * Who is acting, as the kernel needs to know it: modules receive the accounts
 * module's User, which satisfies this shape once its centres are loaded.
 */
export interface Actor {
  id: number
  role: Role
  /** Centres the actor may see: memberships, or an account manager's portfolio. */
  centreIds: number[]
}
