import i18nManager from '@adonisjs/i18n/services/main'

/**
 * The six kinds of exam credit (seed 004 §3). What a kind needs when it is
 * assigned follows from it: an exam date for exams taken on site, a partner
 * centre's session for official exams there, and an activation code that the
 * examiner types for the exams the centre supervises (not those in a partner
 * centre, not remote ones).
 */
export const CREDIT_TYPES = [
  'mock_remote',
  'mock_onsite',
  'mock_manual',
  'demo',
  'official_partner',
  'official_approved',
] as const

export type CreditType = (typeof CREDIT_TYPES)[number]

const ON_SITE: readonly CreditType[] = ['mock_onsite', 'official_approved']
const SUPERVISED: readonly CreditType[] = ['mock_onsite', 'mock_manual', 'official_approved']

export function isCreditType(value: unknown): value is CreditType {
  return (CREDIT_TYPES as readonly unknown[]).includes(value)
}

/** The centre sets the exam date when the exam is taken on its premises. */
export function needsExamDate(type: CreditType) {
  return ON_SITE.includes(type)
}

/** Official exams in a partner centre are booked on one of its sessions. */
export function needsPartnerSession(type: CreditType) {
  return type === 'official_partner'
}

/** An examiner of the centre starts the exam with its activation code. */
export function hasActivationCode(type: CreditType) {
  return SUPERVISED.includes(type)
}

/**
 * The type as the candidate table and file show it ("Examen officiel - en
 * centre agréé", seed 004 §6.1), in French like the rest of the file's data.
 */
export function examTypeLabel(type: CreditType) {
  return i18nManager.locale('fr').t(`orders.types.${type}`)
}
