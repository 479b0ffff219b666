import vine from '@vinejs/vine'
import { COUNTRY_CODES } from '#centres/services/places'

const TIME_ZONES = new Set(Intl.supportedValuesOf('timeZone'))

export const KINDS = ['exam', 'training', 'both'] as const
export const STATUSES = ['active', 'inactive'] as const
export const VISIBILITIES = ['hidden', 'with_sessions', 'without_sessions'] as const

const optionalText = (max: number) => vine.string().trim().maxLength(max).optional()

/** Contact details, the part a centre manager may edit itself. */
const contactFields = {
  address: optionalText(255),
  postcode: optionalText(16),
  city: optionalText(120),
  contact_email: vine.string().trim().toLowerCase().email().maxLength(254).optional(),
  phone: vine
    .string()
    .trim()
    .regex(/^\+?[0-9 ().-]{6,20}$/)
    .optional(),
}

const identityFields = {
  name: vine.string().trim().minLength(2).maxLength(160),
  kind: vine.enum(KINDS),
  country: vine.string().trim().toUpperCase().in(COUNTRY_CODES),
  time_zone: vine
    .string()
    .trim()
    .in([...TIME_ZONES]),
  online_visibility: vine.enum(VISIBILITIES),
}

const networkFields = {
  status: vine.enum(STATUSES).optional(),
  account_manager_id: vine.number().withoutDecimals().range([1, 2147483647]).optional(),
}

const code = () =>
  vine
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9-]{2,32}$/)

export const createCentreValidator = vine.create({
  code: code().unique(
    async (db, value) => !(await db.from('centres').where('code', value).first())
  ),
  ...identityFields,
  ...contactFields,
  ...networkFields,
})

export const updateCentreValidator = vine.create({
  code: code().unique(async (db, value, field) => {
    const row = await db
      .from('centres')
      .where('code', value)
      .whereNot('id', field.meta.centreId)
      .first()
    return !row
  }),
  ...identityFields,
  ...contactFields,
  ...networkFields,
})

export const updateCentreProfileValidator = vine.create(contactFields)
