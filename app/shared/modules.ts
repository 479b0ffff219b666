/** The bounded modules of Passerelle, in dependency order (see STYLE.md). */
export const MODULES = [
  'accounts',
  'centres',
  'messaging',
  'candidates',
  'sessions',
  'evaluations',
  'passports',
  'orders',
  'dashboard',
] as const

export type ModuleName = (typeof MODULES)[number]
