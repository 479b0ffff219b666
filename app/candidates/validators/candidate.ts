import vine from '@vinejs/vine'
import { COUNTRY_CODES } from '#centres'
import {
  CANDIDATE_STATUSES,
  CIVILITIES,
  EDUCATION_LEVELS,
  FUNDINGS,
  LANGUAGES,
  SOCIO_CATEGORIES,
} from '#candidates/models/candidate'

const text = (max: number) => vine.string().trim().maxLength(max)
const optionalText = (max: number) => text(max).optional()
const name = () => vine.string().trim().minLength(1).maxLength(100)
const country = () => vine.enum(COUNTRY_CODES).optional()
const postcode = () =>
  vine
    .string()
    .trim()
    .regex(/^[A-Za-z0-9 -]{2,12}$/)
    .optional()

/** Step 1, Identité (required). */
export const identityValidator = vine.create({
  centre_id: vine.number().withoutDecimals().range([1, 2147483647]).optional(),
  civility: vine.enum(CIVILITIES),
  last_name: name(),
  birth_name: optionalText(100),
  first_name: name(),
  email: vine.string().trim().toLowerCase().email().maxLength(254),
  birth_date: vine
    .date({ formats: ['YYYY-MM-DD'] })
    .before('today')
    .afterOrEqual('1900-01-01'),
  birth_postcode: postcode(),
  birth_town: optionalText(100),
  birth_country: country(),
  nationality: country(),
  id_number: optionalText(40),
  confirm_duplicate: vine.boolean().optional(),
})

/**
 * The identity an examiner checks against the ID document on exam day (seed
 * 000 part 3, "Informations candidat"): the identity page without the email
 * (the login) and the centre.
 */
export const examDayIdentityValidator = vine.create({
  civility: vine.enum(CIVILITIES),
  last_name: name(),
  birth_name: optionalText(100),
  first_name: name(),
  birth_date: vine
    .date({ formats: ['YYYY-MM-DD'] })
    .before('today')
    .afterOrEqual('1900-01-01'),
  birth_town: optionalText(100),
  birth_country: country(),
  nationality: country(),
  id_number: optionalText(40),
})

/** Step 2, Compte (required choice): an account with an invitation, or none for now. */
export const accountValidator = vine.create({
  account: vine.enum(['invite', 'none'] as const),
})

/** Step 3, Informations (required). */
export const informationValidator = vine.create({
  status: vine.enum(CANDIDATE_STATUSES),
  funding: vine.enum(FUNDINGS),
})

/** Step 4, Coordonnées (optional). */
export const contactValidator = vine.create({
  phone: vine
    .string()
    .trim()
    .regex(/^\+?[0-9 ().-]{6,20}$/)
    .optional(),
  address: optionalText(200),
  postcode: postcode(),
  town: optionalText(100),
  residence_country: country(),
})

/** Step 5, Divers (optional). */
export const miscValidator = vine.create({
  education_level: vine.enum(EDUCATION_LEVELS).optional(),
  socio_category: vine.enum(SOCIO_CATEGORIES).optional(),
  mother_tongue: vine.enum(LANGUAGES).optional(),
})

export const retentionValidator = vine.create({
  years: vine.number().withoutDecimals().min(1).max(50),
})
