import vine from '@vinejs/vine'
import { RANGES } from '#sessions/models/product'

export const MOTIVATIONS = [
  'citizenship',
  'residence',
  'immigration_canada',
  'immigration_quebec',
  'studies',
  'work',
  'other',
] as const

export const productStepValidator = vine.create({
  product_id: vine.number().withoutDecimals().range([1, 2147483647]),
  centre_id: vine.number().withoutDecimals().range([1, 2147483647]).optional(),
})

export const scheduleStepValidator = vine.create({
  date: vine.date({ formats: ['YYYY-MM-DD'] }).afterOrEqual('today'),
  time: vine.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  place: vine.string().trim().minLength(2).maxLength(200),
  seats: vine.number().withoutDecimals().min(1).max(2000),
})

export const testsStepValidator = vine.create({
  tests: vine.array(vine.string().trim().maxLength(8)).minLength(1),
})

/** Prices are typed in euros with a comma or a dot; kept in cents. */
const euros = () =>
  vine
    .string()
    .trim()
    .regex(/^\d{1,6}([.,]\d{1,2})?$/)

export const tariffStepValidator = vine.create({
  prices: vine.record(euros()),
  vat_rate: vine
    .string()
    .trim()
    .regex(/^\d{1,2}([.,]\d{1,2})?$/),
})

export const visibilityStepValidator = vine.create({
  visibility: vine.enum(['hidden', 'with_sessions', 'without_sessions'] as const),
})

export const registrationValidator = vine.create({
  candidate_id: vine.number().withoutDecimals().range([1, 2147483647]),
  tests: vine.array(vine.string().trim().maxLength(8)).optional(),
  motivation: vine.enum(MOTIVATIONS).optional(),
  id_number: vine.string().trim().maxLength(40).optional(),
})

export const productValidator = vine.create({
  number: vine.number().withoutDecimals().min(1).max(99999),
  range: vine.enum(RANGES),
  code: vine
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{2,20}$/),
  name: vine.string().trim().minLength(2).maxLength(120),
  description: vine.string().trim().maxLength(1000).optional(),
  modular: vine.boolean().optional(),
  status: vine.enum(['active', 'inactive'] as const),
  valid_from: vine.date({ formats: ['YYYY-MM-DD'] }).optional(),
  valid_to: vine.date({ formats: ['YYYY-MM-DD'] }).optional(),
  /** One test per line: "CE | Compréhension écrite" or "EO | Expression orale | A,B". */
  tests: vine.string().trim().minLength(2).maxLength(2000),
})
